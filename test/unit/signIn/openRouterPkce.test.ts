// OpenRouter PKCE pieces without VS Code: the challenge, the auth URL, the exchange and its failures.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { authUrl, createNonce, createPkce, exchangeCode, OPENROUTER_ENDPOINTS, sameNonce, SignInError } from '../../../src/signIn/openRouterPkce';

const respond = (status: number, body: unknown) => (async () => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status })) as typeof fetch;

describe('OpenRouter PKCE', () => {
  it('makes a fresh verifier and its S256 challenge each time', () => {
    const a = createPkce();
    const b = createPkce();
    assert.notEqual(a.verifier, b.verifier);
    assert.match(a.verifier, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(a.challenge, createHash('sha256').update(a.verifier).digest('base64url'));
    assert.ok(sameNonce(createNonce().slice(0, 0), ''));
    const n = createNonce();
    assert.ok(sameNonce(n, `${n}`) && !sameNonce(n, `${n}x`) && !sameNonce(n, createNonce()));
  });

  it('puts the callback (encoded whole) and the challenge into the auth URL', () => {
    const callback = 'https://host.example/callback?vscode-reqid=1&vscode-path=/openrouter/abc';
    const url = new URL(authUrl(OPENROUTER_ENDPOINTS, callback, 'challenge-1'));
    assert.equal(url.origin + url.pathname, 'https://openrouter.ai/auth');
    assert.equal(url.searchParams.get('callback_url'), callback);
    assert.equal(url.searchParams.get('code_challenge'), 'challenge-1');
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
  });

  it('posts code, verifier and method, and returns the key', async () => {
    let sent: RequestInit | undefined;
    const fake = (async (_url: string, init: RequestInit) => ((sent = init), new Response(JSON.stringify({ key: 'fake-key-or-1' })))) as unknown as typeof fetch;
    assert.equal(await exchangeCode(OPENROUTER_ENDPOINTS, 'fake-code', 'verifier-1', { fetch: fake }), 'fake-key-or-1');
    assert.equal(sent?.method, 'POST');
    assert.deepEqual(JSON.parse(String(sent?.body)), { code: 'fake-code', code_verifier: 'verifier-1', code_challenge_method: 'S256' });
  });

  for (const [status, failure] of [[400, 'challengeMismatch'], [403, 'badCode'], [405, 'notPost'], [502, 'serverError'], [404, 'refused']] as const) {
    it(`names HTTP ${status} as ${failure}, without the code`, async () => {
      const err = await exchangeCode(OPENROUTER_ENDPOINTS, 'fake-code-secret', 'v', { fetch: respond(status, { error: 'x' }) }).catch((e: unknown) => e);
      assert.ok(err instanceof SignInError);
      assert.equal(err.failure, failure);
      assert.equal(err.status, status);
      assert.ok(!err.message.includes('fake-code-secret'));
    });
  }

  it('refuses an answer without a key, or not JSON, and an unreachable server', async () => {
    const failureOf = (p: Promise<unknown>) => p.then(() => 'resolved', (e: unknown) => (e instanceof SignInError ? e.failure : String(e)));
    assert.equal(await failureOf(exchangeCode(OPENROUTER_ENDPOINTS, 'c', 'v', { fetch: respond(200, { user_id: 'u' }) })), 'noKey');
    assert.equal(await failureOf(exchangeCode(OPENROUTER_ENDPOINTS, 'c', 'v', { fetch: respond(200, '<html>') })), 'notJson');
    assert.equal(await failureOf(exchangeCode({ ...OPENROUTER_ENDPOINTS, exchange: 'http://127.0.0.1:1/keys' }, 'c', 'v')), 'unreachable');
  });
});
