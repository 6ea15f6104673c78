// Which connections the user let send their key over plain http to a remote host, per origin. Kept on this
// machine only (a yes given here says nothing about another machine's network), never synced.
import type { MementoLike } from './connectionStore';

export class PlainHttpConsents {
  constructor(
    private readonly memento: MementoLike,
    private readonly key: string,
  ) {}

  private all(): Record<string, string[]> {
    const raw = this.memento.get<unknown>(this.key);
    return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, string[]>) : {};
  }

  allows(connectionId: string, origin: string): boolean {
    const origins = this.all()[connectionId];
    return Array.isArray(origins) && origins.includes(origin);
  }

  async allow(connectionId: string, origin: string): Promise<void> {
    const all = this.all();
    const origins = Array.isArray(all[connectionId]) ? all[connectionId] : [];
    if (origins.includes(origin)) return;
    await this.memento.update(this.key, { ...all, [connectionId]: [...origins, origin] });
  }

  async forget(connectionId: string): Promise<void> {
    const all = this.all();
    if (!(connectionId in all)) return;
    delete all[connectionId];
    await this.memento.update(this.key, { ...all });
  }
}
