// The one request primitive. Every request of the module goes through `send`, which:
// - runs under the call's deadline and abort signal (CallContext), body reads included;
// - follows redirects by hand, sending credentials only to the origin (scheme, host, port) of the first URL;
// - reads bodies with a cap (16 MB success, 64 KB error) instead of buffering whatever arrives.
import { ofetch } from 'ofetch';
import type { CallContext } from './callContext';
import type { HttpResponse, OpenedResponse, RequestSpec } from './httpTypes';
import { classifyNetworkError } from './networkError';
import { ProviderError } from './providerError';
import { describeUrl, originOf } from './url';

export const SUCCESS_BODY_CAP_BYTES = 16 * 1024 * 1024;
export const ERROR_BODY_CAP_BYTES = 64 * 1024;
const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

// The types live in a leaf module; re-exported so imports from here keep working.
export type { HttpResponse, OpenedResponse, RequestSpec } from './httpTypes';

/** Sends a request and reads its whole body (capped). Rejects only with ProviderError or the caller's AbortError. */
export async function send(ctx: CallContext, spec: RequestSpec): Promise<HttpResponse> {
  const opened = await open(ctx, spec);
  return readOpened(ctx, opened);
}

/** Reads an opened response's whole body, capped by its status (16 MB success, 64 KB error). */
export async function readOpened(ctx: CallContext, { response, url, credentialsWithheldFrom }: OpenedResponse): Promise<HttpResponse> {
  const cap = response.status >= 200 && response.status < 300 ? SUCCESS_BODY_CAP_BYTES : ERROR_BODY_CAP_BYTES;
  const text = await readCapped(ctx, response, cap, url);
  return {
    status: response.status,
    headers: response.headers,
    url,
    text,
    ...(credentialsWithheldFrom === undefined ? {} : { credentialsWithheldFrom }),
  };
}

/**
 * Sends a request and follows redirects by hand (credentials to the first origin only), up to the final
 * response, leaving its body unread: `send` reads it whole, a stream reads it as it arrives.
 */
export async function open(ctx: CallContext, spec: RequestSpec): Promise<OpenedResponse> {
  const firstOrigin = originOf(spec.url);
  let url = spec.url;
  let method = spec.method;
  let body = encodeBody(spec);
  let credentialsWithheldFrom: string | undefined;

  for (let hop = 0; ; hop++) {
    ctx.throwIfEnded();
    const sameOrigin = originOf(url) === firstOrigin;
    if (!sameOrigin) credentialsWithheldFrom = originOf(url);
    const headers = lowerCaseNames({
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': body.contentType }),
      ...spec.headers,
      ...(sameOrigin ? spec.credentials : {}),
    });
    const response = await fetchOnce(ctx, url, method, headers, body?.text);

    const location = response.headers.get('location');
    if (!REDIRECT_STATUSES.has(response.status) || location === null) {
      return { response, url, ...(credentialsWithheldFrom === undefined ? {} : { credentialsWithheldFrom }) };
    }

    await discardBody(response);
    if (hop >= MAX_REDIRECTS) {
      throw new ProviderError('wrong_url', `${describeUrl(spec.url)} redirects more than ${MAX_REDIRECTS} times.`, {
        status: response.status,
      });
    }
    let next: URL;
    try {
      next = new URL(location, url);
    } catch {
      throw new ProviderError('bad_response', `${describeUrl(url)} redirects to an invalid location.`, { status: response.status });
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      throw new ProviderError('wrong_url', `${describeUrl(url)} redirects to a non-web address (${next.protocol}).`, {
        status: response.status,
      });
    }
    // As browsers do: 303 always, and 301/302 after a POST, continue as a GET without the body.
    if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
      method = 'GET';
      body = undefined;
    }
    // A body may itself be a credential (an OAuth assertion) or private (a prompt): it never changes origin.
    if (body !== undefined && next.origin !== firstOrigin) {
      throw new ProviderError(
        'wrong_url',
        `${describeUrl(url)} redirects a request to another origin (${next.origin}); it was not re-sent there. Use the final URL as the API URL.`,
        { status: response.status },
      );
    }
    url = next.toString();
  }
}

function encodeBody(spec: RequestSpec): { text: string; contentType: string } | undefined {
  if (spec.form !== undefined) {
    return { text: new URLSearchParams(spec.form).toString(), contentType: 'application/x-www-form-urlencoded' };
  }
  return spec.body === undefined ? undefined : { text: JSON.stringify(spec.body), contentType: 'application/json' };
}

/**
 * ofetch with everything that would hide the raw response switched off: no retries (the caller decides what
 * is safe to retry), manual redirects (followed above, credential-aware), the body left as a stream (read
 * with a cap below), and no throwing on 4xx/5xx (classified by the caller from status and body).
 */
async function fetchOnce(
  ctx: CallContext,
  url: string,
  method: 'GET' | 'POST',
  headers: Record<string, string>,
  body: string | undefined,
): Promise<Response> {
  try {
    return await ctx.race(
      ofetch.raw(url, {
        method,
        headers,
        ...(body === undefined ? {} : { body }),
        signal: ctx.signal,
        retry: 0,
        redirect: 'manual',
        responseType: 'stream',
        ignoreResponseError: true,
      }),
    );
  } catch (error) {
    if (ctx.signal.aborted) throw ctx.failure();
    if (error instanceof ProviderError) throw error;
    throw classifyNetworkError(error, url, ctx);
  }
}

async function readCapped(ctx: CallContext, response: Response, capBytes: number, url: string): Promise<string> {
  const isSuccess = capBytes === SUCCESS_BODY_CAP_BYTES;
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (isSuccess && Number.isFinite(declared) && declared > capBytes) {
    await discardBody(response);
    throw tooLarge(url, response.status);
  }
  const stream = response.body;
  if (stream === null) return '';
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    for (;;) {
      let step: Awaited<ReturnType<typeof reader.read>>;
      try {
        step = await ctx.race(reader.read());
      } catch {
        if (ctx.signal.aborted) throw ctx.failure();
        throw new ProviderError('network', `The connection to ${describeUrl(url)} broke while the response was being read.`, {
          status: response.status,
        });
      }
      if (step.done) break;
      const room = capBytes - received;
      if (step.value.byteLength > room) {
        // An oversized error body is still worth classifying by its start; an oversized success body is not usable.
        if (!isSuccess) {
          chunks.push(step.value.subarray(0, room));
          received += room;
          break;
        }
        throw tooLarge(url, response.status);
      }
      chunks.push(step.value);
      received += step.value.byteLength;
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
  const all = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(all);
}

function tooLarge(url: string, status: number): ProviderError {
  return new ProviderError(
    'bad_response',
    `The response from ${describeUrl(url)} is larger than ${SUCCESS_BODY_CAP_BYTES / (1024 * 1024)} MB; this does not look like the provider's API.`,
    { status },
  );
}

export async function discardBody(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

/** Later entries win, whatever their case, so `Authorization` and `authorization` never both go out. */
function lowerCaseNames(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value;
  return out;
}
