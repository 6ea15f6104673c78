// From a stored connection (or a form draft) to the providers module's ProviderTarget.
import type { ProviderTarget } from '../providers';
import type { Connection, ConnectionDraft } from '../shared/connection';
import { checkApiUrl } from '../shared/apiUrl';
import { headersFromRows } from '../shared/validation';

/** The environment keys are read from: the extension host's, read at each request (a rotated key just works). */
export type KeyEnvironment = Record<string, string | undefined>;

/**
 * The key a request uses: the connection's variable when it names one (never the stored key then), else the
 * stored key the caller read from the vault.
 */
export function resolveKey(c: Pick<Connection, 'apiKeyEnv'>, storedKey: string | undefined, env: KeyEnvironment = process.env): string | undefined {
  if (c.apiKeyEnv) return env[c.apiKeyEnv]?.trim() || undefined;
  return storedKey || undefined;
}

export function targetFromConnection(c: Connection, apiKey: string | undefined, defaultTimeoutSeconds: number, env: KeyEnvironment = process.env): ProviderTarget {
  return {
    provider: c.provider,
    apiUrl: c.apiUrl || undefined,
    apiKey: resolveKey(c, apiKey, env),
    ...(c.apiKeyEnv ? { apiKeyEnv: c.apiKeyEnv } : {}),
    model: c.model || undefined,
    headers: c.headers,
    timeoutMs: (c.timeoutSeconds ?? defaultTimeoutSeconds) * 1000,
  };
}

export function targetFromDraft(d: ConnectionDraft, apiKey: string | undefined, defaultTimeoutSeconds: number): ProviderTarget {
  const timeout = Number(d.timeoutSeconds.trim());
  return {
    provider: d.provider,
    apiUrl: draftApiUrl(d.apiUrl),
    apiKey: apiKey || undefined,
    model: d.model.trim() || undefined,
    headers: headersFromRows(d.headers),
    timeoutMs: (Number.isFinite(timeout) && timeout > 0 ? timeout : defaultTimeoutSeconds) * 1000,
  };
}

/**
 * A draft's URL as its connection would store it (the normal form), so a test of the draft matches the saved
 * connection; a URL that breaks the rule goes as typed, and the request refuses it with the rule's words.
 */
function draftApiUrl(raw: string): string | undefined {
  if (!raw.trim()) return undefined;
  const check = checkApiUrl(raw);
  return check.ok ? check.url : raw.trim();
}

/** Identifies what a model list depends on, so a changed URL, provider or key invalidates a cached list. */
export function listFingerprint(t: ProviderTarget): string {
  return JSON.stringify([t.provider, t.apiUrl ?? '', t.headers ?? {}, t.apiKey ? hashKey(t.apiKey) : '']);
}

/** A short non-reversible tag of a key (FNV-1a), so the fingerprint never holds the key itself. */
function hashKey(key: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16);
}

/**
 * Identifies everything a test result depends on (what TestResults.followChanges watches), so a test of a
 * form's draft is recorded only for the connection it actually describes.
 */
export function testFingerprint(t: ProviderTarget): string {
  return JSON.stringify([t.provider, t.apiUrl ?? '', t.model ?? '', t.headers ?? {}, t.timeoutMs ?? 0, t.apiKey ? hashKey(t.apiKey) : '']);
}
