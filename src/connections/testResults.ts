// The last test result of each connection, kept on this machine only (not synced: another machine's
// network says nothing about this one's).
import { Emitter, type Disposable, type Event } from './emitter';
import type { ConnectionStore, MementoLike } from './connectionStore';
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

  constructor(
    private readonly memento: MementoLike,
    private readonly key: string,
  ) {}

  private all(): Record<string, StoredTestResult> {
    const raw = this.memento.get<unknown>(this.key);
    return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, StoredTestResult>) : {};
  }

  get(id: string): StoredTestResult | undefined {
    const r = this.all()[id];
    return r && typeof r.ok === 'boolean' && typeof r.message === 'string' ? r : undefined;
  }

  async set(id: string, result: StoredTestResult): Promise<void> {
    await this.memento.update(this.key, { ...this.all(), [id]: result });
    this.changed.fire(id);
  }

  /**
   * Drops results that no longer describe a connection: its key changed, or a field the test depended on.
   * Returns the subscriptions. A result that cannot be dropped (the storage write fails) is logged.
   */
  followChanges(store: ConnectionStore, vault: KeyVault, log: { warn(message: string): void }): Disposable[] {
    const tested = ['provider', 'apiUrl', 'model', 'headers', 'timeoutSeconds'] as const;
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
    const all = this.all();
    if (!(id in all)) return;
    delete all[id];
    await this.memento.update(this.key, { ...all });
    this.changed.fire(id);
  }
}
