// Failure → category + plain-words message (+ status, retryAfterSeconds). The table lives in providers.md.
import type { CallContext } from './callContext';
import type { HttpResponse } from './http';
import { looksLikeHtml } from './json';
import { ProviderError } from './providerError';
import type { FailureCategory } from './types';
import { describeUrl } from './url';

/** What a request was for; decides what a 404 means (a wrong path vs an unknown model or deployment). */
export type RequestPurpose = 'list' | 'key-check' | 'model' | 'completion';

/** The parts of a provider error body that classification reads, from any dialect's shape. */
export interface ErrorFacts {
  message?: string;
  /** Lower-cased codes, types, statuses and reasons found anywhere in the body or error headers. */
  codes: string[];
  /** Gemini `google.rpc.RetryInfo.retryDelay`, in seconds. */
  retryDelaySeconds?: number;
}

const MAX_SHOWN_MESSAGE = 300;

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);

const TLS_REASONS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server uses a self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'the certificate chain contains a self-signed certificate (a company proxy?)',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the certificate cannot be verified against a trusted authority',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the certificate issuer is not trusted on this machine (a company proxy?)',
  CERT_HAS_EXPIRED: 'the certificate has expired',
  CERT_NOT_YET_VALID: 'the certificate is not valid yet (check the clock)',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the certificate is for a different host name',
  HOSTNAME_MISMATCH: 'the certificate is for a different host name',
  ERR_SSL_WRONG_VERSION_NUMBER: 'the server does not speak HTTPS on this port (try http://)',
  EPROTO: 'the TLS handshake failed (does the server speak HTTPS on this port?)',
};

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
}

/** Walks an error's cause chain (fetch wraps the socket error twice) for Node's error codes. */
function causeCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth++) {
    const like = current as ErrorLike;
    if (typeof like.code === 'string') codes.push(like.code);
    if (typeof like.message === 'string') {
      // undici reports some TLS failures only in words.
      const match = /\b(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|CERT_HAS_EXPIRED|ERR_SSL_[A-Z_]+)\b/.exec(like.message);
      if (match?.[1]) codes.push(match[1]);
      if (/self[- ]signed certificate/i.test(like.message)) codes.push('DEPTH_ZERO_SELF_SIGNED_CERT');
    }
    current = like.cause;
  }
  return codes;
}

/** A request that got no HTTP response at all. */
export function classifyNetworkError(error: unknown, url: string, ctx: CallContext): ProviderError {
  const codes = causeCodes(error);
  const where = describeUrl(url);
  const host = safeHost(url);
  const tls = codes.find((code) => TLS_CODES.has(code) || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_'));
  if (tls !== undefined) {
    const reason = TLS_REASONS[tls] ?? `TLS error ${tls}`;
    return new ProviderError('tls', `Certificate problem with ${host}: ${reason}.`);
  }
  if (codes.includes('ENOTFOUND') || codes.includes('EAI_AGAIN') || codes.includes('EAI_NONAME')) {
    return new ProviderError('wrong_url', `The host name ${host} cannot be found. Check the API URL (${where}).`);
  }
  if (codes.includes('ECONNREFUSED')) {
    return new ProviderError(
      'network',
      `Nothing is listening at ${host} (connection refused). If this is a local server, is it running?`,
    );
  }
  if (codes.includes('UND_ERR_CONNECT_TIMEOUT') || codes.includes('ETIMEDOUT')) {
    return new ProviderError('timeout', `${host} did not accept a connection in time.`);
  }
  if (codes.some((code) => ['EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EHOSTDOWN'].includes(code))) {
    return new ProviderError('network', `${host} cannot be reached from this machine (no network route). Check your connection or proxy.`);
  }
  if (codes.some((code) => ['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED'].includes(code))) {
    return new ProviderError('network', `The connection to ${host} was closed before an answer arrived.`);
  }
  const detail = codes[0] ? ` (${codes[0]})` : '';
  return new ProviderError('network', ctx.redact(`${where} cannot be reached${detail}.`));
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Seconds from Google's Duration JSON form ("38s", "1.5s"). */
function parseDurationSeconds(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d+(?:\.\d+)?)s$/.exec(value.trim());
  return match?.[1] ? Number(match[1]) : undefined;
}

/** Reads the message, codes and retry hints of any provider's error body (JSON or text). */
export function errorFacts(text: string, headers: Headers): ErrorFacts {
  const codes: string[] = [];
  const addCode = (value: unknown): void => {
    if (typeof value === 'string' && value.trim() !== '') codes.push(value.trim().toLowerCase());
    else if (typeof value === 'number') codes.push(String(value));
  };
  addCode(headers.get('x-amzn-errortype')?.split(':')[0]);
  let message: string | undefined;
  let retryDelaySeconds: number | undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const root = asRecord(json);
  if (root) {
    const error = asRecord(root['error']);
    const detail = root['detail'];
    const detailFirst = Array.isArray(detail) ? asRecord(detail[0]) : undefined;
    const candidates: unknown[] = [
      root['error_description'], // OAuth token endpoints: {error: "invalid_grant", error_description}
      error?.['message'],
      root['error'],
      root['message'],
      root['Message'],
      typeof detail === 'string' ? detail : detailFirst?.['msg'],
    ];
    message = candidates.find((c): c is string => typeof c === 'string' && c.trim() !== '');
    addCode(typeof root['error'] === 'string' && /^[a-z_]+$/.test(root['error']) ? root['error'] : undefined);
    for (const source of [error, root]) {
      if (!source) continue;
      addCode(source['code']);
      addCode(source['type']);
      addCode(source['status']);
      addCode(source['__type']);
    }
    for (const item of Array.isArray(error?.['details']) ? (error['details'] as unknown[]) : []) {
      const entry = asRecord(item);
      if (!entry) continue;
      addCode(entry['reason']);
      retryDelaySeconds ??= parseDurationSeconds(entry['retryDelay']);
    }
  } else if (text.trim() !== '' && !looksLikeHtml(text, headers)) {
    message = text.trim();
  }
  return {
    ...(message === undefined ? {} : { message }),
    codes,
    ...(retryDelaySeconds === undefined ? {} : { retryDelaySeconds }),
  };
}

/** `retry-after-ms`, `retry-after` (seconds or an HTTP date), then Gemini's RetryInfo; whole seconds, ≥ 0. */
export function retryAfterSeconds(headers: Headers, facts: ErrorFacts, now = Date.now()): number | undefined {
  const ms = Number(headers.get('retry-after-ms') ?? NaN);
  if (Number.isFinite(ms) && ms >= 0) return Math.ceil(ms / 1000);
  const header = headers.get('retry-after')?.trim();
  if (header) {
    if (/^\d+(\.\d+)?$/.test(header)) return Math.ceil(Number(header));
    const date = Date.parse(header);
    if (Number.isFinite(date)) return Math.max(0, Math.ceil((date - now) / 1000));
  }
  return facts.retryDelaySeconds === undefined ? undefined : Math.ceil(facts.retryDelaySeconds);
}

const INVALID_KEY_CODES = ['invalid_grant', 'invalid_client', 'unauthorized_client', 'invalid_api_key', 'api_key_invalid', 'authentication_error', 'unrecognizedclientexception', 'invalidsignatureexception', 'unauthenticated'];
const QUOTA_CODES = ['servicequotaexceededexception', 'insufficient_quota', 'billing_error', 'billing_hard_limit_reached', 'insufficient_balance', 'payment_required'];
const RATE_CODES = ['rate_limit_exceeded', 'rate_limit_error', 'throttlingexception', 'too_many_requests', 'tokens_exceeded'];
const MODEL_CODES = ['model_not_found', 'deploymentnotfound', 'not_found_error', 'resourcenotfoundexception', 'notfound'];

const BILLING_WORDS = /\b(billing|credits?|balance|payment|paid plan|top[ -]?up|insufficient funds)\b/i;
const QUOTA_WORD = /\bquota\b/i;
const KEY_WORDS = /(api[ _-]?key|token|credential|authori[sz])/i;
const BAD_WORDS = /(invalid|incorrect|not valid|wrong|expired|revoked|malformed|missing|unauthori[sz]ed)/i;
const MODEL_MISSING_WORDS = /\bmodel\b.*\b(not found|does not exist|doesn't exist|unknown|not supported|invalid|no endpoints)\b|\b(unknown|invalid) model\b|no endpoints found/i;

function hasAny(codes: readonly string[], wanted: readonly string[]): boolean {
  return codes.some((code) => wanted.includes(code));
}

/** A response with a non-2xx status → the error the user sees. */
export function classifyHttpFailure(response: HttpResponse, ctx: CallContext, purpose: RequestPurpose, model?: string): ProviderError {
  const { status, headers } = response;
  const facts = errorFacts(response.text, headers);
  const where = describeUrl(response.url);
  const said = facts.message ? ` The server said: "${trimMessage(ctx.redact(facts.message))}"` : '';
  const make = (category: FailureCategory, text: string, retry?: number): ProviderError =>
    new ProviderError(category, ctx.redact(text), { status, ...(retry === undefined ? {} : { retryAfterSeconds: retry }) });
  const message = facts.message ?? '';
  const html = looksLikeHtml(response.text, headers);

  if (response.credentialsWithheldFrom !== undefined && (status === 401 || status === 403)) {
    return make(
      'wrong_url',
      `The API URL redirects to ${response.credentialsWithheldFrom}, a different origin, so the key was not sent there. If that is the real API, use it as the API URL.`,
    );
  }
  if (status === 401 || status === 403 || status === 498) {
    return make('invalid_key', `The API key was rejected (HTTP ${status}). Check that it is complete, current and for this provider.${said}`);
  }
  if (status === 402 || hasAny(facts.codes, QUOTA_CODES)) {
    return make('quota_exceeded', `The account is out of credits or over its quota (HTTP ${status}); retrying will not help until billing is sorted.${said}`);
  }
  if (status === 429) {
    const retry = retryAfterSeconds(headers, facts);
    const aboutBilling = BILLING_WORDS.test(message) && !hasAny(facts.codes, RATE_CODES);
    // "quota" alone is ambiguous (Gemini says it for per-minute limits too); a wait time means a rate limit.
    const aboutQuota = QUOTA_WORD.test(message) && retry === undefined && !hasAny(facts.codes, RATE_CODES);
    if (aboutBilling || aboutQuota) {
      return make('quota_exceeded', `The account is out of credits or over its quota; retrying will not help until billing is sorted.${said}`);
    }
    const wait = retry === undefined ? 'Wait a moment and try again.' : `Try again in ${retry} s.`;
    return make('rate_limited', `Rate limited by the provider (HTTP 429). ${wait}${said}`, retry);
  }
  if (status === 400 && (hasAny(facts.codes, INVALID_KEY_CODES) || (KEY_WORDS.test(message) && BAD_WORDS.test(message)))) {
    return make('invalid_key', `The API key was rejected (HTTP 400). Check that it is complete, current and for this provider.${said}`);
  }
  // Anthropic says "credit balance is too low" with a 400.
  if (status === 400 && BILLING_WORDS.test(message)) {
    return make('quota_exceeded', `The account is out of credits (HTTP 400); retrying will not help until billing is sorted.${said}`);
  }
  const modelMissing = hasAny(facts.codes, MODEL_CODES) || MODEL_MISSING_WORDS.test(message);
  if ((status === 404 || status === 400) && !html && purpose !== 'list' && purpose !== 'key-check' && modelMissing) {
    const name = model ? `"${model}"` : 'The model';
    return make('model_not_found', `${name} was not found by the provider (HTTP ${status}).${said}`);
  }
  if (status === 404 || status === 405 || status === 410 || html) {
    return make('wrong_url', `${where} does not look like this provider's API (HTTP ${status}${html ? ', a web page' : ''}). Check the API URL.${html ? '' : said}`);
  }
  if (status === 408) {
    return make('timeout', `The server gave up waiting (HTTP 408).${said}`);
  }
  if (status >= 500) {
    const what = status === 529 || hasAny(facts.codes, ['overloaded_error']) ? 'is overloaded' : 'had an internal error';
    return make('server_error', `The provider ${what} (HTTP ${status}). This is on their side; try again later.${said}`, retryAfterSeconds(headers, facts));
  }
  return make('bad_response', `The provider refused the request (HTTP ${status}).${said}`);
}

function trimMessage(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_SHOWN_MESSAGE ? `${oneLine.slice(0, MAX_SHOWN_MESSAGE - 1)}…` : oneLine;
}

const STREAM_FAILURE_LEADS: Record<'invalid_key' | 'quota_exceeded' | 'rate_limited' | 'timeout' | 'server_error', string> = {
  invalid_key: 'The provider rejected the API key partway through the reply.',
  quota_exceeded: 'The account ran out of credits or quota partway through the reply; retrying will not help until billing is sorted.',
  rate_limited: 'Rate limited by the provider partway through the reply. Wait a moment and try again.',
  timeout: 'The provider timed out partway through the reply.',
  server_error: 'The provider reported an error partway through the reply, so it is incomplete. This is on their side; try again later.',
};

/**
 * An error the provider reported inside a stream that had already started with HTTP 200 (the dialect's error
 * event or line). Categorised from the codes in its payload, as an HTTP failure is; `code` is the HTTP-like
 * number some providers put in the payload (Gemini, OpenRouter), when there is one.
 */
export function classifyStreamError(payload: string, ctx: CallContext, code?: number): ProviderError {
  const facts = errorFacts(payload, new Headers());
  const message = facts.message ?? '';
  const codes = facts.codes;
  let category: keyof typeof STREAM_FAILURE_LEADS = 'server_error';
  if (code === 401 || code === 403 || hasAny(codes, [...INVALID_KEY_CODES, 'permission_error', 'permission_denied'])) category = 'invalid_key';
  else if (code === 402 || hasAny(codes, QUOTA_CODES) || BILLING_WORDS.test(message)) category = 'quota_exceeded';
  else if (code === 429 || hasAny(codes, [...RATE_CODES, 'resource_exhausted'])) category = 'rate_limited';
  else if (code === 408 || hasAny(codes, ['timeout', 'deadline_exceeded'])) category = 'timeout';
  const said = message ? ` The server said: "${trimMessage(ctx.redact(message))}"` : '';
  return new ProviderError(category, ctx.redact(`${STREAM_FAILURE_LEADS[category]}${said}`));
}
