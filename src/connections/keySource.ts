// Where a connection's key comes from: stored in SecretStorage on this machine, read from an environment
// variable at request time, or nowhere. No vscode import; the tree, tooltip, form and API all ask here.
import type { Connection } from '../shared/connection';
import type { KeyEnvironment } from './targetFromConnection';

export type KeySource = { kind: 'stored' } | { kind: 'env'; name: string; set: boolean } | { kind: 'none' };

export function keySourceOf(c: Pick<Connection, 'apiKeyEnv'>, hasStoredKey: boolean, env: KeyEnvironment = process.env): KeySource {
  if (c.apiKeyEnv) return { kind: 'env', name: c.apiKeyEnv, set: Boolean(env[c.apiKeyEnv]?.trim()) };
  return hasStoredKey ? { kind: 'stored' } : { kind: 'none' };
}

/** Whether a request would carry a key now. */
export const hasUsableKey = (s: KeySource): boolean => s.kind === 'stored' || (s.kind === 'env' && s.set);
