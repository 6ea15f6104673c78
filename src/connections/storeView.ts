// The store's parsed picture of globalState, read once and kept until storage changes: by a write here
// (invalidate), or outside this window, which `isCurrent` notices by comparing the identity of each stored value
// (VS Code hands the extension a new object for every value when another window's write arrives).
import type { MementoLike } from './storeTypes';
import { readStore, type ParsedStore } from './storedEntries';
import type { StoreKeys } from './storeTypes';

export class StoreView {
  private cache: { parsed: ParsedStore; raws: Map<string, unknown>; signature: string } | undefined;
  private syncedKeys = '';

  constructor(
    private readonly memento: MementoLike,
    private readonly keys: StoreKeys,
  ) {}

  parsed(): ParsedStore {
    if (!this.cache) {
      const parsed = readStore(this.memento, this.keys);
      const raws = new Map<string, unknown>();
      for (const k of [...parsed.storageKeys, ...this.singleKeys()]) raws.set(k, this.memento.get(k));
      const signature = JSON.stringify([parsed.connections, parsed.invalid.map((e) => [e.storageKey, e.raw]), parsed.defaultId, parsed.problem]);
      this.cache = { parsed, raws, signature };
      this.registerForSync(parsed);
    }
    return this.cache.parsed;
  }

  /** What listeners see: equal signatures mean nothing they show changed. */
  signature(): string {
    this.parsed();
    return this.cache!.signature;
  }

  invalidate(): void {
    this.cache = undefined;
  }

  /** Whether storage still holds exactly the values parsed() read (no parse: one identity check per value). */
  isCurrent(): boolean {
    if (!this.cache) return false;
    const { raws, parsed } = this.cache;
    let count = 0;
    for (const k of this.memento.keys()) {
      if (!k.startsWith(this.keys.connectionPrefix)) continue;
      const value = this.memento.get(k);
      if (value === undefined) continue;
      count++;
      if (raws.get(k) !== value) return false;
    }
    return count === parsed.storageKeys.length && this.singleKeys().every((k) => raws.get(k) === this.memento.get(k));
  }

  private singleKeys(): string[] {
    return [this.keys.defaultConnection, this.keys.legacyDocument, this.keys.legacyBackup];
  }

  /**
   * Settings Sync carries every connection key and the default — never keys, header values or test results —
   * and the list follows connections as they come and go (here, in another window, or by Sync itself).
   */
  private registerForSync(parsed: ParsedStore): void {
    const keys = [this.keys.defaultConnection, ...parsed.storageKeys];
    const joined = keys.join('\n');
    if (joined === this.syncedKeys) return;
    this.syncedKeys = joined;
    this.memento.setKeysForSync?.(keys);
  }
}
