// Names are unique (ignoring case), but two windows — or two machines merged by Settings Sync — can each create
// the same name before either sees the other's. Every window resolves such a clash the same way: the connection
// created first keeps the name, each later one gets the first free "<name> (2)", "<name> (3)"… The window that
// created a later one renames it at once and tells its user; the others give that window a moment, then rename
// it themselves (the same name, so two windows renaming at once write the same thing).
import type { Connection } from '../shared/connection';
import { nameKeyOf } from '../shared/validation';
import { byCreation } from './storedEntries';

export interface DuplicateRename {
  id: string;
  from: string;
  to: string;
}

/** How long a window waits for the creating window to rename its own new connection. */
export const FOREIGN_RENAME_GRACE_MS = 10_000;

/**
 * The renames that make every name unique.
 * @param createdHere ids this window created (renamed at once)
 * @param now the current time, for the grace given to the window that created a clashing connection
 */
export function duplicateRenames(connections: readonly Connection[], createdHere: ReadonlySet<string>, now: number): DuplicateRename[] {
  const groups = new Map<string, Connection[]>();
  for (const c of connections) {
    const key = nameKeyOf(c.name);
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const taken = new Set(groups.keys());
  const renames: DuplicateRename[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const [, ...later] = [...group].sort(byCreation);
    for (const c of later) {
      const to = freeName(c.name.trim(), taken);
      taken.add(nameKeyOf(to));
      const created = Date.parse(c.createdAt);
      const othersTurn = !createdHere.has(c.id) && Number.isFinite(created) && now - created < FOREIGN_RENAME_GRACE_MS;
      if (!othersTurn) renames.push({ id: c.id, from: c.name, to });
    }
  }
  return renames;
}

function freeName(name: string, taken: ReadonlySet<string>): string {
  for (let n = 2; ; n++) {
    const candidate = `${name} (${n})`;
    if (!taken.has(nameKeyOf(candidate))) return candidate;
  }
}

/** Whether any two connections share a name. */
export function hasDuplicateNames(connections: readonly Connection[]): boolean {
  return new Set(connections.map((c) => nameKeyOf(c.name))).size < connections.length;
}
