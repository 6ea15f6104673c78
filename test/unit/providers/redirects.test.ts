// Redirects are followed by hand; every credential header goes only to the origin (scheme, host, port) it
// was meant for. Node's fetch would strip only Authorization on a cross-origin redirect.
import * as assert from 'node:assert/strict';
import { listModels, testConnection } from '../../../src/providers';
import { startRecordingServer, type ServerDialect, type StartedProviderServer } from '../../servers';
import { assertKeyNotExposed, serverPool, settleWithin } from './helpers';

const KEY = 'sk-redirect-key-77c1f0e9a3b5d2';
const CUSTOM_SECRET = 'custom-header-secret-4471';
const pool = serverPool();
const others: StartedProviderServer[] = [];
afterEach(async () => {
  await pool.closeAll();
  await Promise.all(others.splice(0).map((s) => s.close()));
});

interface Case {
  provider: string;
  dialect: ServerDialect;
  header: string;
  listPath: string;
}

const CASES: Case[] = [
  { provider: 'openai', dialect: 'openai', header: 'authorization', listPath: '/v1/models' },
  { provider: 'anthropic', dialect: 'anthropic', header: 'x-api-key', listPath: '/v1/models' },
  { provider: 'azure-openai', dialect: 'azure-openai', header: 'api-key', listPath: '/openai/v1/models' },
  { provider: 'google', dialect: 'gemini', header: 'x-goog-api-key', listPath: '/v1beta/models' },
];

describe('redirects', () => {
  for (const c of CASES) {
    it(`${c.provider}: a redirect to another origin never carries ${c.header} or custom headers there`, async () => {
      const elsewhere = await startRecordingServer();
      others.push(elsewhere);
      const server = await pool.start({
        dialect: c.dialect,
        apiKey: KEY,
        faults: [{ path: c.listPath, fault: { kind: 'redirect', location: `${elsewhere.url}${c.listPath}`, status: 307 } }],
      });
      const target = { provider: c.provider, apiUrl: server.baseUrl, apiKey: KEY, headers: { 'X-Proxy-Auth': CUSTOM_SECRET }, timeoutMs: 2000 };
      const listed = await settleWithin(4000, () => listModels(target));
      const result = await testConnection(target);
      assert.ok(elsewhere.requests.length >= 1, 'the redirect was followed');
      assert.equal(server.requests[0]?.headers['x-proxy-auth'], CUSTOM_SECRET, 'the origin itself got the custom header');
      for (const r of elsewhere.requests) {
        assert.equal(r.headers[c.header], undefined, `${c.header} reached the other origin`);
        assert.equal(r.headers['x-proxy-auth'], undefined, 'a custom header reached the other origin');
      }
      assert.equal(elsewhere.sawValue(KEY), false, 'the other origin never saw the key anywhere');
      assert.equal(elsewhere.sawValue(CUSTOM_SECRET), false);
      assertKeyNotExposed([listed, result], KEY, CUSTOM_SECRET);
    });
  }

  it('a different port on the same host is another origin', async () => {
    const elsewhere = await startRecordingServer({ status: 401, body: { error: { message: 'no key' } } });
    others.push(elsewhere);
    const server = await pool.start({ dialect: 'openai', apiKey: KEY, faults: [{ path: '/v1/models', fault: { kind: 'redirect', location: `${elsewhere.url}/v1/models` } }] });
    assert.equal(new URL(server.url).hostname, new URL(elsewhere.url).hostname);
    const result = await testConnection({ provider: 'openai', apiUrl: server.baseUrl, apiKey: KEY });
    assert.equal(elsewhere.sawValue(KEY), false);
    assert.equal(result.category, 'wrong_url', 'a 401 from where the key was withheld is a URL problem, not a bad key');
    assert.match(result.message, new RegExp(elsewhere.url.replace(/[.:/]/g, '\\$&')));
  });

  it('a same-origin redirect keeps the key and succeeds', async () => {
    const server = await pool.start({ dialect: 'openai', apiKey: KEY, faults: [{ path: '/old/v1/models', fault: { kind: 'redirect', location: '/v1/models', status: 301 } }] });
    const list = await listModels({ provider: 'openai', apiUrl: `${server.url}/old/v1`, apiKey: KEY });
    assert.ok(list.length > 0);
    assert.deepEqual(server.requests.map((r) => [r.path, r.headers.authorization]), [
      ['/old/v1/models', `Bearer ${KEY}`],
      ['/v1/models', `Bearer ${KEY}`],
    ]);
  });

  it('a redirect loop ends as wrong_url after a few hops', async () => {
    const server = await pool.start({ dialect: 'openai', apiKey: KEY, faults: [{ path: '/v1/models', fault: { kind: 'redirect', location: '/v1/models' } }] });
    const result = await testConnection({ provider: 'openai', apiUrl: server.baseUrl, apiKey: KEY, timeoutMs: 2000 });
    assert.equal(result.category, 'wrong_url');
    assert.ok(server.requests.length <= 6, `${server.requests.length} requests`);
  });

  it('a POST redirected to another origin is not re-sent there (its body may be private)', async () => {
    const elsewhere = await startRecordingServer();
    others.push(elsewhere);
    const server = await pool.start({
      dialect: 'azure-openai',
      apiKey: KEY,
      faults: [{ path: '/openai/v1/chat/completions', fault: { kind: 'redirect', location: `${elsewhere.url}/chat/completions`, status: 307 } }],
    });
    const result = await testConnection({ provider: 'azure-openai', apiUrl: server.baseUrl, apiKey: KEY, model: 'gpt-4o' });
    assert.equal(result.category, 'wrong_url');
    assert.equal(elsewhere.requests.length, 0);
  });
});
