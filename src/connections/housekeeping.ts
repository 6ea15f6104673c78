// Activation-time upkeep: report unreadable stored entries, remove keys whose connection is gone.
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
    log.warn(`stored connection #${bad.index + 1} could not be read (${bad.reason}); kept unchanged in storage`);
  }
}

export async function removeOrphanKeys(store: ConnectionStore, vault: KeyVault, log: Log): Promise<void> {
  // With an unreadable document every key would look orphaned: keep them all until it is readable.
  if (store.snapshot().documentProblem) return;
  const removed = await vault.removeOrphans(store.knownIds());
  if (removed > 0) log.info(`removed ${removed} API key(s) of connections that no longer exist`);
}
