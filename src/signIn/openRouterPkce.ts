// OpenRouter's OAuth PKCE (S256), as its docs give it: send the user to /auth with a callback URL and a code
// challenge; they come back to the callback with ?code=…; POST /api/v1/auth/keys {code, code_verifier,
// code_challenge_method} answers {key}. No client id, no secret. No vscode import; nothing here logs, and
// no error carries the code, the verifier or the key.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export interface OpenRouterEndpoints {
  /** The page the browser opens. */
  auth: string;
  /** Where the code is exchanged for a key. */
  exchange: string;
}

export const OPENROUTER_ENDPOINTS: OpenRouterEndpoints = Object.freeze({
  auth: 'https://openrouter.ai/auth',
  exchange: 'https://openrouter.ai/api/v1/auth/keys',
});

const base64url = (bytes: Buffer) => bytes.toString('base64url');

/** A fresh verifier (43 characters of 32 random bytes, within RFC 7636's 43–128) and its S256 challenge. */
export function createPkce(): { verifier: string; challenge: string } {
  const verifier = base64url(randomBytes(32));
  return { verifier, challenge: base64url(createHash('sha256').update(verifier).digest()) };
}

/** A per-flow nonce: the callback path carries it, and only the pending flow's nonce is accepted. */
export function createNonce(): string {
  return base64url(randomBytes(16));
}

export function sameNonce(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function authUrl(endpoints: OpenRouterEndpoints, callbackUrl: string, challenge: string): string {
  const url = new URL(endpoints.auth);
  url.searchParams.set('callback_url', callbackUrl);
  url.searchParams.set('code_challenge', challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return url.toString();
}

/** Why a sign-in failed; the extension puts it in words (localised). */
export type SignInFailure = 'unreachable' | 'challengeMismatch' | 'badCode' | 'notPost' | 'serverError' | 'refused' | 'notJson' | 'noKey';

export class SignInError extends Error {
  constructor(
    readonly failure: SignInFailure,
    readonly status?: number,
    /** What the network layer said (never the code, the verifier or a key). */
    readonly detail?: string,
  ) {
    super(`OpenRouter sign-in failed: ${failure}${status ? ` (HTTP ${status})` : ''}${detail ? `: ${detail}` : ''}`);
    this.name = 'SignInError';
  }
}

/** Trades the code for a key; throws SignInError saying why not. */
export async function exchangeCode(
  endpoints: OpenRouterEndpoints,
  code: string,
  verifier: string,
  options: { signal?: AbortSignal; fetch?: typeof fetch } = {},
): Promise<string> {
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(endpoints.exchange, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ code, code_verifier: verifier, code_challenge_method: 'S256' }),
      redirect: 'error',
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (err) {
    if (options.signal?.aborted) throw err;
    const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : err instanceof Error ? err.message : String(err);
    throw new SignInError('unreachable', undefined, cause);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new SignInError(failureOf(response.status), response.status);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new SignInError('notJson', response.status);
  }
  const key = typeof body === 'object' && body !== null ? (body as { key?: unknown }).key : undefined;
  if (typeof key !== 'string' || !key.trim()) throw new SignInError('noKey', response.status);
  return key.trim();
}

function failureOf(status: number): SignInFailure {
  if (status === 400) return 'challengeMismatch';
  if (status === 401 || status === 403) return 'badCode';
  if (status === 405) return 'notPost';
  return status >= 500 ? 'serverError' : 'refused';
}
