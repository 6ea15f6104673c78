// One globalState entry holding a record by connection id (test results, model facts, plain-http consents):
// read defensively (anything but an object reads as empty), written whole.
import type { MementoLike } from './connectionStore';

export class MementoRecord<T> {
  constructor(
    private readonly memento: MementoLike,
    private readonly key: string,
  ) {}

  read(): Record<string, T> {
    const raw = this.memento.get<unknown>(this.key);
    return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? { ...(raw as Record<string, T>) } : {};
  }

  get(id: string): T | undefined {
    return this.read()[id];
  }

  async set(id: string, value: T): Promise<void> {
    await this.memento.update(this.key, { ...this.read(), [id]: value });
  }

  /** Removes `id`; false when there was nothing to remove (and nothing was written). */
  async delete(id: string): Promise<boolean> {
    const all = this.read();
    if (!(id in all)) return false;
    delete all[id];
    await this.memento.update(this.key, all);
    return true;
  }
}
