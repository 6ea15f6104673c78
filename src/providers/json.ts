// Reading a successful response's JSON, telling an HTML page (wrong URL) from garbage (bad response).
import type { HttpResponse } from './httpTypes';
import { ProviderError } from './providerError';
import { describeUrl } from './url';

/** Whether a body is an HTML page (a login page, a proxy's error page, a web site instead of the API). */
export function looksLikeHtml(text: string, headers: Headers): boolean {
  const type = headers.get('content-type') ?? '';
  if (/text\/html|application\/xhtml/i.test(type)) return true;
  // The first character that is not white space, found without trimming (copying) a body of megabytes.
  const first = /\S/.exec(text.length > 4096 ? text.slice(0, 4096) : text)?.[0];
  return first === '<';
}

/**
 * The JSON of a successful response. An HTML page means the URL is not the API (`wrong_url`); anything else
 * unparseable is `bad_response`.
 */
export function parseJsonBody(response: HttpResponse): unknown {
  if (looksLikeHtml(response.text, response.headers)) {
    throw new ProviderError(
      'wrong_url',
      `${describeUrl(response.url)} returned a web page, not the API's JSON. Check the API URL.`,
      { status: response.status },
    );
  }
  try {
    return JSON.parse(response.text) as unknown;
  } catch {
    throw new ProviderError('bad_response', `${describeUrl(response.url)} answered with something that is not valid JSON.`, {
      status: response.status,
    });
  }
}
