// API keys in SecretStorage, one entry per connection. No vscode import (the unit tier drives it with an
// in-memory SecretStorage; the integration tier with the real one). Keys are returned only to the code
// that sends a request; nothing here logs or throws a key.
import * as v from 'valibot';
import { HEADER_SECRET_PREFIX, SECRET_KEY_PREFIX, headerSecretKeyFor, secretKeyFor } from '../ids';
import { headerValuesSchema, type HeaderValues } from '../shared/storedConnection';
import { Emitter, type Event } from './emitter';

/** The part of vscode.SecretStorage the vault uses. */
export interface SecretStorageLike {
  get(key: string): Thenable<string | undefined> | Promise<string | undefined>;
  store(key: string, value: string): Thenable<void> | Promise<void>;
  delete(key: string): Thenable<void> | Promise<void>;
  keys(): Thenable<string[]> | Promise<string[]>;
  onDidChange: (listener: (e: { key: string }) => unknown) => { dispose(): unknown };
}

export class KeyVault {
  private readonly changed = new Emitter<string>();
  /** Fires with the connection id whose key or header values were stored or removed (here or in another window). */
  readonly onDidChange: Event<string> = this.changed.event;
  /** Which connections have a key on this machine: one keys() call, then kept current by events. */
  private withKey: Set<string> | undefined;
  private loading: Promise<Set<string>> | undefined;
  private readonly subscription: { dispose(): unknown };

  constructor(private readonly secrets: SecretStorageLike) {
    this.subscription = secrets.onDidChange(async ({ key }) => {
      if (key.startsWith(HEADER_SECRET_PREFIX)) {
        // Header values have no index: listeners hear of every change (ours a second time: harmless).
        this.changed.fire(key.slice(HEADER_SECRET_PREFIX.length));
        return;
      }
      if (!key.startsWith(SECRET_KEY_PREFIX)) return;
      const id = key.slice(SECRET_KEY_PREFIX.length);
      const stored = Boolean(await secrets.get(key));
      // Our own set()/delete() already updated the index and told listeners: only news from elsewhere
      // (another window, Settings Sync of a key on another machine) fires again.
      if (this.withKey && this.withKey.has(id) === stored) return;
      if (stored) this.withKey?.add(id);
      else this.withKey?.delete(id);
      this.changed.fire(id);
    });
  }

  /** Loads the key index once; later calls reuse it. */
  ready(): Promise<Set<string>> {
    if (this.withKey) return Promise.resolve(this.withKey);
    this.loading ??= Promise.resolve(this.secrets.keys()).then(
      (keys) => {
        this.withKey = new Set(keys.filter((k) => k.startsWith(SECRET_KEY_PREFIX)).map((k) => k.slice(SECRET_KEY_PREFIX.length)));
        return this.withKey;
      },
      (error: unknown) => {
        // A failed read is not kept: the next caller asks SecretStorage again instead of failing all session.
        this.loading = undefined;
        throw error;
      },
    );
    return this.loading;
  }

  /** Synchronous answer for rendering; false until the index has loaded (callers re-render on change). */
  hasKeySync(id: string): boolean {
    return this.withKey?.has(id) ?? false;
  }

  async hasKey(id: string): Promise<boolean> {
    return (await this.ready()).has(id);
  }

  get(id: string): Promise<string | undefined> {
    return Promise.resolve(this.secrets.get(secretKeyFor(id)));
  }

  async set(id: string, key: string): Promise<void> {
    await this.secrets.store(secretKeyFor(id), key);
    (await this.ready()).add(id);
    this.changed.fire(id);
  }

  async delete(id: string): Promise<void> {
    await this.secrets.delete(secretKeyFor(id));
    (await this.ready()).delete(id);
    this.changed.fire(id);
  }

  /**
   * A connection's custom header values (names as stored), read from SecretStorage. Undefined when none are
   * stored on this machine; an unreadable entry reads as none (and is left as it is).
   */
  async headerValues(id: string): Promise<HeaderValues | undefined> {
    const raw = await this.secrets.get(headerSecretKeyFor(id));
    if (raw === undefined) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return undefined;
    }
    const result = v.safeParse(headerValuesSchema, parsed);
    return result.success && Object.keys(result.output).length > 0 ? result.output : undefined;
  }

  /** Stores a connection's header values (all of them: the entry is replaced); empty or undefined removes it. */
  async setHeaderValues(id: string, values: HeaderValues | undefined): Promise<void> {
    const key = headerSecretKeyFor(id);
    const empty = !values || Object.keys(values).length === 0;
    if (empty && (await this.secrets.get(key)) === undefined) return;
    if (empty) await this.secrets.delete(key);
    else await this.secrets.store(key, JSON.stringify(values));
    this.changed.fire(id);
  }

  /** Ids of stored keys whose connection is not in `knownIds` (kept: see housekeeping.ts). */
  async unattachedIds(knownIds: ReadonlySet<string>): Promise<string[]> {
    // Ask storage itself, not the index: a key stored a moment ago may not have reached the index yet.
    const stored = (await this.secrets.keys()).filter((k) => k.startsWith(SECRET_KEY_PREFIX)).map((k) => k.slice(SECRET_KEY_PREFIX.length));
    return stored.filter((id) => !knownIds.has(id));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
