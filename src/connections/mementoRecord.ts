// One globalState entry holding a record by connection id (test results, model facts, plain-http consents):
// read defensively (anything but an object reads as empty), written whole.
import type { MementoLike } from './connectionStore';
import { JOURNAL_MS } from './writeJournal';

const json = (v: unknown) => (v === undefined ? 'undefined' : JSON.stringify(v));

export class MementoRecord<T> {
  /** This window's last write: globalState can briefly hand back the value it replaced (a late echo). */
  private mine: { replaced: string; value: unknown; at: number } | undefined;

  constructor(
    private readonly memento: MementoLike,
    private readonly key: string,
    private readonly now: () => number = Date.now,
  ) {}

  read(): Record<string, T> {
    let raw = this.memento.get<unknown>(this.key);
    // Reading back, shortly after our write, exactly what it replaced is the host's late echo of the older
    // value, not a change: our write stands. Any other value is a real change (another window) and wins.
    if (this.mine && this.now() - this.mine.at < JOURNAL_MS && json(raw) === this.mine.replaced) raw = this.mine.value;
    return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? { ...(raw as Record<string, T>) } : {};
  }

  get(id: string): T | undefined {
    return this.read()[id];
  }

  async set(id: string, value: T): Promise<void> {
    await this.write({ ...this.read(), [id]: value });
  }

  /** Removes `id`; false when there was nothing to remove (and nothing was written). */
  async delete(id: string): Promise<boolean> {
    const all = this.read();
    if (!(id in all)) return false;
    delete all[id];
    await this.write(all);
    return true;
  }

  private async write(value: Record<string, T>): Promise<void> {
    const replaced = json(this.memento.get<unknown>(this.key));
    await this.memento.update(this.key, value);
    this.mine = { replaced, value, at: this.now() };
  }
}
