// Owns the stored connections: one globalState key per connection and one for the default, so several windows
// and Settings Sync merge per connection (Data, docs/architecture.md). No vscode import: it takes a Memento-shaped
// object, so the unit tier drives it with an in-memory one and the integration tier with the real one.
import type { Connection, ConnectionFields } from '../shared/connection';
import { sameName } from '../shared/validation';
import { duplicateRenames, hasDuplicateNames, type DuplicateRename } from './duplicateNames';
import { Emitter, type Event } from './emitter';
import { assertUniqueName, dropEmpty, storableFields } from './storableFields';
import { migrate, needsMigration, storeHeaderValues } from './migration';
import { DEFAULT_STORE_KEYS, StoreError, type HeaderSecrets, type MementoLike, type MigrationLog, type StoreKeys, type StoreOptions, type StoreSnapshot } from './storeTypes';
import { readStore, type ParsedStore } from './storedEntries';
import { StoreView } from './storeView';
import { WriteJournal, dropOldTombstones } from './writeJournal';

export { DEFAULT_STORE_KEYS, StoreError, storeErrorCode, type MementoLike, type StoreOptions, type StoreSnapshot } from './storeTypes';

export class ConnectionStore {
  private readonly changed = new Emitter<void>();
  /** Fires after every change: a write here, a change another window or Settings Sync made, refresh(). */
  readonly onDidChange: Event<void> = this.changed.event;
  private readonly updated = new Emitter<{ before: Connection; after: Connection }>();
  /** Fires after update() here changed a connection: settings that name it follow a rename, stale test results go. */
  readonly onDidUpdate: Event<{ before: Connection; after: Connection }> = this.updated.event;
  private readonly deleted = new Emitter<{ id: string; name: string }>();
  readonly onDidDelete: Event<{ id: string; name: string }> = this.deleted.event;
  private readonly renamedDuplicate = new Emitter<DuplicateRename>();
  /** A connection created in this window was renamed because another window created the same name at once. */
  readonly onDidRenameDuplicate: Event<DuplicateRename> = this.renamedDuplicate.event;

  private readonly keys: StoreKeys;
  private readonly now: () => Date;
  private readonly newId: () => string;
  private readonly view: StoreView;
  /** Writes of this window run one after another, each on a fresh read of what it changes. */
  private queue: Promise<unknown>;
  private readonly createdHere = new Set<string>();
  private lastCreated = 0;
  private readonly loaded: Promise<void>;

  constructor(
    private readonly memento: MementoLike,
    options: StoreOptions | string = {},
  ) {
    const o: StoreOptions = typeof options === 'string' ? { keys: { ...DEFAULT_STORE_KEYS, legacyDocument: options } } : options;
    this.keys = o.keys ?? DEFAULT_STORE_KEYS;
    this.now = o.now ?? (() => new Date());
    this.newId = o.newId ?? (() => globalThis.crypto.randomUUID());
    this.headerSecrets = o.headerSecrets;
    this.log = o.log ?? { info: () => undefined, warn: () => undefined };
    this.journal = new WriteJournal(memento, () => this.now().getTime());
    this.view = new StoreView(memento, this.keys);
    // Migration first: every write waits behind it.
    this.loaded = this.migrateIfNeeded().then(() => dropOldTombstones(memento, this.keys.deletedPrefix, this.now().getTime()));
    this.queue = this.loaded;
  }

  private readonly headerSecrets: HeaderSecrets | undefined;
  private readonly log: MigrationLog;
  /** What this window wrote lately, to write again what another window's stale copy overwrote. */
  private readonly journal: WriteJournal;

  /** Resolves once a version 1 document (if any) has been moved to per-connection keys. */
  ready(): Promise<void> {
    return this.loaded;
  }

  private async migrateIfNeeded(): Promise<void> {
    if (!needsMigration(this.memento, this.keys)) return;
    try {
      // Through the journal, like every write: another window's stale copy landing on a moved entry is repaired.
      const journaled: MementoLike = { get: (k) => this.memento.get(k), keys: () => this.memento.keys(), update: (k, v) => this.journal.put(k, v) };
      await migrate(journaled, this.keys, this.headerSecrets, this.log);
    } catch (err) {
      // Nothing is lost: the document stays where it was and the next look tries again.
      this.log.warn(`moving the stored connections to one entry each failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    this.view.invalidate();
    this.changed.fire();
  }

  private parsed(): ParsedStore {
    return this.view.parsed();
  }

  snapshot(): StoreSnapshot {
    const p = this.parsed();
    return { connections: p.connections, invalid: p.invalid, defaultId: p.defaultId, documentProblem: p.problem };
  }

  list(): readonly Connection[] {
    return this.parsed().connections;
  }

  get(id: string): Connection | undefined {
    return this.parsed().connections.find((c) => c.id === id);
  }

  /** The first created of the connections with this name (another window's clash is renamed soon). */
  findByName(name: string): Connection | undefined {
    return this.parsed().connections.find((c) => sameName(c.name, name));
  }

  getDefault(): Connection | undefined {
    const p = this.parsed();
    return p.defaultId === undefined ? undefined : p.connections.find((c) => c.id === p.defaultId);
  }

  /** Ids of every stored entry that has one, valid or not: their keys are not orphans. */
  knownIds(): Set<string> {
    const p = this.parsed();
    return new Set([...p.connections.map((c) => c.id), ...p.invalid.flatMap((e) => (e.id ? [e.id] : []))]);
  }

  /** Re-reads storage (another window or Settings Sync may have written it) and tells listeners. */
  refresh(): void {
    this.view.invalidate();
    // migrateIfNeeded() reports its own failure; nothing is left to reject.
    if (needsMigration(this.memento, this.keys)) this.enqueue(() => this.migrateIfNeeded()).catch(() => undefined);
    this.changed.fire();
  }

  /** Resolves once every write (and migration) queued so far has run. */
  settled(): Promise<void> {
    return this.queue.then(() => undefined);
  }

  /**
   * Looks for changes made outside this window (globalState has no change event: outsideChanges.ts calls this
   * on a short timer). Cheap when nothing changed: one identity check per stored value. Returns whether the
   * connections changed; fires onDidChange when they did.
   */
  async checkForOutsideChanges(): Promise<boolean> {
    let changed = false;
    const unchanged = this.view.isCurrent();
    const before = this.view.signature();
    if (!unchanged && this.journal.pending) {
      const deleted = (key: string) => key.startsWith(this.keys.connectionPrefix) && this.memento.get(this.keys.deletedPrefix + key.slice(this.keys.connectionPrefix.length)) !== undefined;
      const repaired = await this.enqueue(() => this.journal.repair(deleted));
      if (repaired.length) this.log.info(`wrote ${repaired.length} connection change(s) again: another window's write had replaced them`);
    }
    if (!unchanged) {
      if (needsMigration(this.memento, this.keys)) await this.enqueue(() => this.migrateIfNeeded());
      this.view.invalidate();
      changed = before !== this.view.signature();
      if (changed) this.changed.fire();
    }
    if (hasDuplicateNames(this.parsed().connections)) await this.renameDuplicates();
    return changed;
  }

  private renameDuplicates(): Promise<void> {
    return this.enqueue(async () => {
      const fresh = readStore(this.memento, this.keys);
      for (const r of duplicateRenames(fresh.connections, this.createdHere, this.now().getTime())) {
        const raw = this.memento.get<Record<string, unknown>>(this.entryKey(r.id));
        if (!raw) continue;
        await this.journal.put(this.entryKey(r.id), { ...raw, name: r.to, updatedAt: this.now().toISOString() });
        this.log.info(`renamed connection ${r.id}: another window or machine created the same name at the same time`);
        if (this.createdHere.has(r.id)) this.renamedDuplicate.fire(r);
      }
      this.written();
    });
  }

  private entryKey(id: string): string {
    return this.keys.connectionPrefix + id;
  }

  async create(
    /** Extra fields (a duplicate's unknown ones) are stored as given; header values go to SecretStorage. */
    fields: ConnectionFields & Record<string, unknown>,
    options: { makeDefault?: boolean } = {},
  ): Promise<Connection> {
    return this.enqueue(async () => {
      const created = await this.insert(readStore(this.memento, this.keys).connections, fields);
      if (options.makeDefault) await this.journal.put(this.keys.defaultConnection, { id: created.id });
      this.written();
      return created;
    });
  }

  /** Creates several (an import), names checked against each other too; one change event at the end. */
  async createAll(list: readonly (ConnectionFields & Record<string, unknown>)[]): Promise<Connection[]> {
    return this.enqueue(async () => {
      const existing: Pick<Connection, 'id' | 'name'>[] = [...readStore(this.memento, this.keys).connections];
      const created: Connection[] = [];
      for (const fields of list) {
        const c = await this.insert(existing, fields);
        existing.push(c);
        created.push(c);
      }
      this.written();
      return created;
    });
  }

  /** Writes one new connection under its own key (inside the queue); the names it must not clash with given. */
  private async insert(others: readonly Pick<Connection, 'id' | 'name'>[], fields: ConnectionFields & Record<string, unknown>): Promise<Connection> {
    assertUniqueName(others, fields.name);
    const { headers, ...rest } = storableFields(fields);
    // Strictly increasing here, so connections made in one window list in the order they were made.
    const time = Math.max(this.now().getTime(), this.lastCreated + 1);
    this.lastCreated = time;
    const stamp = new Date(time).toISOString();
    const id = this.newId();
    const headerNames = await storeHeaderValues(this.headerSecrets, id, headers, 'headers' in fields);
    const created = { ...dropEmpty(rest), ...(headerNames ? { headerNames } : {}), id, name: fields.name.trim(), createdAt: stamp, updatedAt: stamp } as Connection;
    if (!headerNames && 'headers' in fields) delete created.headerNames;
    this.createdHere.add(id);
    await this.journal.put(this.entryKey(id), created);
    return created;
  }

  /**
   * Replaces the editable fields of a connection. Fields the caller passes as undefined are removed;
   * fields it does not know (written by a newer version) are kept. With `expectedUpdatedAt`, refuses
   * (StoreError 'conflict') when the connection changed since the caller read it.
   */
  async update(
    id: string,
    fields: Partial<ConnectionFields>,
    options: { makeDefault?: boolean; expectedUpdatedAt?: string } = {},
  ): Promise<Connection> {
    const change = await this.enqueue(async () => {
      const current = readStore(this.memento, this.keys);
      const before = current.connections.find((c) => c.id === id);
      const raw = this.memento.get<Record<string, unknown>>(this.entryKey(id));
      if (!before || !raw) throw new StoreError('notFound', `No connection with id ${id}`);
      if (options.expectedUpdatedAt !== undefined && before.updatedAt !== options.expectedUpdatedAt) {
        throw new StoreError('conflict', `The connection "${before.name}" was changed since it was read`);
      }
      if (fields.name !== undefined) assertUniqueName(current.connections, fields.name, id);
      const { headers, ...rest } = storableFields(fields);
      const merged = { ...raw, ...rest, updatedAt: this.now().toISOString() } as Connection;
      for (const [k, v] of Object.entries(rest)) if (v === undefined || v === '') delete merged[k];
      if (typeof fields.name === 'string') merged.name = fields.name.trim();
      if ('headers' in fields) {
        const names = await storeHeaderValues(this.headerSecrets, id, headers, true);
        if (names) merged.headerNames = names;
        else delete merged.headerNames;
      }
      await this.journal.put(this.entryKey(id), merged);
      if (options.makeDefault === true) await this.journal.put(this.keys.defaultConnection, { id });
      else if (options.makeDefault === false && current.defaultId === id) await this.journal.put(this.keys.defaultConnection, undefined);
      this.written();
      return { before, after: { ...merged, createdAt: merged.createdAt ?? '' } };
    });
    this.updated.fire(change);
    return change.after;
  }

  async delete(id: string): Promise<void> {
    const name = await this.enqueue(async () => {
      const gone = readStore(this.memento, this.keys);
      const c = gone.connections.find((x) => x.id === id);
      if (!c) throw new StoreError('notFound', `No connection with id ${id}`);
      // The tombstone first: from then on, the entry's absence is on purpose (writeJournal.ts).
      await this.journal.put(this.keys.deletedPrefix + id, { at: this.now().toISOString() });
      await this.journal.put(this.entryKey(id), undefined);
      if (gone.defaultId === id) await this.journal.put(this.keys.defaultConnection, undefined);
      this.written();
      return c.name;
    });
    this.deleted.fire({ id, name });
  }

  async setDefault(id: string | undefined): Promise<void> {
    await this.enqueue(async () => {
      if (id !== undefined && !readStore(this.memento, this.keys).connections.some((c) => c.id === id)) {
        throw new StoreError('notFound', `No connection with id ${id}`);
      }
      await this.journal.put(this.keys.defaultConnection, id === undefined ? undefined : { id });
      this.written();
    });
  }

  /** A unique "<name> (copy)" / "<name> (copy 2)" … among the stored names. */
  uniqueCopyName(name: string): string {
    const names = this.list().map((c) => c.name);
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? `${name} (copy)` : `${name} (copy ${n})`;
      if (!names.some((existing) => sameName(existing, candidate))) return candidate;
    }
  }

  private written(): void {
    this.view.invalidate();
    this.parsed();
    this.changed.fire();
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    // A failed write must not block the ones queued after it.
    this.queue = run.catch(() => undefined);
    return run;
  }
}
