// What the provider's model list said about each connection's model (context window, output limit, tools,
// images), kept so chat offers the model with its real limits without asking the provider again. Learned
// whenever a list is fetched (List Models, Test, the form, chat's own background look-up); local to this machine.
import type { ModelInfo } from '../providers';
import type { Connection } from '../shared/connection';
import { Emitter, type Event } from './emitter';
import type { MementoLike } from './connectionStore';
import { MementoRecord } from './mementoRecord';

interface StoredFacts {
  /** What the facts depend on: a changed provider, URL or model makes them stale. */
  provider: string;
  apiUrl: string;
  model: ModelInfo;
}

export class ModelFacts {
  private readonly changed = new Emitter<string>();
  /** Fires with the connection id whose facts changed. */
  readonly onDidChange: Event<string> = this.changed.event;

  private readonly record: MementoRecord<StoredFacts>;

  constructor(memento: MementoLike, key: string) {
    this.record = new MementoRecord(memento, key);
  }

  /** The facts about the connection's current model, if a list described it. */
  get(connection: Connection): ModelInfo | undefined {
    const facts = this.record.get(connection.id);
    if (!facts || typeof facts.model?.id !== 'string') return undefined;
    const current = facts.provider === connection.provider && facts.apiUrl === (connection.apiUrl ?? '') && facts.model.id === connection.model;
    return current ? facts.model : undefined;
  }

  /** Keeps what `models` says about the connection's model; no write when nothing changed. */
  async learn(connection: Connection, models: readonly ModelInfo[]): Promise<void> {
    const model = connection.model ? models.find((m) => m.id === connection.model) : undefined;
    if (!model) return;
    const next: StoredFacts = { provider: connection.provider, apiUrl: connection.apiUrl ?? '', model: { ...model } };
    if (JSON.stringify(this.record.get(connection.id)) === JSON.stringify(next)) return;
    await this.record.set(connection.id, next);
    this.changed.fire(connection.id);
  }

  async forget(id: string): Promise<void> {
    if (await this.record.delete(id)) this.changed.fire(id);
  }
}
