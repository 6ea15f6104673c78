// From a stored connection (or a form draft) to the providers module's ProviderTarget.
import type { ProviderTarget } from '../providers';
import type { Connection, ConnectionDraft, HeaderRow } from '../shared/connection';
import { checkApiUrl } from '../shared/apiUrl';

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

/**
 * @param headerValues the connection's header values from SecretStorage (KeyVault.headerValues); only the
 *   names the connection lists are sent, and a name without a value on this machine is left out.
 */
export function targetFromConnection(
  c: Connection,
  apiKey: string | undefined,
  defaultTimeoutSeconds: number,
  headerValues?: Record<string, string>,
  env: KeyEnvironment = process.env,
): ProviderTarget {
  const headers = Object.fromEntries((c.headerNames ?? []).flatMap((n) => (headerValues?.[n] !== undefined ? [[n, headerValues[n]]] : [])));
  return {
    provider: c.provider,
    apiUrl: c.apiUrl || undefined,
    apiKey: resolveKey(c, apiKey, env),
    ...(c.apiKeyEnv ? { apiKeyEnv: c.apiKeyEnv } : {}),
    model: c.model || undefined,
    headers: Object.keys(headers).length ? headers : undefined,
    timeoutMs: (c.timeoutSeconds ?? defaultTimeoutSeconds) * 1000,
  };
}

/** @param storedHeaderValues the edited connection's header values: a row left empty keeps its stored value. */
export function targetFromDraft(
  d: ConnectionDraft,
  apiKey: string | undefined,
  defaultTimeoutSeconds: number,
  storedHeaderValues?: Record<string, string>,
): ProviderTarget {
  const timeout = Number(d.timeoutSeconds.trim());
  return {
    provider: d.provider,
    apiUrl: draftApiUrl(d.apiUrl),
    apiKey: apiKey || undefined,
    model: d.model.trim() || undefined,
    headers: headerValuesFromRows(d.headers, storedHeaderValues),
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

/**
 * The header values a form's rows stand for (blank rows dropped, names trimmed): the value typed, or for a row
 * whose value field was left empty, the value stored for that name (the form never receives it).
 */
export function headerValuesFromRows(rows: readonly HeaderRow[], stored: Record<string, string> | undefined): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const r of rows) {
    const name = r.name.trim();
    if (!name) continue;
    out[name] = r.value === '' && stored?.[name] !== undefined ? stored[name] : r.value;
  }
  return Object.keys(out).length ? out : undefined;
}

/** Identifies what a model list depends on, so a changed URL, provider or key invalidates a cached list. */
export function listFingerprint(t: ProviderTarget): string {
  return JSON.stringify([t.provider, t.apiUrl ?? '', hashKey(JSON.stringify(t.headers ?? {})), t.apiKey ? hashKey(t.apiKey) : '']);
}

/** A short non-reversible tag of a key or header values (FNV-1a), so a fingerprint never holds a secret. */
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
  return JSON.stringify([t.provider, t.apiUrl ?? '', t.model ?? '', hashKey(JSON.stringify(t.headers ?? {})), t.timeoutMs ?? 0, t.apiKey ? hashKey(t.apiKey) : '']);
}
