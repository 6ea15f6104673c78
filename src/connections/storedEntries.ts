// Reading the stored connections defensively: one globalState key per connection (`aiConnections.connection.<id>`),
// the default under its own key. Whatever is there (Settings Sync merges, hand edits, a newer version, garbage) is
// read without throwing: valid entries are used, everything else is reported and kept exactly as it was.
import * as v from 'valibot';
import type { Connection } from '../shared/connection';
export type { InvalidEntry, StoreKeys } from './storeTypes';
import { problemOf, storedConnectionSchema, storedDefaultSchema } from '../shared/storedConnection';
import type { InvalidEntry, MementoLike, StoreKeys } from './storeTypes';

export interface ParsedStore {
  /** Sorted by creation, so every window lists them in one order. */
  connections: Connection[];
  invalid: InvalidEntry[];
  defaultId: string | undefined;
  /** Something as a whole could not be read (a version 1 document kept as a backup, or one from a newer version). */
  problem: string | undefined;
  /** Every per-connection key, valid or not: what Settings Sync carries. */
  storageKeys: string[];
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

const describe = (x: unknown) => (Array.isArray(x) ? 'a list' : x === null ? 'null' : typeof x);

/** The per-connection keys present now (a key written as undefined is gone). */
export function connectionKeys(memento: MementoLike, keys: StoreKeys): string[] {
  return memento.keys().filter((k) => k.startsWith(keys.connectionPrefix) && memento.get(k) !== undefined);
}

/** Why a stored entry cannot be used, or undefined when it is a valid connection stored under its own id. */
export function entryProblem(storageKey: string, raw: unknown, keys: StoreKeys): string | undefined {
  if (!isRecord(raw)) return `entry is ${describe(raw)}, not an object`;
  const result = v.safeParse(storedConnectionSchema, raw);
  if (!result.success) return problemOf(result.issues);
  if (storageKey !== keys.connectionPrefix + result.output.id) return 'its id does not match its storage key';
  return undefined;
}

export function readStore(memento: MementoLike, keys: StoreKeys): ParsedStore {
  const parsed: ParsedStore = { connections: [], invalid: [], defaultId: undefined, problem: undefined, storageKeys: [] };
  const storageKeys = connectionKeys(memento, keys).sort();
  parsed.storageKeys = storageKeys;
  for (const storageKey of storageKeys) {
    const raw = memento.get<unknown>(storageKey);
    const reason = entryProblem(storageKey, raw, keys);
    if (reason === undefined) {
      // The raw entry itself, not valibot's output: unknown fields at every depth are kept.
      const c = raw as Connection;
      parsed.connections.push({ ...c, createdAt: c.createdAt ?? '', updatedAt: c.updatedAt ?? '' });
      continue;
    }
    const rec = isRecord(raw) ? raw : {};
    parsed.invalid.push({
      index: parsed.invalid.length,
      storageKey,
      raw,
      id: typeof rec.id === 'string' && rec.id ? rec.id : undefined,
      label: typeof rec.name === 'string' && rec.name ? rec.name : undefined,
      reason,
    });
  }
  parsed.connections.sort(byCreation);
  const def = v.safeParse(storedDefaultSchema, memento.get<unknown>(keys.defaultConnection));
  if (def.success && parsed.connections.some((c) => c.id === def.output.id)) parsed.defaultId = def.output.id;
  parsed.problem = legacyProblem(memento, keys);
  return parsed;
}

/** Creation order; ties (and entries without a date) by id, so every window agrees. */
export function byCreation(a: Connection, b: Connection): number {
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function legacyProblem(memento: MementoLike, keys: StoreKeys): string | undefined {
  const legacy = memento.get<unknown>(keys.legacyDocument);
  if (isRecord(legacy) && typeof legacy.version === 'number' && legacy.version > 1) {
    return `the stored connections were saved by a newer version of AI Connections (format ${legacy.version}); they are kept unchanged`;
  }
  const backup = memento.get<unknown>(keys.legacyBackup);
  if (isRecord(backup) && typeof backup.reason === 'string') return `${backup.reason}; kept as a backup`;
  return undefined;
}
