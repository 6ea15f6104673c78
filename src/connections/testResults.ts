// The last test result of each connection, kept on this machine only (not synced: another machine's
// network says nothing about this one's).
import { Emitter, type Disposable, type Event } from './emitter';
import type { ConnectionStore, MementoLike } from './connectionStore';
import { MementoRecord } from './mementoRecord';
import type { KeyVault } from './keyVault';

export interface StoredTestResult {
  ok: boolean;
  category: string;
  message: string;
  latencyMs: number;
  at: string;
}

export class TestResults {
  private readonly changed = new Emitter<string>();
  readonly onDidChange: Event<string> = this.changed.event;

  private readonly record: MementoRecord<StoredTestResult>;

  constructor(memento: MementoLike, key: string) {
    this.record = new MementoRecord(memento, key);
  }

  get(id: string): StoredTestResult | undefined {
    const r = this.record.get(id);
    return r && typeof r.ok === 'boolean' && typeof r.message === 'string' ? r : undefined;
  }

  async set(id: string, result: StoredTestResult): Promise<void> {
    await this.record.set(id, result);
    this.changed.fire(id);
  }

  /**
   * Drops results that no longer describe a connection: its key changed, or a field the test depended on.
   * Returns the subscriptions.
   */
  followChanges(store: ConnectionStore, vault: KeyVault): Disposable[] {
    const tested = ['provider', 'apiUrl', 'model', 'headers', 'timeoutSeconds'] as const;
    return [
      vault.onDidChange((id) => void this.forget(id)),
      store.onDidUpdate(({ before, after }) => {
        if (tested.some((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]))) void this.forget(after.id);
      }),
    ];
  }

  async forget(id: string): Promise<void> {
    if (await this.record.delete(id)) this.changed.fire(id);
  }
}
