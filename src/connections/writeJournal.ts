// globalState is one storage item per extension: every write stores this window's copy of all its keys. When two
// windows write at nearly the same time, the one that lands last wins whole — the other window's write is gone
// even though it was to another key, and each window may be left holding the other's copy (vscode-host.md,
// "Two tabs are two windows"). Per-connection keys make that repairable: each window remembers what it wrote
// for a few seconds, and when a key it wrote reads back as one of the values it replaced, another window's
// stale copy overwrote it: it writes it again (now on top of the other window's changes, so both survive).
// A key that reads back as something else was changed after us on purpose (another window's edit): kept.

import type { MementoLike } from './storeTypes';

interface Written {
  /** JSON of what this window wrote. */
  after: string;
  /** JSON of every value it replaced within the journal's time: reading one of these back means "overwritten". */
  replaced: string[];
  value: unknown;
  at: number;
}

/** Long enough for another window's stale copy to land and come back (code-server: 300–500 ms each way). */
export const JOURNAL_MS = 8_000;

const json = (v: unknown) => (v === undefined ? 'undefined' : JSON.stringify(v));

export class WriteJournal {
  private readonly written = new Map<string, Written>();

  constructor(
    private readonly memento: MementoLike,
    private readonly now: () => number = Date.now,
    private readonly keepMs = JOURNAL_MS,
  ) {}

  /** Writes a key (undefined removes it) and remembers the write. */
  async put(key: string, value: unknown): Promise<void> {
    const before = json(this.memento.get(key));
    const earlier = this.written.get(key);
    const replaced = earlier && this.now() - earlier.at < this.keepMs ? [...earlier.replaced, earlier.after] : [];
    await this.memento.update(key, value);
    const after = json(value);
    this.written.set(key, { after, replaced: [...replaced, before].filter((r) => r !== after), value, at: this.now() });
  }

  get pending(): boolean {
    return this.written.size > 0;
  }

  /**
   * Writes again every remembered key another window's stale copy overwrote; returns their keys.
   * @param removedOnPurpose whether a key that is gone now was deleted on purpose (a tombstone says so)
   */
  async repair(removedOnPurpose: (key: string) => boolean = () => false): Promise<string[]> {
    const repaired: string[] = [];
    for (const [key, w] of [...this.written]) {
      if (this.now() - w.at > this.keepMs) {
        this.written.delete(key);
        continue;
      }
      const current = json(this.memento.get(key));
      if (current === w.after) continue;
      if (w.replaced.includes(current) && !(current === 'undefined' && removedOnPurpose(key))) {
        await this.memento.update(key, w.value);
        repaired.push(key);
      } else {
        this.written.delete(key); // a later change made on purpose elsewhere: theirs stands
      }
    }
    return repaired;
  }
}

/** Tombstones matter only for the seconds a window remembers its writes; a day later they go. */
export async function dropOldTombstones(memento: MementoLike, prefix: string, now: number): Promise<void> {
  for (const key of memento.keys().filter((k) => k.startsWith(prefix))) {
    const at = Date.parse(String(memento.get<{ at?: unknown }>(key)?.at));
    if (!(at > now - 86_400_000)) await memento.update(key, undefined).then(undefined, () => undefined);
  }
}
