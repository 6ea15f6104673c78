// Vertex AI: an OAuth token endpoint for the JWT bearer grant (checks the RS256 signature against the service
// account's public key) and generateContent under projects/{p}/locations/{l}/publishers/google/models/{m}.
import { createPublicKey, generateKeyPairSync, verify, type KeyObject } from 'node:crypto';
import type { Reply } from '../types';
import { geminiBodyProblem, geminiChatStreamWire } from './gemini';
import { apiPath, bearerToken, header, modelExists, type Wire, type WireContext } from './shared';

const PREFIX = '/v1';
export const VERTEX_TEST_PROJECT = 'test-project';
export const VERTEX_TEST_CLIENT_EMAIL = 'tester@test-project.iam.gserviceaccount.com';

interface VertexState {
  publicKey?: KeyObject;
  tokens: Set<string>;
}

function vertexState(context: WireContext): VertexState {
  let state = context.state.get('vertex') as VertexState | undefined;
  if (!state) {
    state = { tokens: new Set() };
    context.state.set('vertex', state);
  }
  return state;
}

/** A service-account JSON whose private key this server trusts and whose token_uri points at this server. */
export function makeServiceAccount(context: WireContext): string {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  vertexState(context).publicKey = createPublicKey(publicKey.export({ type: 'spki', format: 'pem' }));
  return JSON.stringify({
    type: 'service_account',
    project_id: VERTEX_TEST_PROJECT,
    private_key_id: 'test-key-id',
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    client_email: VERTEX_TEST_CLIENT_EMAIL,
    token_uri: `${context.origin}/token`,
  });
}

function googleError(code: number, status: string, message: string): Reply {
  return { status: code, body: { error: { code, message, status } } };
}

function exchangeToken(body: string, context: WireContext): Reply {
  const form = new URLSearchParams(body);
  const invalidGrant = (description: string): Reply => ({ status: 400, body: { error: 'invalid_grant', error_description: description } });
  if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'Invalid grant_type' } };
  const [head, claims, signature] = (form.get('assertion') ?? '').split('.');
  const publicKey = vertexState(context).publicKey;
  if (!head || !claims || !signature || !publicKey) return invalidGrant('Invalid JWT: Token must be a short-lived token and in a reasonable timeframe');
  const signed = verify('RSA-SHA256', Buffer.from(`${head}.${claims}`), publicKey, Buffer.from(signature, 'base64url'));
  if (!signed) return invalidGrant('Invalid JWT Signature.');
  const payload = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as Record<string, unknown>;
  if (payload['iss'] !== VERTEX_TEST_CLIENT_EMAIL || payload['aud'] !== `${context.origin}/token`) return invalidGrant('Invalid email or User ID');
  const token = `ya29.test-${Math.random().toString(36).slice(2)}`;
  vertexState(context).tokens.add(token);
  return { status: 200, body: { access_token: token, expires_in: 3599, token_type: 'Bearer' } };
}

export const vertexWire: Wire = {
  prefix: PREFIX,
  handle(request, context) {
    if (request.method === 'POST' && request.path === '/token') {
      if (!/application\/x-www-form-urlencoded/.test(header(request, 'content-type') ?? '')) return { status: 400, body: { error: 'invalid_request', error_description: 'Bad Request' } };
      return exchangeToken(request.body, context);
    }
    const token = bearerToken(request);
    if (token === undefined || !vertexState(context).tokens.has(token)) {
      return googleError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.');
    }
    const path = apiPath(request, PREFIX) ?? '';
    const generate = /^\/projects\/([^/]+)\/locations\/([^/]+)\/publishers\/google\/models\/([^/:]+):(generateContent|streamGenerateContent)$/.exec(path);
    if (request.method === 'POST' && generate?.[3]) {
      const [, project, location, rawModel, method] = generate;
      const model = decodeURIComponent(rawModel);
      if (project !== VERTEX_TEST_PROJECT) return googleError(403, 'PERMISSION_DENIED', `Permission denied on resource project ${project}.`);
      if (!modelExists(context, model)) {
        return googleError(404, 'NOT_FOUND', `Publisher Model \`projects/${project}/locations/${location}/publishers/google/models/${model}\` was not found or your project does not have access to it.`);
      }
      if (method === 'streamGenerateContent') {
        if (request.query.get('alt') !== 'sse') return googleError(400, 'INVALID_ARGUMENT', 'This test server streams only with alt=sse.');
        return geminiBodyProblem(request, model) ?? { stream: geminiChatStreamWire(model) };
      }
      return { status: 200, body: { candidates: [{ content: { role: 'model', parts: [{ text: 'OK' }] }, finishReason: 'MAX_TOKENS' }], usageMetadata: { promptTokenCount: 4, candidatesTokenCount: 1 } } };
    }
    return googleError(404, 'NOT_FOUND', 'Not found');
  },
  faultReply(fault) {
    switch (fault.kind) {
      case 'rateLimit':
        return googleError(429, 'RESOURCE_EXHAUSTED', 'Resource exhausted. Please try again later. Please refer to https://cloud.google.com/vertex-ai/generative-ai/docs/error-code-429 for more details.');
      case 'quota':
        return googleError(403, 'PERMISSION_DENIED', 'This API method requires billing to be enabled.');
      case 'overloaded':
        return googleError(503, 'UNAVAILABLE', 'The model is overloaded.');
      case 'serverError':
        return googleError(500, 'INTERNAL', 'Internal error encountered.');
    }
  },
};
