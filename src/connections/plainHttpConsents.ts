// Which connections the user let send their key over plain http to a remote host, per origin. Kept on this
// machine only (a yes given here says nothing about another machine's network), never synced.
import type { MementoLike } from './connectionStore';
import { MementoRecord } from './mementoRecord';

export class PlainHttpConsents {
  private readonly record: MementoRecord<string[]>;

  constructor(memento: MementoLike, key: string) {
    this.record = new MementoRecord(memento, key);
  }

  private origins(connectionId: string): string[] {
    const origins = this.record.get(connectionId);
    return Array.isArray(origins) ? origins : [];
  }

  allows(connectionId: string, origin: string): boolean {
    return this.origins(connectionId).includes(origin);
  }

  async allow(connectionId: string, origin: string): Promise<void> {
    const origins = this.origins(connectionId);
    if (!origins.includes(origin)) await this.record.set(connectionId, [...origins, origin]);
  }

  async forget(connectionId: string): Promise<void> {
    await this.record.delete(connectionId);
  }
}
