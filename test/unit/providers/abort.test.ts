// Cancellation: the caller's signal ends a call promptly; testConnection rejects only then.
import * as assert from 'node:assert/strict';
import { listModels, testConnection } from '../../../src/providers';
import { serverPool, settleWithin } from './helpers';

const KEY = 'sk-abort-key-31d9e0c2b4a6f8';
const pool = serverPool();
afterEach(() => pool.closeAll());

function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

describe('abort', () => {
  it('testConnection rejects with AbortError within ~1 s of the abort, even while the server stalls', async () => {
    const server = await pool.start({ dialect: 'openai', apiKey: KEY, faults: [{ fault: { kind: 'stall' } }] });
    const controller = new AbortController();
    const pending = testConnection({ provider: 'openai', apiUrl: server.baseUrl, apiKey: KEY, timeoutMs: 10_000 }, { signal: controller.signal });
    await new Promise((r) => setTimeout(r, 200));
    const abortedAt = Date.now();
    controller.abort();
    const settled = await settleWithin(1000, () => pending);
    assert.ok(isAbortError(settled.error), `rejected with ${String(settled.error)}`);
    assert.ok(Date.now() - abortedAt < 1000);
  });

  it('testConnection rejects while a body trickles', async () => {
    const server = await pool.start({ dialect: 'openai', apiKey: KEY, faults: [{ fault: { kind: 'trickle', intervalMs: 20 } }] });
    const controller = new AbortController();
    const pending = testConnection({ provider: 'openai', apiUrl: server.baseUrl, apiKey: KEY, timeoutMs: 10_000 }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    const settled = await settleWithin(1300, () => pending);
    assert.ok(isAbortError(settled.error));
  });

  it('listModels rejects with AbortError, and an already-aborted signal sends nothing', async () => {
    const server = await pool.start({ dialect: 'anthropic', apiKey: KEY, faults: [{ fault: { kind: 'stallBody' } }] });
    const controller = new AbortController();
    const pending = listModels({ provider: 'anthropic', apiUrl: server.baseUrl, apiKey: KEY, timeoutMs: 10_000 }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 150);
    assert.ok(isAbortError((await settleWithin(1200, () => pending)).error));

    const before = server.requests.length;
    const aborted = AbortSignal.abort();
    await assert.rejects(testConnection({ provider: 'anthropic', apiUrl: server.baseUrl, apiKey: KEY }, { signal: aborted }), (e: unknown) => isAbortError(e));
    await assert.rejects(listModels({ provider: 'anthropic', apiUrl: server.baseUrl, apiKey: KEY }, { signal: aborted }), (e: unknown) => isAbortError(e));
    assert.equal(server.requests.length, before);
  });

  it('an abort after the call finished changes nothing', async () => {
    const server = await pool.start({ dialect: 'openai', apiKey: KEY });
    const controller = new AbortController();
    const result = await testConnection({ provider: 'openai', apiUrl: server.baseUrl, apiKey: KEY }, { signal: controller.signal });
    controller.abort();
    assert.equal(result.category, 'ok');
  });

  it('the default timeout is 15 s and a timeoutMs bounds the whole call', async () => {
    const { DEFAULT_TIMEOUT_MS } = await import('../../../src/providers');
    assert.equal(DEFAULT_TIMEOUT_MS, 15_000);
    const server = await pool.start({ dialect: 'openai', apiKey: KEY, faults: [{ fault: { kind: 'stall' } }] });
    const settled = await settleWithin(800 + 2000, () => testConnection({ provider: 'openai', apiUrl: server.baseUrl, apiKey: KEY, timeoutMs: 800 }));
    assert.equal(settled.value?.category, 'timeout');
    assert.ok(settled.elapsedMs >= 750, `timed out early, after ${settled.elapsedMs} ms`);
  });
});
