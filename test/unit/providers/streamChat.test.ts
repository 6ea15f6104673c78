// streamChat against the wire-format servers: every dialect streams the scripted deltas as separate, untrimmed
// yields (never reasoning), maps presets to its own parameter names, and fails loudly — an HTTP error on the
// first read, a cut, a missing end marker, an error event — never as a silent truncated success. Cancelling
// (abort or `break`) closes the connection; timeoutMs bounds each gap, not the whole reply.
import * as assert from 'node:assert/strict';
import { streamChat, type ChatMessage, type ChatOptions, type ProviderTarget } from '../../../src/providers';
import { MAX_STREAM_EVENT_CHARS } from '../../../src/providers/streamChatParts';
import type { ChatStreamRecord, ProviderServerOptions, RecordedRequest, ServerDialect, StartedProviderServer } from '../../servers';
import { assertKeyNotExposed, expectCategory, exposedText, serverPool, settleWithin, within } from './helpers';

const KEY = 'sk-stream-chat-key-8d41c0b7e2a9';
const WRONG_KEY = 'sk-stream-wrong-key-00000000000';
const TIMEOUT_MS = 1500;
const pool = serverPool();
afterEach(() => pool.closeAll());

const MESSAGES: ChatMessage[] = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: 'Hi' },
  { role: 'assistant', content: 'Hello.' },
  { role: 'user', content: 'Again' },
];
const PRESET: ChatOptions = { temperature: 0.3, topP: 0.8, maxTokens: 77, stop: ['END'] };
/** Separate, untrimmed deltas: leading/trailing spaces and a newline must arrive as sent. */
const DELTAS = ['Hel', 'lo', ' world', ' ', ' two  spaces  ', '\nnext line'];
const REASONING = ['SECRET-REASONING-1 let me think', 'SECRET-REASONING-2 more thought'];

interface DialectCase {
  provider: string;
  dialect: ServerDialect;
  model: string;
  serverOptions?: Partial<ProviderServerOptions>;
  /** The key a connection uses against this server (Vertex: a service account it trusts). */
  key?: (server: StartedProviderServer) => string | Promise<string>;
  /** A key this server rejects. */
  wrongKey?: () => string | Promise<string>;
  /** Whether this dialect's servers require a key at all (Ollama does not, unless proxied). */
  keyless?: boolean;
  path: RegExp;
  checkWire(json: Record<string, unknown>, request: RecordedRequest): void;
}

const openAiMessages = MESSAGES.map(({ role, content }) => ({ role, content }));

const CASES: DialectCase[] = [
  {
    provider: 'openai',
    dialect: 'openai',
    model: 'gpt-4o',
    path: /^\/v1\/chat\/completions$/,
    checkWire(json, request) {
      assert.equal(request.headers.authorization, `Bearer ${KEY}`);
      assert.deepEqual(json['messages'], openAiMessages);
      assert.equal(json['stream'], true);
      assert.equal(json['temperature'], 0.3);
      assert.equal(json['top_p'], 0.8);
      assert.equal(json['max_completion_tokens'], 77, 'OpenAI takes max_completion_tokens');
      assert.equal(json['max_tokens'], undefined);
      assert.deepEqual(json['stop'], ['END']);
    },
  },
  {
    provider: 'groq',
    dialect: 'openai',
    model: 'gpt-4o-mini',
    path: /^\/v1\/chat\/completions$/,
    checkWire(json) {
      assert.equal(json['max_tokens'], 77, 'OpenAI-compatible providers take max_tokens');
      assert.equal(json['max_completion_tokens'], undefined);
      assert.equal(json['top_p'], 0.8);
      assert.deepEqual(json['stop'], ['END']);
    },
  },
  {
    provider: 'azure-openai',
    dialect: 'azure-openai',
    model: 'prod-gpt4o',
    serverOptions: { deployments: ['prod-gpt4o'] },
    path: /^\/openai\/v1\/chat\/completions$/,
    checkWire(json, request) {
      assert.equal(request.headers['api-key'], KEY);
      assert.equal(request.headers.authorization, undefined, 'Azure takes the key in api-key, not Bearer');
      assert.equal(json['model'], 'prod-gpt4o', 'the deployment name is the model');
      assert.deepEqual(json['messages'], openAiMessages);
      assert.equal(json['max_completion_tokens'], 77);
      assert.equal(json['top_p'], 0.8);
    },
  },
  {
    provider: 'anthropic',
    dialect: 'anthropic',
    model: 'claude-sonnet-4-5-20250929',
    path: /^\/v1\/messages$/,
    checkWire(json, request) {
      assert.equal(request.headers['x-api-key'], KEY);
      assert.equal(request.headers['anthropic-version'], '2023-06-01');
      assert.equal(json['system'], 'Be brief.', 'the system prompt is top-level');
      assert.deepEqual(json['messages'], openAiMessages.slice(1));
      assert.equal(json['stream'], true);
      assert.equal(json['max_tokens'], 77);
      assert.equal(json['temperature'], 0.3);
      assert.equal('top_p' in json, false, 'Claude refuses temperature with top_p: temperature wins');
      assert.deepEqual(json['stop_sequences'], ['END']);
    },
  },
  {
    provider: 'google',
    dialect: 'gemini',
    model: 'gemini-2.5-flash',
    path: /^\/v1beta\/models\/gemini-2\.5-flash:streamGenerateContent$/,
    checkWire(json, request) {
      assert.equal(request.query['alt'], 'sse');
      assert.equal(request.headers['x-goog-api-key'], KEY);
      assert.ok(!request.url.includes(KEY) && !request.url.includes('key='), 'the key never goes in the URL');
      assert.deepEqual(json['systemInstruction'], { parts: [{ text: 'Be brief.' }] });
      assert.deepEqual(json['contents'], [
        { role: 'user', parts: [{ text: 'Hi' }] },
        { role: 'model', parts: [{ text: 'Hello.' }] },
        { role: 'user', parts: [{ text: 'Again' }] },
      ]);
      assert.deepEqual(json['generationConfig'], { temperature: 0.3, topP: 0.8, maxOutputTokens: 77, stopSequences: ['END'] });
    },
  },
  {
    provider: 'vertex',
    dialect: 'vertex',
    model: 'gemini-2.5-flash',
    key: (server) => server.serviceAccountJson(),
    wrongKey: async () => (await pool.start({ dialect: 'vertex' })).serviceAccountJson(),
    path: /^\/v1\/projects\/test-project\/locations\/global\/publishers\/google\/models\/gemini-2\.5-flash:streamGenerateContent$/,
    checkWire(json, request) {
      assert.equal(request.query['alt'], 'sse');
      assert.match(String(request.headers.authorization), /^Bearer ya29\.test-/, 'an access token, never the service account');
      assert.deepEqual(json['systemInstruction'], { parts: [{ text: 'Be brief.' }] });
      assert.deepEqual(
        (json['contents'] as Array<{ role: string }>).map((c) => c.role),
        ['user', 'model', 'user'],
      );
      assert.deepEqual(json['generationConfig'], { temperature: 0.3, topP: 0.8, maxOutputTokens: 77, stopSequences: ['END'] });
    },
  },
  {
    provider: 'ollama',
    dialect: 'ollama',
    model: 'llama3.1:8b',
    keyless: true,
    path: /^\/api\/chat$/,
    checkWire(json, request) {
      assert.equal(request.headers.authorization, undefined, 'no Authorization without a key');
      assert.deepEqual(json['messages'], openAiMessages);
      assert.equal(json['stream'], true);
      assert.deepEqual(json['options'], { temperature: 0.3, top_p: 0.8, num_predict: 77, stop: ['END'], num_ctx: 8192 });
    },
  },
  {
    provider: 'cohere',
    dialect: 'cohere',
    model: 'command-a-03-2025',
    path: /^\/v2\/chat$/,
    checkWire(json, request) {
      assert.equal(request.headers.authorization, `Bearer ${KEY}`);
      assert.deepEqual(json['messages'], openAiMessages);
      assert.equal(json['stream'], true);
      assert.equal(json['temperature'], 0.3);
      assert.equal(json['p'], 0.8);
      assert.equal(json['max_tokens'], 77);
      assert.deepEqual(json['stop_sequences'], ['END']);
    },
  },
  {
    provider: 'bedrock',
    dialect: 'bedrock',
    model: 'amazon.nova-pro-v1:0',
    path: /^\/model\/amazon\.nova-pro-v1%3A0\/converse-stream$/,
    checkWire(json, request) {
      assert.equal(request.headers.authorization, `Bearer ${KEY}`);
      assert.equal(request.headers.accept, 'application/vnd.amazon.eventstream');
      assert.deepEqual(json['system'], [{ text: 'Be brief.' }], 'the system prompt is top-level blocks');
      assert.deepEqual(
        json['messages'],
        openAiMessages.slice(1).map(({ role, content }) => ({ role, content: [{ text: content }] })),
      );
      assert.deepEqual(json['inferenceConfig'], { temperature: 0.3, topP: 0.8, maxTokens: 77, stopSequences: ['END'] });
      assert.equal('stream' in json, false, 'the path says it streams; Bedrock refuses unknown keys');
    },
  },
];

interface Collected {
  chunks: string[];
  error?: unknown;
  elapsedMs: number;
}

/** Reads the whole stream (or until it throws), within `boundMs`. */
async function collect(iterable: AsyncIterable<string>, boundMs = TIMEOUT_MS + 2000): Promise<Collected> {
  const chunks: string[] = [];
  const settled = await settleWithin(boundMs, async () => {
    for await (const chunk of iterable) chunks.push(chunk);
  });
  return { chunks, ...(settled.error === undefined ? {} : { error: settled.error }), elapsedMs: settled.elapsedMs };
}

function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/** What must never show: the key, or for Vertex a distinctive part of the service account's private key. */
function secretOf(key: string): string {
  try {
    const parsed = JSON.parse(key) as { private_key?: string };
    return parsed.private_key?.slice(100, 160) ?? key;
  } catch {
    return key;
  }
}

async function setup(c: DialectCase, options: Partial<ProviderServerOptions> = {}, withKey = !c.keyless) {
  const server = await pool.start({ dialect: c.dialect, ...(withKey ? { apiKey: KEY } : {}), ...c.serverOptions, ...options });
  const key = withKey ? await (c.key?.(server) ?? KEY) : undefined;
  const target: ProviderTarget = { provider: c.provider, apiUrl: server.baseUrl, model: c.model, timeoutMs: TIMEOUT_MS, ...(key === undefined ? {} : { apiKey: key }) };
  return { server, target, secret: key === undefined ? KEY : secretOf(key) };
}

function chatRequests(server: StartedProviderServer, c: DialectCase): RecordedRequest[] {
  return server.requests.filter((r) => c.path.test(r.path));
}

describe('streamChat', function () {
  this.timeout(10_000);

  for (const c of CASES) {
    describe(`${c.provider} (${c.dialect} wire)`, () => {
      it('yields the scripted deltas as separate, untrimmed chunks, and never the reasoning', async () => {
        const { server, target } = await setup(c, { chat: { deltas: DELTAS, reasoning: REASONING } });
        const { chunks, error } = await collect(streamChat(target, [{ role: 'user', content: 'Hi' }]));
        assert.equal(error, undefined, exposedText(error));
        assert.deepEqual(chunks, DELTAS);
        assert.equal(chunks.join(''), DELTAS.join(''));
        assert.ok(!chunks.join('').includes('SECRET-REASONING'), 'reasoning is not reply text');
        assert.equal(await (await server.chatStream(0)).ended, 'completed');
        assert.equal(chatRequests(server, c).length, 1);
      });

      it("maps the preset and the roles to the dialect's own parameter names", async () => {
        const { server, target } = await setup(c);
        const { error } = await collect(streamChat(target, MESSAGES, PRESET));
        assert.equal(error, undefined, exposedText(error));
        const [request] = chatRequests(server, c);
        assert.ok(request, `a request to ${String(c.path)}: ${server.requests.map((r) => r.path).join(', ')}`);
        assert.equal(request.method, 'POST');
        c.checkWire(JSON.parse(request.body) as Record<string, unknown>, request);
      });

      it('throws a rejected key on the first read (invalid_key), yielding nothing, never echoing the key', async () => {
        const { server, target } = await setup(c, {}, true);
        const wrong = (await c.wrongKey?.()) ?? WRONG_KEY;
        const { chunks, error } = await collect(streamChat({ ...target, apiKey: wrong }, MESSAGES));
        assert.deepEqual(chunks, []);
        const failure = expectCategory(error, 'invalid_key');
        assertKeyNotExposed(failure, KEY, secretOf(wrong));
        assert.ok(!server.requests.some((r) => r.url.includes(KEY) || r.url.includes(WRONG_KEY)), 'no key in any URL');
      });

      it('a connection cut mid-stream throws after the deltas that arrived', async () => {
        const { target, secret } = await setup(c, { chat: { deltas: DELTAS, fault: { kind: 'cut', afterDeltas: 2 } } });
        const { chunks, error } = await collect(streamChat(target, MESSAGES));
        assert.deepEqual(chunks, DELTAS.slice(0, 2));
        const failure = expectCategory(error, 'network');
        assertKeyNotExposed(failure, secret);
      });

      it('a stream that ends cleanly without the end marker throws (no silent truncation)', async () => {
        const { server, target, secret } = await setup(c, { chat: { deltas: DELTAS, fault: { kind: 'noEndMarker', afterDeltas: 3 } } });
        const { chunks, error } = await collect(streamChat(target, MESSAGES));
        assert.deepEqual(chunks, DELTAS.slice(0, 3));
        assert.ok(error !== undefined, 'a truncated reply is not a success');
        const failure = expectCategory(error, 'bad_response');
        assert.match(failure.message, /cut short|incomplete|before/i);
        assertKeyNotExposed(failure, secret);
        assert.equal(await (await server.chatStream(0)).ended, 'completed', 'the server ended the response itself');
      });

      it("the provider's error event mid-stream throws with its category", async () => {
        const { target, secret } = await setup(c, { chat: { deltas: DELTAS, fault: { kind: 'errorEvent', afterDeltas: 1, error: 'serverError' } } });
        const { chunks, error } = await collect(streamChat(target, MESSAGES));
        assert.deepEqual(chunks, DELTAS.slice(0, 1));
        const failure = expectCategory(error, 'server_error');
        assert.match(failure.message, /partway/);
        assertKeyNotExposed(failure, secret);
      });

      it('aborting the signal closes the connection; the iteration rejects with AbortError within ~1 s', async () => {
        const { server, target } = await setup(c, { chat: { deltas: DELTAS, fault: { kind: 'gap', afterDeltas: 1, gapMs: 30_000 } } });
        const controller = new AbortController();
        const iterator = streamChat({ ...target, timeoutMs: 20_000 }, MESSAGES, { signal: controller.signal })[Symbol.asyncIterator]();
        assert.deepEqual(await iterator.next(), { done: false, value: DELTAS[0] });
        const pending = iterator.next();
        const record = await server.chatStream(0);
        controller.abort();
        const settled = await settleWithin(1000, () => pending);
        assert.ok(isAbortError(settled.error), `rejected with ${exposedText(settled.error)}`);
        await within(1000, record.clientClosed, 'the server saw the client close the socket');
        assert.equal(record.outcome, 'clientClosed');
        assert.equal(record.deltasSent, 1);
      });

      it('leaving the loop (break) closes the connection', async () => {
        const { server, target } = await setup(c, { chat: { deltas: DELTAS, fault: { kind: 'gap', afterDeltas: 2, gapMs: 30_000 } } });
        const chunks: string[] = [];
        await settleWithin(1500, async () => {
          for await (const chunk of streamChat({ ...target, timeoutMs: 20_000 }, MESSAGES)) {
            chunks.push(chunk);
            break;
          }
        });
        assert.deepEqual(chunks, DELTAS.slice(0, 1));
        const record = await server.chatStream(0);
        await within(1000, record.clientClosed, 'the server saw the client close the socket');
        assert.equal(record.outcome, 'clientClosed');
      });

      it('a gap between chunks longer than timeoutMs throws timeout', async () => {
        const { server, target, secret } = await setup(c, { chat: { deltas: DELTAS, fault: { kind: 'gap', afterDeltas: 2, gapMs: 5000 } } });
        const { chunks, error, elapsedMs } = await collect(streamChat({ ...target, timeoutMs: 300 }, MESSAGES), 300 + 2000);
        assert.deepEqual(chunks, DELTAS.slice(0, 2));
        const failure = expectCategory(error, 'timeout');
        assert.match(failure.message, /0\.3 s/);
        assert.ok(elapsedMs >= 280, `timed out early, after ${elapsedMs} ms`);
        assertKeyNotExposed(failure, secret);
        await within(1000, (await server.chatStream(0)).clientClosed, 'the timed-out request was closed');
      });
    });
  }

  describe('the contract, across dialects', () => {
    const openai = CASES[0] as DialectCase;
    const anthropicCase = CASES.find((c) => c.provider === 'anthropic') as DialectCase;
    const geminiCase = CASES.find((c) => c.provider === 'google') as DialectCase;
    const ollamaCase = CASES.find((c) => c.provider === 'ollama') as DialectCase;
    const bedrockCase = CASES.find((c) => c.provider === 'bedrock') as DialectCase;

    it('returns the async iterable itself, and sends nothing before the first read', async () => {
      const { server, target } = await setup(openai);
      const iterable = streamChat(target, MESSAGES);
      assert.equal(typeof (iterable as unknown as { then?: unknown }).then, 'undefined', 'not a Promise');
      assert.equal(typeof iterable[Symbol.asyncIterator], 'function');
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(server.requests.length, 0);
      const { chunks } = await collect(iterable);
      assert.deepEqual(chunks, ['Hello', ' world', '!']);
    });

    it('timeoutMs bounds the gaps, not the whole reply: a steady stream longer than timeoutMs succeeds', async () => {
      const deltas = ['a', 'b', 'c', 'd', 'e', 'f'];
      const { target } = await setup(openai, { chat: { deltas, intervalMs: 100 } });
      const { chunks, error, elapsedMs } = await collect(streamChat({ ...target, timeoutMs: 250 }, MESSAGES), 5000);
      assert.equal(error, undefined, exposedText(error));
      assert.deepEqual(chunks, deltas);
      assert.ok(elapsedMs > 500, `the whole reply took ${elapsedMs} ms, longer than timeoutMs`);
    });

    it("a slow consumer is not the server's gap", async () => {
      const { target } = await setup(openai);
      const chunks: string[] = [];
      for await (const chunk of streamChat({ ...target, timeoutMs: 200 }, MESSAGES)) {
        chunks.push(chunk);
        await new Promise((r) => setTimeout(r, 300));
      }
      assert.deepEqual(chunks, ['Hello', ' world', '!']);
    });

    it('time to the first byte is bounded by timeoutMs (headers never sent → timeout)', async () => {
      const { server, target } = await setup(anthropicCase, { faults: [{ path: '/v1/messages', fault: { kind: 'stall' } }] });
      const { chunks, error } = await collect(streamChat({ ...target, timeoutMs: 300 }, MESSAGES), 300 + 2000);
      assert.deepEqual(chunks, []);
      expectCategory(error, 'timeout');
      assert.equal(server.requests.filter((r) => r.path === '/v1/messages').length, 1, 'no retry');
    });

    it('HTTP errors on the chat path are thrown as testConnection classifies them; a long rate-limit wait is not retried', async () => {
      const { server, target } = await setup(openai, { faults: [{ path: '/v1/chat/completions', times: 1, fault: { kind: 'rateLimit', retryAfter: '12' } }] });
      const limited = await collect(streamChat(target, MESSAGES));
      assert.deepEqual(limited.chunks, []);
      const error = expectCategory(limited.error, 'rate_limited');
      assert.equal(error.retryAfterSeconds, 12);
      assert.equal(error.status, 429);
      assert.equal(server.requests.length, 1, 'a wait of 10 s or more is left to the user');

      server.setFaults([{ path: '/v1/chat/completions', fault: { kind: 'status', status: 401, body: { error: { message: 'bad key', code: 'invalid_api_key' } } } }]);
      expectCategory((await collect(streamChat(target, MESSAGES))).error, 'invalid_key');
      assert.equal(server.requests.length, 2, 'a rejected key is not retried');

      server.setFaults([]);
      const missing = await collect(streamChat({ ...target, model: 'gpt-5-turbo-nope' }, MESSAGES));
      expectCategory(missing.error, 'model_not_found');
    });

    it('retries before the first part only: 5xx at most twice more, a short 429 after its wait', async () => {
      const { server, target } = await setup(openai, { chat: { deltas: DELTAS }, faults: [{ path: '/v1/chat/completions', fault: { kind: 'serverError' } }] });
      expectCategory((await collect(streamChat(target, MESSAGES))).error, 'server_error');
      assert.equal(server.requests.length, 3, 'sent three times in all');

      server.setFaults([{ path: '/v1/chat/completions', times: 2, fault: { kind: 'overloaded' } }]);
      const recovered = await collect(streamChat(target, MESSAGES));
      assert.equal(recovered.error, undefined);
      assert.deepEqual(recovered.chunks, DELTAS);
      assert.equal(server.requests.length, 6);

      server.setFaults([{ path: '/v1/chat/completions', times: 1, fault: { kind: 'rateLimit', retryAfterMs: 300 } }]);
      const waited = await collect(streamChat(target, MESSAGES));
      assert.equal(waited.error, undefined);
      assert.deepEqual(waited.chunks, DELTAS);
      assert.equal(server.requests.length, 8);

      // A connection closed before anything arrived is sent again.
      server.setFaults([{ path: '/v1/chat/completions', times: 1, fault: { kind: 'destroy' } }]);
      const reset = await collect(streamChat(target, MESSAGES));
      assert.equal(reset.error, undefined);
      assert.deepEqual(reset.chunks, DELTAS);
      assert.equal(server.requests.length, 10);

      // A failure after the first part is the caller's to see: nothing is sent again.
      server.setFaults([]);
      server.setChat({ deltas: DELTAS, fault: { kind: 'errorEvent', afterDeltas: 1 } });
      const midway = await collect(streamChat(target, MESSAGES));
      expectCategory(midway.error, 'server_error');
      assert.deepEqual(midway.chunks, DELTAS.slice(0, 1));
      assert.equal(server.requests.length, 11);
      server.setChat({ deltas: DELTAS, fault: { kind: 'cut', afterDeltas: 2 } });
      const cut = await collect(streamChat(target, MESSAGES));
      expectCategory(cut.error, 'network');
      assert.deepEqual(cut.chunks, DELTAS.slice(0, 2));
      assert.equal(server.requests.length, 12, 'a cut after the first part is not retried');
    });

    it('Anthropic defaults max_tokens to 1024 and sends no sampling fields that were not set', async () => {
      const { server, target } = await setup(anthropicCase);
      assert.equal((await collect(streamChat(target, [{ role: 'user', content: 'Hi' }]))).error, undefined);
      const json = (await server.chatStream(0)).json;
      assert.equal(json['max_tokens'], 1024);
      assert.equal(json['system'], undefined);
      for (const field of ['temperature', 'top_p', 'stop_sequences']) assert.ok(!(field in json), field);
    });

    it('Anthropic sends top_p when it is the only sampling setting', async () => {
      const { server, target } = await setup(anthropicCase);
      assert.equal((await collect(streamChat(target, [{ role: 'user', content: 'Hi' }], { topP: 0.5 }))).error, undefined);
      const json = (await server.chatStream(0)).json;
      assert.equal(json['top_p'], 0.5);
      assert.equal('temperature' in json, false);
    });

    it('Anthropic rate_limit_error and Gemini RESOURCE_EXHAUSTED mid-stream are rate_limited; overloaded is server_error', async () => {
      for (const [c, kind, category] of [
        [anthropicCase, 'rateLimit', 'rate_limited'],
        [geminiCase, 'rateLimit', 'rate_limited'],
        [openai, 'rateLimit', 'rate_limited'],
        [anthropicCase, 'overloaded', 'server_error'],
        [bedrockCase, 'rateLimit', 'rate_limited'],
        [bedrockCase, 'overloaded', 'server_error'],
      ] as const) {
        const { target } = await setup(c, { chat: { fault: { kind: 'errorEvent', afterDeltas: 1, error: kind } } });
        const { chunks, error } = await collect(streamChat(target, MESSAGES));
        assert.deepEqual(chunks, ['Hello']);
        expectCategory(error, category);
      }
    });

    it('Ollama sends Authorization only when a key is set', async () => {
      const { server, target } = await setup(ollamaCase, { apiKey: KEY }, true);
      assert.equal((await collect(streamChat(target, MESSAGES))).error, undefined);
      assert.equal((await server.chatStream(0)).request.headers.authorization, `Bearer ${KEY}`);
    });

    it('an already-aborted signal rejects with AbortError and sends nothing', async () => {
      const { server, target } = await setup(openai);
      const { error } = await collect(streamChat(target, MESSAGES, { signal: AbortSignal.abort() }));
      assert.ok(isAbortError(error));
      assert.equal(server.requests.length, 0);
    });

    it('no model, no key, an unknown provider: a clear error and no request', async () => {
      const { server, target } = await setup(openai);
      const noModel = await collect(streamChat({ ...target, model: '  ' }, MESSAGES));
      expectCategory(noModel.error, 'model_not_found');
      const { apiKey: _key, ...keyless } = target;
      expectCategory((await collect(streamChat(keyless, MESSAGES))).error, 'missing_key');
      expectCategory((await collect(streamChat({ ...target, provider: 'nope' }, MESSAGES))).error, 'wrong_url');
      assert.equal(server.requests.length, 0);
      await assert.rejects(collect(streamChat(target, [{ role: 'robot', content: 'x' } as unknown as ChatMessage])).then((r) => Promise.reject(r.error)), TypeError);
    });

    it('a web page where the stream was expected → wrong_url; a whole JSON answer → bad_response', async () => {
      const { server, target } = await setup(openai, { faults: [{ path: '/v1/chat/completions', fault: { kind: 'html' } }] });
      expectCategory((await collect(streamChat(target, MESSAGES))).error, 'wrong_url');
      server.setFaults([{ path: '/v1/chat/completions', fault: { kind: 'status', status: 200, body: { object: 'chat.completion', choices: [{ message: { content: 'whole' } }] } } }]);
      const whole = await collect(streamChat(target, MESSAGES));
      assert.deepEqual(whole.chunks, []);
      expectCategory(whole.error, 'bad_response');
    });

    it('Bedrock streams through ConverseStream; for Claude, temperature wins over topP as on Anthropic', async () => {
      const { server, target } = await setup(bedrockCase, { models: [{ id: 'us.anthropic.claude-sonnet-4-20250514-v1:0' }] });
      const claude = await collect(streamChat({ ...target, model: 'us.anthropic.claude-sonnet-4-20250514-v1:0' }, MESSAGES, PRESET));
      assert.equal(claude.error, undefined, exposedText(claude.error));
      assert.deepEqual(claude.chunks, ['Hello', ' world', '!']);
      const record = await server.chatStream(0);
      assert.equal(record.request.path, '/model/us.anthropic.claude-sonnet-4-20250514-v1%3A0/converse-stream');
      assert.deepEqual(record.json['inferenceConfig'], { temperature: 0.3, maxTokens: 77, stopSequences: ['END'] });
    });

    for (const c of [openai, ollamaCase, bedrockCase]) {
      it(`an event that never ends is capped (${c.dialect}): bad_response, memory bounded`, async () => {
        const { server, target } = await setup(c, { chat: { fault: { kind: 'hugeEvent', afterDeltas: 1, chars: MAX_STREAM_EVENT_CHARS * 3 } } });
        const before = process.memoryUsage().rss;
        const { chunks, error } = await collect(streamChat({ ...target, timeoutMs: 5000 }, MESSAGES), 5000);
        assert.deepEqual(chunks, ['Hello']);
        const failure = expectCategory(error, 'bad_response');
        assert.match(failure.message, /larger than 1 MB/);
        assert.ok((process.memoryUsage().rss - before) / (1024 * 1024) < 100);
        await within(1000, (await server.chatStream(0)).clientClosed, 'the client closed the oversized stream');
      });
    }

    it('a redirect to another origin carries neither the key nor the prompt there', async () => {
      const other = await pool.start({ dialect: 'openai' });
      const { target } = await setup(openai, { faults: [{ path: '/v1/chat/completions', fault: { kind: 'redirect', status: 307, location: `${other.baseUrl}/chat/completions` } }] });
      const { error } = await collect(streamChat(target, MESSAGES));
      expectCategory(error, 'wrong_url');
      assert.equal(other.sawValue(KEY), false);
      assert.equal(other.sawValue('Be brief.'), false);
    });

    it('a same-origin redirect is followed with the key', async () => {
      const { server, target } = await setup(openai, { faults: [{ path: '/old/chat/completions', fault: { kind: 'redirect', status: 307, location: '/v1/chat/completions' } }] });
      const { chunks, error } = await collect(streamChat({ ...target, apiUrl: `${server.url}/old` }, MESSAGES));
      assert.equal(error, undefined, exposedText(error));
      assert.deepEqual(chunks, ['Hello', ' world', '!']);
    });

    it("a provider error that echoes the key is redacted", async () => {
      const server = await pool.start({ dialect: 'xai', apiKey: 'xai-the-right-key-000000000', echoKeyInErrors: true });
      const { error } = await collect(streamChat({ provider: 'xai', apiUrl: server.baseUrl, apiKey: KEY, model: 'grok-4', timeoutMs: TIMEOUT_MS }, MESSAGES));
      const failure = expectCategory(error, 'invalid_key');
      assert.match(failure.message, /\[redacted\]/);
      assertKeyNotExposed(failure, KEY);
    });

    it('records every chat stream with its request, for tests of other tiers', async () => {
      const { server, target } = await setup(openai, { chat: { deltas: ['x'] } });
      const waiting = server.chatStream(1);
      await collect(streamChat(target, MESSAGES));
      server.setChat({ deltas: ['y', 'z'] });
      const { chunks } = await collect(streamChat(target, MESSAGES));
      assert.deepEqual(chunks, ['y', 'z']);
      const second: ChatStreamRecord = await within(500, waiting, 'the second stream');
      assert.equal(second.deltasSent, 2);
      assert.equal(await second.ended, 'completed');
      assert.equal(server.chatStreams.length, 2);
    });
  });
});
