// Base URL handling: what users paste becomes a base URL in the catalogue's form.
import { scrubUrlCredentials } from './redact';

/** Endpoint suffixes users paste along with the base URL; stripped repeatedly, longest first. */
const PASTED_ENDPOINT_SUFFIXES: readonly string[] = ['/v1/messages', '/chat/completions', '/completions', '/models'];

export class InvalidUrlError extends Error {
  override readonly name = 'InvalidUrlError';
}

/**
 * Accepts what users paste: surrounding space, trailing `/`, a trailing endpoint path
 * (`/chat/completions`, `/completions`, `/models`, `/v1/messages`), a query or fragment. Keeps any path
 * prefix (proxies mount APIs under paths). Only `http:` and `https:`; anything else throws a clear error.
 * A URL that carries user:password is refused too: credentials belong in the key, not the URL.
 */
export function normalizeBaseUrl(input: string): string {
  const trimmed = input.trim();
  if (trimmed === '') throw new InvalidUrlError('The API URL is empty.');
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new InvalidUrlError(`"${scrubUrlCredentials(trimmed)}" is not a valid URL. Use a full URL such as https://api.example.com/v1.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidUrlError(`The API URL must start with http:// or https:// (got ${url.protocol}).`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new InvalidUrlError('The API URL must not contain a user name or password; put the key in the API key field.');
  }
  let path = url.pathname.replace(/\/+$/, '');
  for (let stripped = true; stripped; ) {
    stripped = false;
    for (const suffix of PASTED_ENDPOINT_SUFFIXES) {
      if (path.toLowerCase().endsWith(suffix)) {
        path = path.slice(0, -suffix.length).replace(/\/+$/, '');
        stripped = true;
      }
    }
  }
  return `${url.protocol}//${url.host}${path}`;
}

/** Whether a URL still holds a catalogue placeholder such as `{resource}`. */
export function hasPlaceholder(url: string): boolean {
  return /\{[a-z]+\}/i.test(url);
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return LOOPBACK_HOSTS.has(host) || host.endsWith('.localhost') || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/**
 * True when a key sent to this URL would cross the network in clear text: plain `http:` to a host that is not
 * this machine. The extension warns before sending a key there. Invalid URLs are not "plain http" (false).
 */
export function isPlainHttpToRemoteHost(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return false;
  }
  return parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname);
}

/** Scheme, host and port: the unit credentials are bound to. */
export function originOf(url: string): string {
  return new URL(url).origin;
}

/** Joins a base URL and a relative path (`/models`, `models`), keeping the base's path prefix. */
export function joinUrl(base: string, path: string, query?: Record<string, string | number | undefined>): string {
  const url = new URL(`${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  return url.toString();
}

/** The URL as shown to users: no query (nothing secret is ever there, but it is noise). */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return url;
  }
}
