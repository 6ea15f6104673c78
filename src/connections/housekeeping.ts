// Activation-time upkeep: report unreadable stored entries, and keys no connection here names.
// Keys are deleted only by the user (Delete Connection, Clear API Key). A key without a connection in this
// window is not proof of an orphan: another window's new connection can store its secret before its
// globalState arrives, and Settings Sync can deliver a connection after its key's machine-local entry is read.
// The activation sweep that deleted such keys lost keys of connections that existed; it is gone.
import type { ConnectionStore } from './connectionStore';
import type { KeyVault } from './keyVault';

interface Log {
  info(message: string): void;
  warn(message: string): void;
}

export function reportStoredProblems(store: ConnectionStore, log: Log): void {
  const snap = store.snapshot();
  if (snap.documentProblem) log.warn(`stored connections could not be read: ${snap.documentProblem}; kept unchanged`);
  for (const bad of snap.invalid) {
    log.warn(`stored connection entry ${bad.storageKey} could not be read (${bad.reason}); kept unchanged in storage`);
  }
}

/** Logs (never deletes) keys that no connection in this window names; returns how many. */
export async function reportUnattachedKeys(store: Pick<ConnectionStore, 'knownIds'>, vault: KeyVault, log: Log): Promise<number> {
  const ids = await vault.unattachedIds(store.knownIds());
  if (ids.length > 0) log.info(`${ids.length} stored API key(s) belong to no connection in this window; kept (only you delete keys)`);
  return ids.length;
}
