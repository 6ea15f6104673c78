// Model lists per connection for a few minutes, so a second *List Models* costs no request.
// *Refresh* clears it. Each entry carries the fingerprint of what the list depends on (provider, URL,
// headers, a hash of the key: connections/targetFromConnection.ts), so a changed key or URL misses without any
// invalidation call.
import type { ModelInfo } from '../providers';
import { Emitter, type Event } from './emitter';

const TTL_MS = 5 * 60_000;

export class ModelCache {
  private entries = new Map<string, { fingerprint: string; at: number; models: ModelInfo[] }>();
  private readonly stored = new Emitter<{ connectionId: string; models: readonly ModelInfo[] }>();
  /** A list was fetched for a connection (what it says about the model is worth keeping: ModelFacts). */
  readonly onDidSet: Event<{ connectionId: string; models: readonly ModelInfo[] }> = this.stored.event;

  constructor(private readonly now: () => number = Date.now) {}

  get(connectionId: string, fingerprint: string): ModelInfo[] | undefined {
    const e = this.entries.get(connectionId);
    if (!e || e.fingerprint !== fingerprint || this.now() - e.at > TTL_MS) return undefined;
    return e.models;
  }

  set(connectionId: string, fingerprint: string, models: ModelInfo[]): void {
    this.entries.set(connectionId, { fingerprint, at: this.now(), models });
    this.stored.fire({ connectionId, models });
  }

  invalidate(connectionId?: string): void {
    if (connectionId === undefined) this.entries.clear();
    else this.entries.delete(connectionId);
  }
}
