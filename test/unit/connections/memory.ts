// In-memory Memento / SecretStorage for the fast tier only; the integration tier uses the real ones.
import type { MementoLike } from '../../../src/connections/connectionStore';
import type { SecretStorageLike } from '../../../src/connections/keyVault';

export class MemoryMemento implements MementoLike {
  readonly values = new Map<string, unknown>();
  writes = 0;
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    // Like VS Code, store a JSON copy and yield, so interleaved writers would race without a queue.
    await new Promise((r) => setTimeout(r, Math.random() * 3));
    this.writes++;
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, JSON.parse(JSON.stringify(value)));
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
