// A consumer that keeps the iterator but stops reading must not hold the socket (and a reply being billed) open.
import * as assert from 'node:assert/strict';
import { streamChatParts } from '../../../src/providers';
import { expectCategory, serverPool } from './helpers';

const KEY = 'fake-consumer-idle-key-3307';
const pool = serverPool();

async function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

describe('a stream whose consumer stops reading', function () {
  this.timeout(10_000);
  after(() => pool.closeAll());

  it('is closed after consumerIdleMs, and the next read says why', async () => {
    // The server would keep sending (after a long pause): only our side can end this request.
    const server = await pool.start({ dialect: 'openai', apiKey: KEY, chat: { deltas: ['one', 'two', 'three'], fault: { kind: 'gap', afterDeltas: 2, gapMs: 30_000 } } });
    const target = { provider: 'openai', apiUrl: server.baseUrl, apiKey: KEY, model: 'gpt-4o-mini', timeoutMs: 20_000 };
    const iterator = streamChatParts(target, [{ role: 'user', content: 'hi' }], { consumerIdleMs: 300 })[Symbol.asyncIterator]();
    assert.deepEqual(await iterator.next(), { done: false, value: { type: 'text', text: 'one' } });
    // The consumer now holds the part and never asks for the next one.
    const record = await server.chatStream(0);
    await within(3000, record.clientClosed, 'the server saw the socket closed while the consumer was away');
    assert.equal(record.outcome, 'clientClosed');
    const next = await iterator.next().then(
      () => assert.fail('a read after the consumer allowance still got a part'),
      (error: unknown) => error,
    );
    assert.match(expectCategory(next, 'timeout').message, /not read for 0\.3 s/);
  });

  it('a consumer that keeps reading is never cut, however long the reply', async () => {
    const deltas = Array.from({ length: 6 }, (_, i) => `part-${i}`);
    const server = await pool.start({ dialect: 'openai', apiKey: KEY, chat: { deltas } });
    const target = { provider: 'openai', apiUrl: server.baseUrl, apiKey: KEY, model: 'gpt-4o-mini', timeoutMs: 5000 };
    const texts: string[] = [];
    for await (const part of streamChatParts(target, [{ role: 'user', content: 'hi' }], { consumerIdleMs: 300 })) {
      if (part.type === 'text') texts.push(part.text);
      // Each read comes back well inside the allowance, though the whole reply takes longer than it.
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.deepEqual(texts, deltas);
  });
});
