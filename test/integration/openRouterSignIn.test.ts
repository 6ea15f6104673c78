// Sign in with OpenRouter through the real extension host: the browser is the patched openExternal (we read
// the auth URL it was given), the callback goes to the extension's registered URI handler, and the code is
// exchanged with a local server standing in for https://openrouter.ai/api/v1/auth/keys.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { EXTENSION_ID, eventually, extension, resetState, withPatched, withWarnings } from './support';

const ISSUED_KEY = 'fake-key-openrouter-issued-0001';
const GOOD_CODE = 'fake-code-0001+with/odd=chars';

interface Exchange {
  body: Record<string, unknown>;
}

/** Replaces a vscode.env function for the body's duration (the suite and the extension share one vscode). */
async function withPatchedEnv<K extends keyof typeof vscode.env, R>(name: K, replacement: (typeof vscode.env)[K], body: () => Promise<R>): Promise<R> {
  const original = vscode.env[name];
  Object.defineProperty(vscode.env, name, { value: replacement, configurable: true, writable: true });
  try {
    return await body();
  } finally {
    Object.defineProperty(vscode.env, name, { value: original, configurable: true, writable: true });
  }
}

const quiet = (async () => undefined) as never;

describe('Sign in with OpenRouter', () => {
  let server: Server;
  let exchangeUrl: string;
  const exchanges: Exchange[] = [];
  let answer: { status: number; body: unknown } = { status: 200, body: { key: ISSUED_KEY, user_id: 'user-1' } };

  before(async () => {
    server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        exchanges.push({ body: JSON.parse(raw || '{}') as Record<string, unknown> });
        assert.equal(req.method, 'POST');
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    exchangeUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/auth/keys`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  beforeEach(async () => {
    const t = await resetState();
    exchanges.length = 0;
    answer = { status: 200, body: { key: ISSUED_KEY, user_id: 'user-1' } };
    t.services.openRouter.endpoints = { auth: 'https://openrouter.ai/auth', exchange: exchangeUrl };
    t.services.openRouter.timeoutMs = 60_000;
  });
  afterEach(async () => {
    const { openRouter } = (await extension()).services;
    openRouter.endpoints = { auth: 'https://openrouter.ai/auth', exchange: 'https://openrouter.ai/api/v1/auth/keys' };
    openRouter.timeoutMs = 5 * 60_000;
  });

  /** Starts the command; resolves with the auth URL "opened in the browser", the callback's nonce and the run. */
  async function start(): Promise<{ auth: URL; callback: vscode.Uri; run: Thenable<unknown> }> {
    let opened: vscode.Uri | string | undefined;
    let run!: Thenable<unknown>;
    await withPatchedEnv('openExternal', (async (uri: vscode.Uri | string) => ((opened = uri), true)) as never, async () => {
      run = vscode.commands.executeCommand('aiConnections.signInWithOpenRouter');
      await eventually(() => opened !== undefined, 'the browser was sent to OpenRouter');
    });
    assert.ok(opened);
    const auth = new URL(opened.toString());
    const callbackUrl = auth.searchParams.get('callback_url') ?? '';
    // asExternalUri keeps a vscode:// URI on a desktop; in code-server it becomes an https URL naming the path.
    const parsed = new URL(callbackUrl);
    const path = parsed.searchParams.get('vscode-path') ?? parsed.pathname;
    const authority = parsed.searchParams.get('vscode-authority') ?? parsed.host;
    assert.equal(authority.toLowerCase(), EXTENSION_ID.toLowerCase(), `the callback names this extension: ${callbackUrl}`);
    return { auth, callback: vscode.Uri.from({ scheme: vscode.env.uriScheme, authority: EXTENSION_ID, path }), run };
  }

  it('sends the browser to OpenRouter with an S256 challenge, accepts only its own callback, and stores the key', async () => {
    const t = await extension();
    const { auth, callback, run } = await start();
    assert.equal(auth.origin + auth.pathname, 'https://openrouter.ai/auth');
    assert.equal(auth.searchParams.get('code_challenge_method'), 'S256');
    const challenge = auth.searchParams.get('code_challenge') ?? '';
    assert.match(challenge, /^[A-Za-z0-9_-]{43}$/);
    assert.match(callback.path, /^\/openrouter\/[A-Za-z0-9_-]+$/);

    // A callback with another nonce (an old link, another window's flow, a forged one) is refused.
    const warned: string[] = [];
    await withPatched('showWarningMessage', (async (m: string) => warned.push(m)) as never, async () => {
      t.services.openRouter.handleUri(callback.with({ path: '/openrouter/not-the-pending-nonce', query: `code=${encodeURIComponent('fake-code-forged')}` }));
    });
    assert.equal(warned.length, 1);
    assert.equal(exchanges.length, 0, 'nothing was exchanged for a callback no flow asked for');

    let id: unknown;
    await withPatched('showInformationMessage', quiet, async () => {
      t.services.openRouter.handleUri(callback.with({ query: `code=${encodeURIComponent(GOOD_CODE)}` }));
      id = await run;
    });
    assert.equal(exchanges.length, 1);
    const { code, code_verifier: verifier, code_challenge_method: method } = exchanges[0].body as Record<string, string>;
    assert.equal(code, GOOD_CODE, 'the code arrives intact (a + stays a +)');
    assert.equal(method, 'S256');
    assert.equal(createHash('sha256').update(verifier).digest('base64url'), challenge, 'the verifier is the one the challenge was made from');

    const c = t.services.store.list().find((x) => x.id === id);
    assert.ok(c, 'the command returned the new connection');
    assert.equal(c.name, 'OpenRouter');
    assert.equal(c.provider, 'openrouter');
    assert.equal(await t.services.vault.get(c.id), ISSUED_KEY, 'its key is in SecretStorage');

    // Signing in again updates that connection's key; no second connection.
    answer = { status: 200, body: { key: `${ISSUED_KEY}-2` } };
    const again = await start();
    await withPatched('showInformationMessage', quiet, async () => {
      t.services.openRouter.handleUri(again.callback.with({ query: 'code=fake-code-0002' }));
      assert.equal(await again.run, c.id);
    });
    assert.equal(t.services.store.list().filter((x) => x.provider === 'openrouter').length, 1);
    assert.equal(await t.services.vault.get(c.id), `${ISSUED_KEY}-2`);
  });

  it('says in words that OpenRouter refused the code, creates nothing, and never logs the code', async () => {
    const t = await extension();
    answer = { status: 403, body: { error: { message: 'Invalid code' } } };
    const shown: string[] = [];
    const { warnings } = await withWarnings(t, async () => {
      const { callback, run } = await start();
      await withPatched('showErrorMessage', (async (m: string) => shown.push(m)) as never, async () => {
        t.services.openRouter.handleUri(callback.with({ query: 'code=fake-code-rejected-77' }));
        assert.equal(await run, undefined);
      });
    });
    assert.equal(shown.length, 1);
    assert.match(shown[0], /did not accept the sign-in code.*403/);
    assert.equal(t.services.store.list().length, 0);
    for (const text of [...shown, ...warnings]) assert.ok(!text.includes('fake-code-rejected-77'), text);
  });

  it('stops waiting after its timeout and says so', async () => {
    const t = await extension();
    t.services.openRouter.timeoutMs = 300;
    const shown: string[] = [];
    const { run } = await start();
    await withPatched('showErrorMessage', (async (m: string) => shown.push(m)) as never, async () => {
      assert.equal(await run, undefined);
    });
    assert.match(shown[0] ?? '', /timed out/);
    assert.equal(exchanges.length, 0);
  });
});
