// Moving version 1's one document `{ version, connections, defaultId? }` to one globalState key per connection.
// Safe to run in two windows at once: every write is the same in both (an entry goes to its own id's key, a
// bad one to a key named after its place), an entry already moved is never written again, and the document
// is removed only after everything in it has a new home. Header values move to SecretStorage first.
import * as v from 'valibot';
import { headerValuesSchema, v1DocumentSchema, problemOf } from '../shared/storedConnection';
import { StoreError, type HeaderSecrets, type MementoLike, type MigrationLog, type StoreKeys } from './storeTypes';
export type { HeaderSecrets, MigrationLog } from './storeTypes';

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Whether there is anything to migrate (cheap: called on every look for outside changes). */
export function needsMigration(memento: MementoLike, keys: StoreKeys): boolean {
  const legacy = memento.get<unknown>(keys.legacyDocument);
  if (legacy !== undefined && !(isRecord(legacy) && typeof legacy.version === 'number' && legacy.version > 1)) return true;
  return memento.keys().some((k) => k.startsWith(keys.connectionPrefix) && hasHeaderValues(memento.get(k)));
}

const hasHeaderValues = (raw: unknown) => isRecord(raw) && raw.headers !== undefined;

/**
 * An entry without header values: the values go to SecretStorage (merged over what is there), the names stay.
 * Entries whose `headers` are not name/value text are kept as they are (and shown as unreadable).
 */
async function withoutHeaderValues(entry: Record<string, unknown>, id: string, secrets: HeaderSecrets | undefined): Promise<Record<string, unknown>> {
  const values = v.safeParse(headerValuesSchema, entry.headers);
  if (!values.success || !secrets) return entry;
  const { headers: _values, ...rest } = entry;
  if (Object.keys(values.output).length > 0) {
    await secrets.setHeaderValues(id, { ...((await secrets.headerValues(id)) ?? {}), ...values.output });
  }
  const names = Object.keys(values.output);
  return names.length > 0 ? { ...rest, headerNames: names } : rest;
}

export async function migrate(memento: MementoLike, keys: StoreKeys, secrets: HeaderSecrets | undefined, log: MigrationLog): Promise<void> {
  await migrateDocument(memento, keys, secrets, log);
  // Entries that hold header values (a hand edit, an entry moved before its values could be): move the values.
  for (const key of memento.keys().filter((k) => k.startsWith(keys.connectionPrefix))) {
    const raw = memento.get<unknown>(key);
    if (!isRecord(raw) || !hasHeaderValues(raw)) continue;
    const id = key.slice(keys.connectionPrefix.length);
    const cleaned = await withoutHeaderValues(raw, id, secrets);
    if (cleaned !== raw) await memento.update(key, cleaned);
  }
}

async function migrateDocument(memento: MementoLike, keys: StoreKeys, secrets: HeaderSecrets | undefined, log: MigrationLog): Promise<void> {
  const raw = memento.get<unknown>(keys.legacyDocument);
  if (raw === undefined) return;
  const doc = v.safeParse(v1DocumentSchema, raw);
  if (!doc.success) {
    const reason = isRecord(raw) ? `the stored connections document could not be read (${problemOf(doc.issues)})` : `the stored connections document is ${Array.isArray(raw) ? 'a list' : typeof raw}, not an object`;
    // Kept, never deleted: set aside under its own key (not synced), then out of the way.
    if (memento.get(keys.legacyBackup) === undefined) await memento.update(keys.legacyBackup, { reason, document: raw, at: new Date().toISOString() });
    else await memento.update(`${keys.legacyBackup}.${Date.now()}`, { reason, document: raw, at: new Date().toISOString() });
    await memento.update(keys.legacyDocument, undefined);
    log.warn(`${reason}; kept unchanged as a backup`);
    return;
  }
  const { version, connections, defaultId, ...extra } = doc.output;
  // A newer version's document is left exactly as it is (reported by readStore).
  if (version > 1) return;
  const seen = new Set<string>();
  let moved = 0;
  for (const [index, entry] of connections.entries()) {
    const id = isRecord(entry) && typeof entry.id === 'string' && entry.id ? entry.id : undefined;
    // An entry without a usable id, or a second one with the same id, keeps its place as a bad entry.
    const key = id && !seen.has(id) ? keys.connectionPrefix + id : `${keys.connectionPrefix}v1-entry-${index}`;
    if (id) seen.add(id);
    if (memento.get(key) !== undefined) continue; // moved already (by another window, or an earlier run)
    const value = isRecord(entry) && id ? await withoutHeaderValues(entry, id, secrets) : entry;
    await memento.update(key, value);
    moved++;
  }
  if (typeof defaultId === 'string' && memento.get(keys.defaultConnection) === undefined) {
    await memento.update(keys.defaultConnection, { id: defaultId });
  }
  // Top-level fields this version does not know are kept beside the backup, not dropped.
  if (Object.keys(extra).length > 0 && memento.get(`${keys.legacyBackup}.extraFields`) === undefined) {
    await memento.update(`${keys.legacyBackup}.extraFields`, extra);
  }
  await memento.update(keys.legacyDocument, undefined);
  log.info(`moved ${moved} stored connection(s) from the version 1 document to one entry each`);
}

/**
 * A connection's header values to SecretStorage, before their names reach globalState; returns the names to store.
 * @param given whether the caller passed `headers` at all (undefined then removes them)
 */
export async function storeHeaderValues(
  secrets: HeaderSecrets | undefined,
  id: string,
  headers: Record<string, string> | undefined,
  given: boolean,
): Promise<string[] | undefined> {
  if (!given) return undefined;
  const names = Object.keys(headers ?? {});
  if (!secrets) {
    if (names.length > 0) throw new StoreError('noSecretStorage', 'Header values need secret storage');
    return undefined;
  }
  await secrets.setHeaderValues(id, names.length > 0 ? headers : undefined);
  return names.length > 0 ? names : undefined;
}
