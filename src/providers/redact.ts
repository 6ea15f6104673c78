// One redaction mechanism for every text that leaves the module (messages, provider error texts).

const REDACTED = '[redacted]';

/** Shorter secrets are not redacted as substrings: they would shred ordinary words. */
const MIN_SECRET_LENGTH = 4;
/** A token sharing this many leading characters with a secret is treated as an echo of it. */
const ECHO_PREFIX_LENGTH = 6;

/**
 * Well-known key shapes, so that a provider echoing some *other* key (or a masked form of ours,
 * like OpenAI's `sk-abc*****wxyz`) does not put key material on screen.
 */
const KEY_SHAPES: readonly RegExp[] = [
  /\bsk-[A-Za-z0-9_*-]{6,}/g, // OpenAI, Anthropic (sk-ant-), DeepSeek, OpenRouter (sk-or-)
  /\bAIza[0-9A-Za-z_*-]{10,}/g, // Google API keys
  /\b(?:gsk|xai|pplx|csk|nvapi|fw|ya29)[-_.][A-Za-z0-9_*.-]{8,}/g, // Groq, xAI, Perplexity, Cerebras, ...
  /\b[A-Za-z0-9_-]{2,}\*{3,}[A-Za-z0-9_*-]*/g, // any masked echo: "ab****yz"
  /(\bBearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi,
];

/** `scheme://user:password@host`: the user-info part of any URL in a text. */
const URL_USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>]+@/gi;
/** A query (or fragment) parameter that carries a credential: `?key=…`, `&access_token=…`, `#api_key=…`. */
const URL_CREDENTIAL_PARAM =
  /([?&#;](?:api[-_]?key|key|x-api-key|token|access[-_]?token|id[-_]?token|refresh[-_]?token|auth|authorization|sig|signature|secret|client[-_]?secret|password|pwd|code)=)[^&#\s"'<>]+/gi;

/**
 * Removes what a URL can carry of a credential (user:password, `?key=` and its kin) from any text. Errors raised
 * before a request starts (a pasted URL that does not parse) know no secret to redact, but may echo such a URL.
 */
export function scrubUrlCredentials(text: string): string {
  return text.replace(URL_USERINFO, `$1${REDACTED}@`).replace(URL_CREDENTIAL_PARAM, `$1${REDACTED}`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Replaces every secret, every token that starts like one, every well-known key shape and URL credentials. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = scrubUrlCredentials(text);
  const usable = secrets.map((s) => s.trim()).filter((s) => s.length >= MIN_SECRET_LENGTH);
  // Longest first, so that a secret containing another is replaced whole.
  for (const secret of [...usable].sort((a, b) => b.length - a.length)) {
    out = out.split(secret).join(REDACTED);
    if (secret.length >= ECHO_PREFIX_LENGTH * 2) {
      const prefix = escapeRegExp(secret.slice(0, ECHO_PREFIX_LENGTH));
      out = out.replace(new RegExp(`${prefix}[^\\s"',;]*`, 'g'), REDACTED);
    }
  }
  for (const shape of KEY_SHAPES) {
    out = out.replace(shape, (match: string, bearer?: string) =>
      typeof bearer === 'string' && match.toLowerCase().startsWith('bearer') ? `${bearer}${REDACTED}` : REDACTED,
    );
  }
  return out;
}

/** Values that must never appear in output: the key and every custom header value. */
export function secretsOf(target: { apiKey?: string; headers?: Record<string, string> }): string[] {
  const secrets: string[] = [];
  if (target.apiKey) secrets.push(target.apiKey);
  for (const value of Object.values(target.headers ?? {})) secrets.push(value);
  return secrets;
}
