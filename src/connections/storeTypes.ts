// The store's public shapes: what it is given (a Memento-shaped object, options) and what it hands out.
import { StorageKey } from '../ids';
import type { Connection } from '../shared/connection';
import type { HeaderValues } from '../shared/storedConnection';

/** The part of vscode.Memento the store uses (`setKeysForSync` exists on globalState only). */
export interface MementoLike {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void> | Promise<void>;
  keys(): readonly string[];
  setKeysForSync?(keys: readonly string[]): void;
}

export class StoreError extends Error {
  constructor(
    readonly code: 'nameDuplicate' | 'notFound' | 'conflict' | 'noSecretStorage',
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

/**
 * The code of a StoreError. By code, not `instanceof`: a test bundle has its own copy of the class, and the
 * error may come from the extension's.
 */
export function storeErrorCode(err: unknown): StoreError['code'] | undefined {
  return err instanceof Error && err.name === 'StoreError' ? (err as StoreError).code : undefined;
}

export interface StoreSnapshot {
  connections: readonly Connection[];
  invalid: readonly InvalidEntry[];
  defaultId: string | undefined;
  /** Why stored connections as a whole could not be read (an old document kept as a backup, a newer format). */
  documentProblem: string | undefined;
}

export interface StoreOptions {
  keys?: StoreKeys;
  /** Where header values go (KeyVault). Without it, a connection with header values cannot be saved. */
  headerSecrets?: HeaderSecrets;
  log?: MigrationLog;
  now?: () => Date;
  newId?: () => string;
}

export const DEFAULT_STORE_KEYS: StoreKeys = {
  connectionPrefix: StorageKey.connectionPrefix,
  deletedPrefix: StorageKey.deletedPrefix,
  defaultConnection: StorageKey.defaultConnection,
  legacyDocument: StorageKey.connections,
  legacyBackup: StorageKey.connectionsBackup,
};

export interface StoreKeys {
  /** Prefix of the per-connection keys. */
  connectionPrefix: string;
  /**
   * Prefix of tombstones (local, not synced): a connection deleted on purpose, so a window that wrote it lately
   * does not take its absence for another window's stale copy and write it back.
   */
  deletedPrefix: string;
  defaultConnection: string;
  /** Version 1's one document (migrated, then removed). */
  legacyDocument: string;
  /** Where an unreadable version 1 document is kept. */
  legacyBackup: string;
}

export interface InvalidEntry {
  /** Its place among the unreadable entries (shown as "Unreadable entry n" when it has no name). */
  index: number;
  /** The globalState key that holds it, unchanged. */
  storageKey: string;
  raw: unknown;
  /** The entry's id when it has a usable one (its key in SecretStorage is then not an orphan). */
  id: string | undefined;
  /** A name to show for it, when it has one. */
  label: string | undefined;
  reason: string;
}

/** Where header values go (KeyVault): never globalState. */
export interface HeaderSecrets {
  headerValues(id: string): Promise<HeaderValues | undefined>;
  setHeaderValues(id: string, values: HeaderValues | undefined): Promise<void>;
}

export interface MigrationLog {
  info(message: string): void;
  warn(message: string): void;
}
