// In-memory Memento / SecretStorage for the fast tier only; the integration tier uses the real ones.
import type { MementoLike } from '../../../src/connections/connectionStore';
import type { SecretStorageLike } from '../../../src/connections/keyVault';

export class MemoryMemento implements MementoLike {
  readonly values = new Map<string, unknown>();
  writes = 0;
  /** Every list setKeysForSync was given, oldest first. */
  readonly syncedKeys: string[][] = [];
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  setKeysForSync(keys: readonly string[]): void {
    this.syncedKeys.push([...keys]);
  }
  async update(key: string, value: unknown): Promise<void> {
    // Like VS Code, store a JSON copy and yield, so interleaved writers would race without a queue.
    await new Promise((r) => setTimeout(r, Math.random() * 3));
    this.writes++;
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, JSON.parse(JSON.stringify(value)));
  }
}

/**
 * globalState as several windows of one profile share it (measured on code-server, vscode-host.md "Two tabs are
 * two windows"): all of an extension's keys are one storage item; each window holds its own copy and writes the
 * whole copy; another window receives it `delayMs` later and replaces its copy with it (fresh objects), without
 * an event. Two windows writing within the delay each end up with the other's copy, and the store holds the one
 * that landed last: the lost update the store must repair.
 */
export class SharedGlobalState {
  private stored: Record<string, unknown> = {};
  private readonly windows: WindowMemento[] = [];
  constructor(readonly delayMs = 20) {}

  window(): WindowMemento {
    const w = new WindowMemento(this, JSON.parse(JSON.stringify(this.stored)));
    this.windows.push(w);
    return w;
  }

  /** What storage itself holds now. */
  get(key: string): unknown {
    return this.stored[key];
  }

  land(from: WindowMemento, copy: string): void {
    this.stored = JSON.parse(copy);
    setTimeout(() => {
      for (const w of this.windows) if (w !== from) w.accept(JSON.parse(copy));
    }, this.delayMs);
  }
}

export class WindowMemento implements MementoLike {
  readonly syncedKeys: string[][] = [];
  constructor(
    private readonly shared: SharedGlobalState,
    private value: Record<string, unknown>,
  ) {}
  get<T>(key: string): T | undefined {
    return this.value[key] as T | undefined;
  }
  keys(): readonly string[] {
    return Object.keys(this.value);
  }
  setKeysForSync(keys: readonly string[]): void {
    this.syncedKeys.push([...keys]);
  }
  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) delete this.value[key];
    else this.value[key] = JSON.parse(JSON.stringify(value));
    const copy = JSON.stringify(this.value);
    await new Promise((r) => setTimeout(r, 1));
    this.shared.land(this, copy);
  }
  accept(value: Record<string, unknown>): void {
    this.value = value;
  }
}

export class MemorySecrets implements SecretStorageLike {
  readonly values = new Map<string, string>();
  private listeners = new Set<(e: { key: string }) => unknown>();
  async get(key: string) {
    return this.values.get(key);
  }
  async store(key: string, value: string) {
    this.values.set(key, value);
    for (const l of this.listeners) l({ key });
  }
  async delete(key: string) {
    this.values.delete(key);
    for (const l of this.listeners) l({ key });
  }
  async keys() {
    return [...this.values.keys()];
  }
  onDidChange = (l: (e: { key: string }) => unknown) => {
    this.listeners.add(l);
    return { dispose: () => this.listeners.delete(l) };
  };
}
