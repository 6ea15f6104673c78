// Validation shared by the form (inline, as the user types) and the extension host (authoritative,
// on every write). Returns codes; the caller localizes them. The home of the name rule (nameKeyOf/sameName)
// and the credential-header rule (isCredentialHeader); the URL rule is apiUrl.ts.
import { checkApiUrl } from './apiUrl';
import type { CapabilitiesDraft, ConnectionDraft, FieldErrors, HeaderRow } from './connection';

import { MAX_CAPABILITY_TOKENS, MAX_NAME_LENGTH, MAX_TIMEOUT_SECONDS } from './limits';

export { MAX_CAPABILITY_TOKENS, MAX_NAME_LENGTH, MAX_TIMEOUT_SECONDS };

/** The headers a provider's key travels in (and cookies): set from the key, never typed as a custom header. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'x-api-key', 'api-key', 'x-goog-api-key', 'cookie']);
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Names are unique without regard to case or surrounding spaces: this is the form they are compared in. */
export function nameKeyOf(name: string): string {
  return name.trim().toLocaleLowerCase();
}

export function sameName(a: string, b: string): boolean {
  return nameKeyOf(a) === nameKeyOf(b);
}

/**
 * The credential-header rule: a header that carries the key (`Authorization`, `x-api-key`, …, any case) is refused
 * as a custom header — the key is set with Set API Key and kept in SecretStorage.
 */
export function isCredentialHeader(name: string): boolean {
  return CREDENTIAL_HEADERS.has(name.trim().toLowerCase());
}

/** The URL rule (apiUrl.ts) as the form reports it; blank is fine (the provider's default applies). */
export function validateUrl(raw: string): FieldErrors['apiUrl'] {
  if (!raw.trim()) return undefined;
  const check = checkApiUrl(raw);
  return check.ok ? undefined : check.problem;
}

export function validateHeaders(rows: readonly HeaderRow[]): FieldErrors['headers'] {
  const seen = new Set<string>();
  for (const row of rows) {
    const name = row.name.trim();
    if (!name && !row.value.trim()) continue;
    if (!HEADER_NAME.test(name)) return 'headerNameInvalid';
    const lower = name.toLowerCase();
    if (isCredentialHeader(name)) return 'headerAuth';
    if (seen.has(lower)) return 'headerDuplicate';
    seen.add(lower);
  }
  return undefined;
}

/** A token count typed in the form: empty (detect) or a whole number from 1 to MAX_CAPABILITY_TOKENS. */
export function validateTokenCount(raw: string): FieldErrors['contextWindow'] {
  const t = raw.trim();
  if (!t) return undefined;
  return /^\d{1,9}$/.test(t) && Number(t) >= 1 && Number(t) <= MAX_CAPABILITY_TOKENS ? undefined : 'tokensInvalid';
}

export function validateCapabilities(d: CapabilitiesDraft): Pick<FieldErrors, 'contextWindow' | 'maxOutputTokens'> {
  const errors: Pick<FieldErrors, 'contextWindow' | 'maxOutputTokens'> = {};
  const context = validateTokenCount(d.contextWindow);
  if (context) errors.contextWindow = context;
  const output = validateTokenCount(d.maxOutputTokens);
  if (output) errors.maxOutputTokens = output;
  return errors;
}

/**
 * @param otherNames names of the other connections (not the one being edited)
 * @param providerIds the provider catalogue's ids
 */
export function validateDraft(draft: ConnectionDraft, otherNames: readonly string[], providerIds: readonly string[]): FieldErrors {
  const errors: FieldErrors = {};
  const name = draft.name.trim();
  if (!name) errors.name = 'nameRequired';
  else if (name.length > MAX_NAME_LENGTH) errors.name = 'nameTooLong';
  else if (otherNames.some((n) => sameName(n, name))) errors.name = 'nameDuplicate';
  if (!draft.provider) errors.provider = 'providerRequired';
  else if (!providerIds.includes(draft.provider)) errors.provider = 'providerUnknown';
  const url = validateUrl(draft.apiUrl);
  if (url) errors.apiUrl = url;
  const headers = validateHeaders(draft.headers);
  if (headers) errors.headers = headers;
  const t = draft.timeoutSeconds.trim();
  if (t && !(/^\d+$/.test(t) && Number(t) >= 1 && Number(t) <= MAX_TIMEOUT_SECONDS)) errors.timeoutSeconds = 'timeoutInvalid';
  Object.assign(errors, validateCapabilities(draft.capabilities));
  return errors;
}

export function hasErrors(errors: FieldErrors): boolean {
  return Object.values(errors).some(Boolean);
}

/** Header rows → the stored record (blank rows dropped, names trimmed). */
export function headersFromRows(rows: readonly HeaderRow[]): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const r of rows) if (r.name.trim()) out[r.name.trim()] = r.value;
  return Object.keys(out).length ? out : undefined;
}
