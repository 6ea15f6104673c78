// The one URL rule, applied where an API URL is typed (the form, in the webview and again in the host), where it
// is stored (ConnectionStore) and where a request is built (src/providers/url.ts):
// - http: or https: only;
// - no user name or password (`https://user:pass@host`): credentials belong in the key;
// - no credential in the query string (`?key=`, `api_key=`, `token=`, `access_token=`, `sig=`, …, any case);
// - the normal form is what is stored and what requests use: lower-case scheme and host, no trailing `/`, no
//   pasted endpoint path (`/chat/completions`, `/completions`, `/models`, `/v1/messages`), no query, no fragment.
//   Every dialect joins its paths to a base without a trailing slash (joinUrl), so this form is what they expect.
// No vscode, no Node: both bundles use it.

export type ApiUrlProblem = 'urlInvalid' | 'urlScheme' | 'urlUserinfo' | 'urlQueryCredential';

export type ApiUrlCheck = { ok: true; url: string } | { ok: false; problem: ApiUrlProblem; /** the offending query parameter */ param?: string };

/** Endpoint suffixes users paste along with the base URL; stripped repeatedly. */
const PASTED_ENDPOINT_SUFFIXES: readonly string[] = ['/v1/messages', '/chat/completions', '/completions', '/models'];

/** Query parameter names that carry a credential, compared without case, `-` or `_`. */
const CREDENTIAL_PARAMS = new Set(['key', 'sig', 'auth', 'code', 'pass', 'pwd', 'passwd', 'password', 'secret', 'authorization']);
/** …and endings that mark one (`api_key`, `access_token`, `X-Amz-Signature`, `client_secret`, `X-Amz-Credential`). */
const CREDENTIAL_PARAM_ENDINGS = ['apikey', 'accesskey', 'secretkey', 'subscriptionkey', 'token', 'signature', 'secret', 'credential', 'password'];

/** Whether a query parameter's name says it carries a credential. */
export function isCredentialParam(name: string): boolean {
  const bare = name.toLowerCase().replace(/[-_]/g, '');
  return CREDENTIAL_PARAMS.has(bare) || CREDENTIAL_PARAM_ENDINGS.some((ending) => bare.endsWith(ending));
}

/** Checks a typed or stored API URL against the rule; when it holds, gives its normal form. */
export function checkApiUrl(raw: string): ApiUrlCheck {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, problem: 'urlInvalid' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, problem: 'urlScheme' };
  if (url.username !== '' || url.password !== '') return { ok: false, problem: 'urlUserinfo' };
  for (const param of url.searchParams.keys()) {
    if (isCredentialParam(param)) return { ok: false, problem: 'urlQueryCredential', param };
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
  return { ok: true, url: `${url.protocol}//${url.host}${path}` };
}

/**
 * What a connection stores for a typed API URL: undefined for blank (the provider's default applies), the normal
 * form for a URL that follows the rule. Throws ApiUrlError for one that does not.
 */
export function storedApiUrl(raw: string | undefined): string | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const check = checkApiUrl(raw);
  if (!check.ok) throw new ApiUrlError(check.problem, check.param);
  return check.url;
}

export class ApiUrlError extends Error {
  override readonly name = 'ApiUrlError';
  constructor(
    readonly problem: ApiUrlProblem,
    readonly param?: string,
  ) {
    super(describeApiUrlProblem(problem, param));
  }
}

/** The problem in words (English: the providers module and the logs; the form shows its own localized text). */
export function describeApiUrlProblem(problem: ApiUrlProblem, param?: string): string {
  switch (problem) {
    case 'urlInvalid':
      return 'The API URL is not a valid URL. Use a full URL such as https://api.example.com/v1.';
    case 'urlScheme':
      return 'The API URL must start with http:// or https://.';
    case 'urlUserinfo':
      return 'The API URL must not contain a user name or password; put the key in the API key field.';
    case 'urlQueryCredential':
      return `The API URL must not carry a credential in its query (${param ?? 'a key'}=…); put the key in the API key field.`;
  }
}
