// Credentials are bound to the connection's origin, not to whatever URL a request goes to: Vertex's token
// endpoint gets only the signed assertion, Bedrock's control plane only the key, custom headers never leave.
import * as assert from 'node:assert/strict';
import { testConnection } from '../../../src/providers';
import { requestJson } from '../../../src/providers/dialects/dialect';
import { bedrock } from '../../../src/providers/dialects/bedrock';
import { prepareCall } from '../../../src/providers/prepareCall';
import { serverPool } from './helpers';

const KEY = 'fake-origin-bound-key-4410';
const HEADER_VALUE = 'fake-proxy-header-value-7719';
const pool = serverPool();

describe('credentials bound to the connection origin', () => {
  after(() => pool.closeAll());

  it("Vertex: a key file whose token_uri names another host is refused, and nothing reaches that host", async () => {
    const server = await pool.start({ dialect: 'vertex' });
    const elsewhere = await pool.start({ dialect: 'vertex' });
    const account = JSON.parse(server.serviceAccountJson()) as Record<string, string>;
    account['token_uri'] = `${elsewhere.url}/token`;
    const result = await testConnection({
      provider: 'vertex',
      apiUrl: server.baseUrl,
      apiKey: JSON.stringify(account),
      model: 'gemini-2.5-flash',
      headers: { 'x-proxy-auth': HEADER_VALUE },
      timeoutMs: 5000,
    });
    assert.equal(result.category, 'invalid_key', result.message);
    assert.match(result.message, /token_uri/);
    assert.deepEqual(elsewhere.requests, [], 'the other host got no request');
    assert.deepEqual(server.requests, [], 'nothing was sent at all');
  });

  it('the same key file with its token endpoint on the connection origin works, as a proxy would serve it', async () => {
    const server = await pool.start({ dialect: 'vertex' });
    const result = await testConnection({ provider: 'vertex', apiUrl: server.baseUrl, apiKey: server.serviceAccountJson(), model: 'gemini-2.5-flash', timeoutMs: 5000 });
    assert.equal(result.category, 'ok', result.message);
  });

  it('a request to another origin carries the key only where the dialect names it, and custom headers never', async () => {
    const own = await pool.start({ dialect: 'openai', apiKey: KEY });
    const other = await pool.start({ dialect: 'openai', apiKey: KEY });
    const { call } = prepareCall({ provider: 'openai', apiUrl: own.baseUrl, apiKey: KEY, headers: { 'x-proxy-auth': HEADER_VALUE }, timeoutMs: 5000 }, undefined);
    try {
      await requestJson(call, bedrock, { purpose: 'list', method: 'GET', path: 'models' });
      await requestJson(call, bedrock, { purpose: 'list', method: 'GET', path: 'models', baseUrl: other.baseUrl, elsewhere: 'key' }).catch(() => undefined);
      await requestJson(call, bedrock, { purpose: 'list', method: 'GET', path: 'models', baseUrl: other.baseUrl }).catch(() => undefined);
    } finally {
      call.ctx.dispose();
    }
    const [ownRequest] = own.requests;
    assert.equal(ownRequest?.headers['authorization'], `Bearer ${KEY}`);
    assert.equal(ownRequest?.headers['x-proxy-auth'], HEADER_VALUE, 'the connection origin gets everything');
    const [keyOnly, nothing] = other.requests;
    assert.equal(keyOnly?.headers['authorization'], `Bearer ${KEY}`, 'a named host gets the key');
    assert.equal(keyOnly?.headers['x-proxy-auth'], undefined, 'but not the custom headers');
    assert.ok(nothing, 'the third request went out');
    assert.equal(nothing.headers['authorization'], undefined, 'an unnamed host gets no key');
    assert.equal(nothing.headers['x-proxy-auth'], undefined);
  });
});
