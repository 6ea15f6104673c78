// An HTTP failure or a stream's error event → category + plain-words message (+ status, retryAfterSeconds).
// A request that got no response at all is networkError.ts's job.
import type { CallContext } from './callContext';
import type { HttpResponse } from './httpTypes';
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

// Re-exported so callers that import it from here keep compiling; http.ts imports it from its own module.
export { classifyNetworkError } from './networkError';

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
