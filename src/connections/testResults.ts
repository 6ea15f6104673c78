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
   * Returns the subscriptions. A result that cannot be dropped (the storage write fails) is logged.
   */
  followChanges(store: Pick<ConnectionStore, 'onDidUpdate'>, vault: KeyVault, log: { warn(message: string): void }): Disposable[] {
    // Header values are secrets: a change of them reaches here through the vault's event.
    const tested = ['provider', 'apiUrl', 'model', 'headerNames', 'timeoutSeconds'] as const;
    const forget = (id: string): void => {
      this.forget(id).catch((error: unknown) =>
        log.warn(`stale test result of connection ${id} not removed: ${error instanceof Error ? error.message : String(error)}`),
      );
    };
    return [
      vault.onDidChange((id) => forget(id)),
      store.onDidUpdate(({ before, after }) => {
        if (tested.some((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]))) forget(after.id);
      }),
    ];
  }

  async forget(id: string): Promise<void> {
    if (await this.record.delete(id)) this.changed.fire(id);
  }
}
