// Google Vertex AI with a service-account JSON as the "key": a JWT signed with WebCrypto (global `crypto.subtle`,
// no Node import) is exchanged at the account's `token_uri` for an access token, which then goes as Bearer to
// `{base}/projects/{project}/locations/{location}/publishers/google/models/{model}:generateContent`.
// There is no cheap list of the models a project may call, so the catalogue offers known ids and the test is a
// 1-token call (which also proves the key).
import { asRecord, nonEmptyString } from '../modelList';
import { ProviderError } from '../providerError';
import type { ChatToolOptions, ModelInfo, RichChatMessage } from '../types';
import { PROBE_PROMPT, requestJson, type ChatStreamSpec, type Dialect, type DialectCall } from './dialect';
import { originOf } from '../url';
import { stripModelsPrefix } from './gemini';
import { geminiChatBody, geminiStreamReader } from './geminiChat';

const DEFAULT_TOKEN_URI = 'https://oauth2.googleapis.com/token';
const SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
const TOKEN_LIFETIME_SECONDS = 3600;

export interface ServiceAccount {
  clientEmail: string;
  privateKeyPem: string;
  projectId: string;
  tokenUri: string;
}

function invalidServiceAccount(reason: string): ProviderError {
  return new ProviderError(
    'invalid_key',
    `The key for Vertex AI must be the content of a service-account JSON key file (${reason}).`,
  );
}

export function parseServiceAccount(apiKey: string | undefined): ServiceAccount {
  let json: unknown;
  try {
    json = JSON.parse(apiKey ?? '');
  } catch {
    throw invalidServiceAccount('this is not JSON');
  }
  const record = asRecord(json);
  const clientEmail = nonEmptyString(record?.['client_email']);
  const privateKeyPem = nonEmptyString(record?.['private_key']);
  const projectId = nonEmptyString(record?.['project_id']);
  if (!clientEmail || !privateKeyPem || !projectId) throw invalidServiceAccount('client_email, private_key or project_id is missing');
  return { clientEmail, privateKeyPem, projectId, tokenUri: nonEmptyString(record?.['token_uri']) ?? DEFAULT_TOKEN_URI };
}

function base64UrlFromBytes(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function base64UrlFromText(text: string): string {
  return base64UrlFromBytes(new TextEncoder().encode(text));
}

function pkcs8FromPem(pem: string): ArrayBuffer {
  const body = pem.replace(/-----(BEGIN|END) PRIVATE KEY-----/g, '').replace(/\\n/g, '').replace(/\s+/g, '');
  const binary = atob(body);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

/** An RS256 JWT assertion for the OAuth 2.0 JWT bearer grant (RFC 7523). */
export async function signServiceAccountJwt(account: ServiceAccount, nowSeconds = Math.floor(Date.now() / 1000)): Promise<string> {
  let key: Awaited<ReturnType<typeof crypto.subtle.importKey>>;
  try {
    key = await crypto.subtle.importKey('pkcs8', pkcs8FromPem(account.privateKeyPem), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, [
      'sign',
    ]);
  } catch {
    throw invalidServiceAccount('its private_key is not a readable RSA key');
  }
  const header = base64UrlFromText(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const claims = base64UrlFromText(
    JSON.stringify({ iss: account.clientEmail, scope: SCOPE, aud: account.tokenUri, iat: nowSeconds, exp: nowSeconds + TOKEN_LIFETIME_SECONDS }),
  );
  const signingInput = `${header}.${claims}`;
  const signature = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', key, new TextEncoder().encode(signingInput));
  return `${signingInput}.${base64UrlFromBytes(new Uint8Array(signature))}`;
}

/** `{region}-aiplatform.googleapis.com` serves that region; anything else (the global host, a proxy) `global`. */
export function vertexLocation(baseUrl: string): string {
  const match = /^([a-z0-9-]+)-aiplatform\.googleapis\.com$/.exec(new URL(baseUrl).hostname);
  return match?.[1] ?? 'global';
}

/**
 * The signed assertion is a credential (it buys an hour of access), so it goes only to Google's token endpoint
 * (https, a googleapis.com host) or to the connection's own origin (a proxy, a test server): a key file whose
 * `token_uri` names another host is refused before anything is signed.
 */
function checkTokenUri(call: DialectCall, tokenUri: string): void {
  let url: URL;
  try {
    url = new URL(tokenUri);
  } catch {
    throw invalidServiceAccount('its token_uri is not a URL');
  }
  const google = url.protocol === 'https:' && (url.hostname === 'googleapis.com' || url.hostname.endsWith('.googleapis.com'));
  if (!google && url.origin !== originOf(call.baseUrl)) {
    throw invalidServiceAccount(`its token_uri points at ${url.host}, which is neither Google's token endpoint nor this connection's API URL; nothing was sent there`);
  }
}

async function accessToken(call: DialectCall, account: ServiceAccount): Promise<string> {
  checkTokenUri(call, account.tokenUri);
  const assertion = await call.ctx.race(signServiceAccountJwt(account));
  call.ctx.addSecret(assertion);
  // Vertex's own credentials are empty: the token endpoint gets the assertion in the form, and the connection's
  // custom headers only if it is the connection's own origin (credentialsFor).
  const body = asRecord(
    await requestJson(call, vertex, {
      purpose: 'key-check',
      method: 'POST',
      path: account.tokenUri,
      form: { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion },
    }),
  );
  const token = nonEmptyString(body?.['access_token']);
  if (token === undefined) throw new ProviderError('bad_response', 'The Google token endpoint did not return an access token.');
  call.ctx.addSecret(token);
  return token;
}

export const vertex: Dialect = {
  // The service-account JSON itself never goes on the wire; only the short-lived token does (see probeCompletion).
  credentials: () => ({}),

  async listModels(call: DialectCall): Promise<ModelInfo[]> {
    return (call.info.knownModels ?? []).map((id) => ({ id }));
  },

  async probeCompletion(call: DialectCall, model: string): Promise<void> {
    const { account, token } = await authorize(call);
    const authed: Dialect = { ...vertex, credentials: () => ({ authorization: `Bearer ${token}` }) };
    await requestJson(call, authed, {
      purpose: 'completion',
      method: 'POST',
      path: `${modelPath(call, account, model)}:generateContent`,
      model,
      body: { contents: [{ role: 'user', parts: [{ text: PROBE_PROMPT }] }], generationConfig: { maxOutputTokens: 1 } },
    });
  },

  // Vertex takes Gemini's body (tools and all) and streams its SSE format; only the URL and the credentials (an
  // access token) differ.
  async chatStream(call: DialectCall, model: string, messages: RichChatMessage[], options: ChatToolOptions): Promise<ChatStreamSpec> {
    const { account, token } = await authorize(call);
    return {
      path: `${modelPath(call, account, model)}:streamGenerateContent`,
      query: { alt: 'sse' },
      format: 'sse',
      credentials: { authorization: `Bearer ${token}` },
      body: geminiChatBody(messages, options, stripModelsPrefix(model)),
      ...geminiStreamReader(),
    };
  },
};

/** The service account from the key, and an access token for it (both registered as secrets). */
async function authorize(call: DialectCall): Promise<{ account: ServiceAccount; token: string }> {
  const account = parseServiceAccount(call.apiKey);
  call.ctx.addSecret(account.privateKeyPem);
  return { account, token: await accessToken(call, account) };
}

function modelPath(call: DialectCall, account: ServiceAccount, model: string): string {
  const location = vertexLocation(call.baseUrl);
  return `projects/${encodeURIComponent(account.projectId)}/locations/${location}/publishers/google/models/${encodeURIComponent(stripModelsPrefix(model))}`;
}
