// Base URL handling: what users paste becomes a base URL in the catalogue's form.
import { checkApiUrl, describeApiUrlProblem } from '../shared/apiUrl';

export class InvalidUrlError extends Error {
  override readonly name = 'InvalidUrlError';
}

/**
 * The base URL a request uses: the one URL rule of src/shared/apiUrl.ts (http(s) only, no user:password, no
 * credential in the query) and its normal form (no trailing `/`, no pasted endpoint path, no query or fragment;
 * a path prefix is kept: proxies mount APIs under paths). Anything else throws a clear InvalidUrlError.
 */
export function normalizeBaseUrl(input: string): string {
  if (input.trim() === '') throw new InvalidUrlError('The API URL is empty.');
  const check = checkApiUrl(input);
  if (!check.ok) throw new InvalidUrlError(describeApiUrlProblem(check.problem, check.param));
  return check.url;
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
