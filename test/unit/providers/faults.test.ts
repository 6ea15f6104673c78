// The fault matrix: every failure a user can meet, each with its category, settling within timeoutMs + 2 s,
// and never exposing the key (testConnection resolves; listModels rejects with the same category).
import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { listModels, testConnection, type ProviderTarget, type TestCategory } from '../../../src/providers';
import type { FaultRule, ProviderServerOptions } from '../../servers';
import { SETTLE_GRACE_MS, assertKeyNotExposed, expectCategory, serverPool, settleWithin } from './helpers';

const KEY = 'sk-fault-matrix-key-5f3a9c1e7b2d';
const TIMEOUT_MS = 1500;
const BOUND_MS = TIMEOUT_MS + SETTLE_GRACE_MS;
const pool = serverPool();
afterEach(() => pool.closeAll());

/** Runs testConnection and listModels against the target; both must agree on the category and settle in time. */
async function expectBoth(target: ProviderTarget, category: TestCategory | TestCategory[], check?: (status: number | undefined) => void) {
  const allowed = Array.isArray(category) ? category : [category];
  const test = await settleWithin(BOUND_MS, () => testConnection(target));
  assert.equal(test.error, undefined, 'testConnection never rejects for a provider or network failure');
  const result = test.value;
  assert.ok(result);
  assert.equal(result.ok, false);
  assert.ok(allowed.includes(result.category), `testConnection category ${result.category}: ${result.message}`);
  assert.ok(result.message.length > 10);
  check?.(result.status);
  const list = await settleWithin(BOUND_MS, () => listModels(target));
  assert.equal(list.value, undefined, 'listModels never returns a silent empty list on failure');
  const error = expectCategory(list.error, result.category);
  assertKeyNotExposed([result, error], KEY);
  return { result, error };
}

async function targetFor(options: Omit<ProviderServerOptions, 'apiKey'>, provider = 'openai'): Promise<ProviderTarget> {
  const server = await pool.start({ ...options, apiKey: KEY });
  return { provider, apiUrl: server.baseUrl, apiKey: KEY, timeoutMs: TIMEOUT_MS };
}

function rules(...faults: FaultRule['fault'][]): FaultRule[] {
  return faults.map((fault) => ({ fault }));
}

describe('fault matrix', function () {
  this.timeout(20_000);

  it('connection refused → network', async () => {
    const closed = await new Promise<number>((resolve) => {
      const probe: Server = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const { result } = await expectBoth({ provider: 'openai', apiUrl: `http://127.0.0.1:${closed}/v1`, apiKey: KEY, timeoutMs: TIMEOUT_MS }, ['network', 'wrong_url']);
    assert.match(result.message, /running|reach|refused/i);
  });

  it('DNS failure (.invalid host) → wrong_url or network', async () => {
    await expectBoth({ provider: 'openai', apiUrl: 'https://api.does-not-exist.invalid/v1', apiKey: KEY, timeoutMs: TIMEOUT_MS }, ['wrong_url', 'network']);
  });

  it('self-signed TLS → tls, with the reason', async () => {
    const server = await pool.start({ dialect: 'openai', apiKey: KEY, tls: true });
    assert.match(server.baseUrl, /^https:/);
    const { result } = await expectBoth({ provider: 'openai', apiUrl: server.baseUrl, apiKey: KEY, timeoutMs: TIMEOUT_MS }, 'tls');
    assert.match(result.message, /certificate/i);
    assert.equal(server.requests.length, 0, 'no request (and no key) went over the untrusted connection');
  });

  it('401 → invalid_key', async () => {
    const target = await targetFor({ dialect: 'openai' });
    await expectBoth({ ...target, apiKey: 'sk-some-other-key-000000000' }, 'invalid_key', (s) => assert.equal(s, 401));
  });

  it('403 → invalid_key', async () => {
    const target = await targetFor({ dialect: 'openai', faults: rules({ kind: 'status', status: 403, body: { error: { message: 'Project does not have access', type: 'invalid_request_error', code: null } } }) });
    await expectBoth(target, 'invalid_key', (s) => assert.equal(s, 403));
  });

  it("Gemini's 400 API_KEY_INVALID → invalid_key", async () => {
    const server = await pool.start({ dialect: 'gemini', apiKey: 'AIzaSyRealKey000000000000000000000000' });
    const { result } = await expectBoth({ provider: 'google', apiUrl: server.baseUrl, apiKey: KEY, timeoutMs: TIMEOUT_MS }, 'invalid_key', (s) => assert.equal(s, 400));
    assert.match(result.message, /API key not valid/);
    assert.ok(server.requests.every((r) => !r.url.includes('key=')), 'the key never goes in the URL');
  });

  it('404 on the API path → wrong_url, naming the URL tried', async () => {
    const server = await pool.start({ dialect: 'openai', apiKey: KEY });
    const { result } = await expectBoth({ provider: 'openai', apiUrl: `${server.url}/wrong/prefix`, apiKey: KEY, timeoutMs: TIMEOUT_MS }, 'wrong_url', (s) => assert.equal(s, 404));
    assert.match(result.message, /\/wrong\/prefix\/models/);
  });

  it('an HTML page where JSON was expected → wrong_url', async () => {
    const target = await targetFor({ dialect: 'openai', faults: rules({ kind: 'html' }) });
    const { result } = await expectBoth(target, 'wrong_url');
    assert.match(result.message, /web page/);
  });

  it('invalid JSON → bad_response', async () => {
    await expectBoth(await targetFor({ dialect: 'openai', faults: rules({ kind: 'invalidJson' }) }), 'bad_response');
  });

  it('JSON of the wrong shape → bad_response (not an empty list)', async () => {
    await expectBoth(await targetFor({ dialect: 'openai', faults: rules({ kind: 'status', status: 200, body: { hello: 'world' } }) }), 'bad_response');
  });

  it('429 with retry-after → rate_limited with retryAfterSeconds', async () => {
    const { result, error } = await expectBoth(await targetFor({ dialect: 'openai', faults: rules({ kind: 'rateLimit', retryAfter: '20' }) }), 'rate_limited', (s) => assert.equal(s, 429));
    assert.equal(result.retryAfterSeconds, 20);
    assert.equal(error.retryAfterSeconds, 20);
  });

  it('429 with retry-after-ms (Azure) and Gemini RetryInfo → rate_limited with seconds', async () => {
    const azure = await pool.start({ dialect: 'azure-openai', apiKey: KEY, faults: rules({ kind: 'rateLimit', retryAfterMs: 2500 }) });
    const { result: a } = await expectBoth({ provider: 'azure-openai', apiUrl: azure.baseUrl, apiKey: KEY, model: 'gpt-4o', timeoutMs: TIMEOUT_MS }, 'rate_limited');
    assert.equal(a.retryAfterSeconds, 3);
    const gemini = await pool.start({ dialect: 'gemini', apiKey: KEY, faults: rules({ kind: 'rateLimit', retryDelay: '17s' }) });
    const { result: g } = await expectBoth({ provider: 'google', apiUrl: gemini.baseUrl, apiKey: KEY, timeoutMs: TIMEOUT_MS }, 'rate_limited');
    assert.equal(g.retryAfterSeconds, 17);
  });

  it('Anthropic 429 rate_limit_error with a retry-after date → rate_limited', async () => {
    const when = new Date(Date.now() + 30_000).toUTCString();
    const server = await pool.start({ dialect: 'anthropic', apiKey: KEY, faults: rules({ kind: 'rateLimit', retryAfter: when }) });
    const { result } = await expectBoth({ provider: 'anthropic', apiUrl: server.baseUrl, apiKey: KEY, timeoutMs: TIMEOUT_MS }, 'rate_limited');
    assert.ok(result.retryAfterSeconds !== undefined && result.retryAfterSeconds >= 28 && result.retryAfterSeconds <= 31, String(result.retryAfterSeconds));
  });

  it('429 insufficient_quota → quota_exceeded (no retry time)', async () => {
    const { result } = await expectBoth(await targetFor({ dialect: 'openai', faults: rules({ kind: 'quota' }) }), 'quota_exceeded', (s) => assert.equal(s, 429));
    assert.equal(result.retryAfterSeconds, undefined);
  });

  it('402 (OpenRouter out of credits) → quota_exceeded', async () => {
    const server = await pool.start({ dialect: 'openrouter', apiKey: KEY, faults: rules({ kind: 'quota' }) });
    await expectBoth({ provider: 'openrouter', apiUrl: server.baseUrl, apiKey: KEY, timeoutMs: TIMEOUT_MS }, 'quota_exceeded', (s) => assert.equal(s, 402));
  });

  it('a 429 whose body names credits → quota_exceeded; Anthropic 400 "credit balance is too low" too', async () => {
    await expectBoth(
      await targetFor({ dialect: 'openai', faults: rules({ kind: 'status', status: 429, body: { error: { message: 'You have run out of credits.' } } }) }),
      'quota_exceeded',
    );
    const server = await pool.start({ dialect: 'anthropic', apiKey: KEY, faults: rules({ kind: 'quota' }) });
    await expectBoth({ provider: 'anthropic', apiUrl: server.baseUrl, apiKey: KEY, timeoutMs: TIMEOUT_MS }, 'quota_exceeded');
  });

  it('500 → server_error', async () => {
    await expectBoth(await targetFor({ dialect: 'openai', faults: rules({ kind: 'serverError' }) }), 'server_error', (s) => assert.equal(s, 500));
  });

  it('529 (Anthropic overloaded) → server_error', async () => {
    const server = await pool.start({ dialect: 'anthropic', apiKey: KEY, faults: rules({ kind: 'overloaded' }) });
    const { result } = await expectBoth({ provider: 'anthropic', apiUrl: server.baseUrl, apiKey: KEY, timeoutMs: TIMEOUT_MS }, 'server_error', (s) => assert.equal(s, 529));
    assert.match(result.message, /overloaded/);
  });

  it('headers never sent → timeout, naming the timeout used', async () => {
    const { result } = await expectBoth(await targetFor({ dialect: 'openai', faults: rules({ kind: 'stall' }) }), 'timeout');
    assert.match(result.message, /1\.5 s/);
  });

  it('headers sent, body never → timeout', async () => {
    await expectBoth(await targetFor({ dialect: 'openai', faults: rules({ kind: 'stallBody' }) }), 'timeout');
  });

  it('a body trickled byte by byte → timeout (the deadline covers the body read)', async () => {
    await expectBoth(await targetFor({ dialect: 'openai', faults: rules({ kind: 'trickle', intervalMs: 50 }) }), 'timeout');
  });

  it('a 50 MB body → bad_response, without buffering it all', async () => {
    const before = process.memoryUsage().rss;
    const target = await targetFor({ dialect: 'openai', faults: rules({ kind: 'huge', bytes: 50 * 1024 * 1024 }) });
    const { result } = await expectBoth({ ...target, timeoutMs: 10_000 }, 'bad_response');
    assert.match(result.message, /16 MB/);
    const grownMb = (process.memoryUsage().rss - before) / (1024 * 1024);
    assert.ok(grownMb < 150, `memory grew by ${grownMb.toFixed(0)} MB`);
  });

  it('a 50 MB body announced by Content-Length is refused before reading', async () => {
    const server = await pool.start({ dialect: 'openai', apiKey: KEY, faults: rules({ kind: 'huge', bytes: 50 * 1024 * 1024, declareLength: true }) });
    const started = Date.now();
    const error = await listModels({ provider: 'openai', apiUrl: server.baseUrl, apiKey: KEY, timeoutMs: 10_000 }).catch((e: unknown) => e);
    expectCategory(error, 'bad_response');
    assert.ok(Date.now() - started < 2000);
  });

  it('a huge error body is read only up to its cap and still classified', async () => {
    const big = { error: { message: `overloaded ${'x'.repeat(200_000)}`, type: 'server_error' } };
    const { result } = await expectBoth(await targetFor({ dialect: 'openai', faults: rules({ kind: 'status', status: 503, body: big }) }), 'server_error');
    assert.ok(result.message.length < 1000, 'the provider text is trimmed');
  });

  it('a connection cut mid-request → network', async () => {
    await expectBoth(await targetFor({ dialect: 'openai', faults: rules({ kind: 'destroy' }) }), 'network');
  });

  it('endless paging stops at the page cap and returns what it has', async () => {
    const server = await pool.start({ dialect: 'anthropic', apiKey: KEY, paging: 'endless', maxPageSize: 3 });
    const target = { provider: 'anthropic', apiUrl: server.baseUrl, apiKey: KEY, timeoutMs: 5000 };
    const listed = await settleWithin(5000 + SETTLE_GRACE_MS, () => listModels(target));
    assert.equal(listed.value?.length, 150);
    assert.equal(server.requests.length, 50);
    const test = await testConnection(target);
    assert.equal(test.category, 'ok');
    assert.equal(test.modelCount, 150);
  });

  it('endless paging with big pages stops at 10 000 models', async () => {
    const server = await pool.start({ dialect: 'gemini', apiKey: KEY, paging: 'endless' });
    const listed = await listModels({ provider: 'google', apiUrl: server.baseUrl, apiKey: KEY, timeoutMs: 5000 });
    assert.equal(listed.length, 10_000);
    assert.equal(server.requests.length, 10);
  });

  it('a repeating cursor stops paging', async () => {
    const server = await pool.start({ dialect: 'cohere', apiKey: KEY, paging: 'repeatingCursor', maxPageSize: 2 });
    const listed = await listModels({ provider: 'cohere', apiUrl: server.baseUrl, apiKey: KEY, timeoutMs: TIMEOUT_MS });
    assert.equal(listed.length, 2);
    assert.equal(server.requests.length, 2);
  });

  it('a provider error that echoes the key in full is redacted', async () => {
    const server = await pool.start({ dialect: 'xai', apiKey: 'xai-the-right-key-000000000', echoKeyInErrors: true });
    const target = { provider: 'xai', apiUrl: server.baseUrl, apiKey: KEY, timeoutMs: TIMEOUT_MS };
    const { result } = await expectBoth(target, 'invalid_key', (s) => assert.equal(s, 400));
    assert.match(result.message, /\[redacted\]/, 'the echo is visibly redacted');
  });

  it('an unknown provider and an invalid URL are reported without a request', async () => {
    const unknown = await testConnection({ provider: 'nope', apiKey: KEY });
    assert.equal(unknown.category, 'wrong_url');
    const badUrl = await testConnection({ provider: 'openai', apiUrl: 'ftp://example.com', apiKey: KEY });
    assert.equal(badUrl.category, 'wrong_url');
    assert.match(badUrl.message, /http/);
    const azure = await testConnection({ provider: 'azure-openai', apiKey: KEY });
    assert.equal(azure.category, 'wrong_url');
    await assert.rejects(listModels({ provider: 'nope' }), (e: unknown) => expectCategory(e, 'wrong_url') !== undefined);
  });
});
