// Owns the connections document in globalState. No vscode import: it takes a Memento-shaped object,
// so the unit tier can drive it with an in-memory one and the integration tier with the real one.
import type { Connection, ConnectionFields } from '../shared/connection';
import { sameName } from '../shared/validation';
import { Emitter, type Event } from './emitter';
import { storableFields } from './storableFields';
import { parseDocument, type InvalidEntry, type ParsedDocument, CURRENT_VERSION } from './storedDocument';

/** The part of vscode.Memento the store uses. */
export interface MementoLike {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void> | Promise<void>;
}

export class StoreError extends Error {
  constructor(
    readonly code: 'nameDuplicate' | 'notFound' | 'newerVersion',
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export interface StoreSnapshot {
  connections: readonly Connection[];
  invalid: readonly InvalidEntry[];
  defaultId: string | undefined;
  /** Why the stored document as a whole could not be read (entries are then all unavailable). */
  documentProblem: string | undefined;
}

type Mutation = (draft: { connections: Connection[]; defaultId: string | undefined }) => void;

export class ConnectionStore {
  private readonly changed = new Emitter<void>();
  /** Fires after every write that changed something, and on refresh(). */
  readonly onDidChange: Event<void> = this.changed.event;
  private readonly updated = new Emitter<{ before: Connection; after: Connection }>();
  /** Fires after update() changed a connection: settings that name it follow a rename, stale test results go. */
  readonly onDidUpdate: Event<{ before: Connection; after: Connection }> = this.updated.event;
  private readonly deleted = new Emitter<{ id: string; name: string }>();
  readonly onDidDelete: Event<{ id: string; name: string }> = this.deleted.event;
  private cache: { raw: unknown; parsed: ParsedDocument } | undefined;
  /** Writes run one after another: each re-reads the document, so concurrent callers never lose an update. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly memento: MementoLike,
    private readonly key: string,
    private readonly now: () => Date = () => new Date(),
    private readonly newId: () => string = () => globalThis.crypto.randomUUID(),
  ) {}

  private parsed(): ParsedDocument {
    const raw = this.memento.get<unknown>(this.key);
    if (!this.cache || this.cache.raw !== raw) this.cache = { raw, parsed: parseDocument(raw) };
    return this.cache.parsed;
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
    this.cache = undefined;
    this.changed.fire();
  }

  async create(
    /** Extra fields (a duplicate's unknown ones) are stored as given. */
    fields: ConnectionFields & Record<string, unknown>,
    options: { makeDefault?: boolean } = {},
  ): Promise<Connection> {
    let created!: Connection;
    await this.write((doc) => {
      assertUniqueName(doc.connections, fields.name);
      const stamp = this.now().toISOString();
      created = { ...dropEmpty(storableFields(fields)), id: this.newId(), name: fields.name.trim(), createdAt: stamp, updatedAt: stamp } as Connection;
      doc.connections.push(created);
      if (options.makeDefault) doc.defaultId = created.id;
    });
    return created;
  }

  /** Creates several in one write (an import): all or none. */
  async createAll(list: readonly (ConnectionFields & Record<string, unknown>)[]): Promise<Connection[]> {
    const created: Connection[] = [];
    await this.write((doc) => {
      const stamp = this.now().toISOString();
      for (const fields of list) {
        assertUniqueName(doc.connections, fields.name);
        const c = { ...dropEmpty(fields), id: this.newId(), name: fields.name.trim(), createdAt: stamp, updatedAt: stamp } as Connection;
        doc.connections.push(c);
        created.push(c);
      }
    });
    return created;
  }

  /**
   * Replaces the editable fields of a connection. Fields the caller passes as undefined are removed;
   * fields it does not know (written by a newer version) are kept.
   */
  async update(
    id: string,
    fields: Partial<ConnectionFields>,
    options: { makeDefault?: boolean } = {},
  ): Promise<Connection> {
    let updated!: Connection;
    const after: (() => void)[] = [];
    await this.write((doc) => {
      const index = doc.connections.findIndex((c) => c.id === id);
      if (index < 0) throw new StoreError('notFound', `No connection with id ${id}`);
      if (fields.name !== undefined) assertUniqueName(doc.connections, fields.name, id);
      const stored = storableFields(fields);
      const merged: Connection = { ...doc.connections[index], ...stored, updatedAt: this.now().toISOString() };
      for (const [k, v] of Object.entries(stored)) if (v === undefined || v === '') delete merged[k];
      if (typeof fields.name === 'string') merged.name = fields.name.trim();
      const before = doc.connections[index];
      after.push(() => this.updated.fire({ before, after: merged }));
      doc.connections[index] = merged;
      updated = merged;
      if (options.makeDefault === true) doc.defaultId = id;
      else if (options.makeDefault === false && doc.defaultId === id) doc.defaultId = undefined;
    });
    for (const notify of after) notify();
    return updated;
  }

  async delete(id: string): Promise<void> {
    let name = '';
    await this.write((doc) => {
      const gone = doc.connections.find((c) => c.id === id);
      if (!gone) throw new StoreError('notFound', `No connection with id ${id}`);
      name = gone.name;
      doc.connections = doc.connections.filter((c) => c.id !== id);
      if (doc.defaultId === id) doc.defaultId = undefined;
    });
    this.deleted.fire({ id, name });
  }

  async setDefault(id: string | undefined): Promise<void> {
    await this.write((doc) => {
      if (id !== undefined && !doc.connections.some((c) => c.id === id)) {
        throw new StoreError('notFound', `No connection with id ${id}`);
      }
      doc.defaultId = id;
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

  private write(mutate: Mutation): Promise<void> {
    const run = this.queue.then(async () => {
      const current = this.parsed();
      if (current.readOnlyReason) throw new StoreError('newerVersion', current.readOnlyReason);
      const doc = { connections: [...current.connections], defaultId: current.defaultId };
      mutate(doc);
      // Invalid entries go back exactly where and as they were: reported, never dropped or rewritten.
      const entries: unknown[] = [...doc.connections];
      for (const bad of current.invalid) entries.splice(Math.min(bad.index, entries.length), 0, bad.raw);
      const next: Record<string, unknown> = { ...current.extraFields, version: CURRENT_VERSION, connections: entries };
      if (doc.defaultId !== undefined) next.defaultId = doc.defaultId;
      if (current.problem !== undefined && current.raw !== undefined) {
        // The whole document was unreadable: keep it beside the new one rather than lose it.
        next.unreadableBackup = current.raw;
      }
      await this.memento.update(this.key, next);
      this.cache = undefined;
      this.changed.fire();
    });
    // A failed write must not block the ones queued after it.
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function assertUniqueName(connections: readonly Connection[], name: string, exceptId?: string): void {
  if (connections.some((c) => c.id !== exceptId && sameName(c.name, name))) {
    throw new StoreError('nameDuplicate', `A connection named "${name.trim()}" already exists`);
  }
}

function dropEmpty<T extends object>(fields: T): T {
  const out = { ...fields } as Record<string, unknown>;
  for (const [k, v] of Object.entries(out)) if (v === undefined || v === '') delete out[k];
  return out as T;
}
