// Bench figures measured on plain Node (no VS Code): the model list against raw fetch and the official
// SDK, and how many requests each dialect's connection test sends, counted at the local test servers.
//   node out/bench/node.js     (built by `node esbuild.mjs --bench`)
import { fork } from 'node:child_process';
import { join } from 'node:path';
import OpenAI from 'openai';
import { listModels, streamChatParts, testConnection, type ChatToolOptions, type ProviderTarget, type RichChatMessage } from '../src/providers';
import { snapshotMessages, snapshotTools } from '../src/providers/chat/messages';
import { prepareCall } from '../src/providers/prepareCall';
import { startProviderServer, type ServerDialect } from '../test/servers';
import { agentHistory, agentTools } from './agentRequest';
import { hostileList } from './hostileList';
import { emit, emitError, round, summarize, timeAsync, type Summary } from './stats';

const KEY = 'bench-key-not-real-5f1c';
const MODEL_COUNT = 5000;
const WARMUP = 10;
const ROUNDS = 60;

async function startModelServer(script = 'modelServer.js'): Promise<{ baseUrl: string; stop(): void }> {
  const child = fork(join(__dirname, script), [], {
    env: { ...process.env, BENCH_MODEL_COUNT: String(MODEL_COUNT), BENCH_API_KEY: KEY },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { baseUrl: string }).baseUrl));
    child.once('exit', (code) => reject(new Error(`model server exited (${code})`)));
  });
  return { baseUrl, stop: () => child.disconnect() };
}

async function modelList(): Promise<void> {
  const server = await startModelServer();
  try {
    const target: ProviderTarget = { provider: 'openai', apiUrl: server.baseUrl, apiKey: KEY };
    const sdk = new OpenAI({ apiKey: KEY, baseURL: server.baseUrl, maxRetries: 0 });
    const contenders: Record<'listModels' | 'raw' | 'sdk', () => Promise<number>> = {
      listModels: async () => (await listModels(target)).length,
      // The floor: one request and JSON.parse of the body, nothing else.
      raw: async () => {
        const res = await fetch(`${server.baseUrl}/models`, { headers: { authorization: `Bearer ${KEY}` } });
        const body = JSON.parse(await res.text()) as { data: unknown[] };
        return body.data.length;
      },
      sdk: async () => {
        let n = 0;
        for await (const model of sdk.models.list()) if (model.id) n++;
        return n;
      },
    };
    const names = Object.keys(contenders) as (keyof typeof contenders)[];
    for (const name of names) {
      const n = await contenders[name]();
      if (n !== MODEL_COUNT) throw new Error(`${name} returned ${n} models, expected ${MODEL_COUNT}`);
    }
    for (let i = 0; i < WARMUP; i++) for (const name of names) await contenders[name]();
    const samples: Record<string, number[]> = { listModels: [], raw: [], sdk: [] };
    // Interleaved, rotating the order each round, so drift (GC, CPU frequency) hits all three alike.
    for (let round = 0; round < ROUNDS; round++) {
      for (let k = 0; k < names.length; k++) {
        const name = names[(round + k) % names.length];
        samples[name].push((await timeAsync(contenders[name])).ms);
      }
    }
    const s = { listModels: summarize(samples.listModels), raw: summarize(samples.raw), sdk: summarize(samples.sdk) };
    emit({
      id: 'modelList',
      models: MODEL_COUNT,
      node: process.version,
      listModels: s.listModels,
      raw: s.raw,
      sdk: s.sdk,
      ratioRaw: round(s.listModels.median / s.raw.median, 2),
      ratioSdk: round(s.listModels.median / s.sdk.median, 2),
    });
  } finally {
    server.stop();
  }
}

const FIRST_PART_WARMUP = 20;
const FIRST_PART_ROUNDS = 150;

/**
 * Time to the first part of a streamed reply from a loopback server (bench/chatServer.ts): streamChatParts, a raw
 * `fetch` that reads until the first SSE event and parses it, and the openai SDK's `chat.completions.create({stream:
 * true})` until its first chunk. Each contender sends the same small request and stops reading at the first text;
 * closing the stream is outside the timing. Interleaved, the order rotated each round.
 */
async function firstPart(): Promise<void> {
  const server = await startModelServer('chatServer.js');
  try {
    const target: ProviderTarget = { provider: 'openai', apiUrl: server.baseUrl, apiKey: KEY, model: 'gpt-4o-mini' };
    const messages: RichChatMessage[] = [{ role: 'user', content: 'Say hello.' }];
    const sdk = new OpenAI({ apiKey: KEY, baseURL: server.baseUrl, maxRetries: 0 });
    type Contender = () => Promise<{ ms: number; text: string; close(): Promise<void> }>;
    const contenders: Record<'streamChatParts' | 'raw' | 'sdk', Contender> = {
      streamChatParts: async () => {
        const t0 = performance.now();
        const iterator = streamChatParts(target, messages)[Symbol.asyncIterator]();
        const first = await iterator.next();
        const ms = performance.now() - t0;
        const text = !first.done && first.value.type === 'text' ? first.value.text : '';
        return { ms, text, close: async () => void (await iterator.return?.()) };
      },
      // The floor: the same request by hand, the body read until the first event, that event parsed.
      raw: async () => {
        const t0 = performance.now();
        const res = await fetch(`${server.baseUrl}/chat/completions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', accept: 'text/event-stream' },
          body: JSON.stringify({ model: 'gpt-4o-mini', messages, stream: true, stream_options: { include_usage: true } }),
        });
        const reader = (res.body as ReadableStream<Uint8Array>).getReader();
        const decoder = new TextDecoder();
        let buffered = '';
        let text = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffered += decoder.decode(value, { stream: true });
          const end = buffered.indexOf('\n\n');
          if (end < 0) continue;
          const event = buffered.slice(0, end);
          const data = event.slice(event.indexOf('data:') + 5).trim();
          text = (JSON.parse(data) as { choices: { delta: { content?: string } }[] }).choices[0]?.delta.content ?? '';
          break;
        }
        const ms = performance.now() - t0;
        return { ms, text, close: () => reader.cancel() };
      },
      sdk: async () => {
        const t0 = performance.now();
        const stream = await sdk.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say hello.' }], stream: true, stream_options: { include_usage: true } });
        const iterator = stream[Symbol.asyncIterator]();
        const first = await iterator.next();
        const ms = performance.now() - t0;
        const text = first.done ? '' : (first.value.choices[0]?.delta.content ?? '');
        return { ms, text, close: async () => void (await iterator.return?.()) };
      },
    };
    const names = Object.keys(contenders) as (keyof typeof contenders)[];
    const once = async (name: keyof typeof contenders): Promise<number> => {
      const r = await contenders[name]();
      await r.close();
      if (r.text !== 'Hello') throw new Error(`${name}: the first part was ${JSON.stringify(r.text)}, expected "Hello"`);
      return r.ms;
    };
    for (let i = 0; i < FIRST_PART_WARMUP; i++) for (const name of names) await once(name);
    const samples: Record<string, number[]> = { streamChatParts: [], raw: [], sdk: [] };
    // Per round, streamChatParts against each of the others: the paired ratios say whether a difference holds round
    // by round or comes from a few noisy samples.
    const pairedSdk: number[] = [];
    const pairedRaw: number[] = [];
    for (let round = 0; round < FIRST_PART_ROUNDS; round++) {
      const taken: Record<string, number> = {};
      for (let k = 0; k < names.length; k++) {
        const name = names[(round + k) % names.length] as keyof typeof contenders;
        taken[name] = await once(name);
        samples[name]?.push(taken[name]);
      }
      pairedSdk.push((taken['streamChatParts'] as number) / (taken['sdk'] as number));
      pairedRaw.push((taken['streamChatParts'] as number) - (taken['raw'] as number));
    }
    const s = { streamChatParts: summarize(samples['streamChatParts'] ?? []), raw: summarize(samples['raw'] ?? []), sdk: summarize(samples['sdk'] ?? []) };
    emit({
      id: 'firstPart',
      node: process.version,
      ...s,
      addedMs: round(s.streamChatParts.median - s.raw.median),
      ratioSdk: round(s.streamChatParts.median / s.sdk.median, 2),
      pairedAddedMs: summarize(pairedRaw),
      pairedRatioSdk: summarize(pairedSdk),
      // Rounds in which streamChatParts was faster than the SDK (of FIRST_PART_ROUNDS).
      fasterThanSdk: pairedSdk.filter((r) => r < 1).length,
    });
  } finally {
    server.stop();
  }
}

const CONVERSION_WARMUP = 20;
const CONVERSION_ROUNDS = 60;

/**
 * One agent-loop request converted to its wire body: the copies streamChatParts takes of the history and tools,
 * then the dialect's request (messages, tools, settings). Each request gets the history and tools as fresh objects,
 * as the extension host does (VS Code's chat sends them over IPC, so nothing is the same object twice); the copy
 * is made outside the timing. The first request is reported apart (`first`); the median is of the later ones.
 * `stringifyMs` is JSON.stringify of that body (the bytes sent), reported beside it.
 */
async function conversion(): Promise<void> {
  const tools = agentTools();
  const history = agentHistory();
  const cases: { id: string; provider: string; model: string }[] = [
    { id: 'openai', provider: 'openai', model: 'gpt-4o' },
    { id: 'anthropic', provider: 'anthropic', model: 'claude-sonnet-4-5' },
    { id: 'gemini', provider: 'google', model: 'gemini-2.5-flash' },
  ];
  for (const c of cases) {
    try {
      const { dialect, call, ctx } = prepareCall({ provider: c.provider, apiUrl: 'http://127.0.0.1:9', apiKey: KEY, model: c.model }, undefined, { idle: true });
      const chatStream = dialect.chatStream;
      if (!chatStream) throw new Error(`${c.provider} has no chat stream`);
      const convert = async (messages: RichChatMessage[], options: ChatToolOptions) => {
        const t0 = performance.now();
        const snapshot = snapshotMessages(messages);
        const copied = snapshotTools(options.tools);
        const spec = await chatStream.call(dialect, call, c.model, snapshot, { ...options, ...(copied ? { tools: copied } : {}) });
        return { ms: performance.now() - t0, body: spec.body };
      };
      const request = () => ({ messages: structuredClone(history), options: { tools: structuredClone(tools), maxTokens: 4096 } satisfies ChatToolOptions });
      const opening = request();
      const first = await convert(opening.messages, opening.options);
      const bodyBytes = JSON.stringify(first.body).length;
      const samples: number[] = [];
      const stringify: number[] = [];
      for (let i = 0; i < CONVERSION_WARMUP + CONVERSION_ROUNDS; i++) {
        const r = request();
        const { ms, body } = await convert(r.messages, r.options);
        const t0 = performance.now();
        JSON.stringify(body);
        const stringifyMs = performance.now() - t0;
        if (i >= CONVERSION_WARMUP) {
          samples.push(ms);
          stringify.push(stringifyMs);
        }
      }
      ctx.dispose();
      const summary: Summary = summarize(samples);
      emit({ id: `conversion.${c.id}`, tools: tools.length, messages: history.length, bodyBytes, first: round(first.ms), ...summary, stringifyMs: summarize(stringify).median });
    } catch (error) {
      emitError(`conversion.${c.id}`, error);
    }
  }
}

interface DialectCase {
  /** The row name (the dialect as the brief names it). */
  name: string;
  server: ServerDialect;
  provider: string;
  key: boolean;
  /** A model the server lists (or, for Azure, a deployment it accepts). */
  model: string;
  /** The fewest requests the provider's test tier can send: [without a model, with a model]. */
  minimum: [number, number];
  tier: string;
}

// Minimums per tier (see the report): list-models = the list alone proves reachability and the key and
// contains the model (1); free-check = the provider's free key/health endpoint plus the list for the model
// check and the count (2); completion (Azure) = the list (key, count) plus a 1-token call on the deployment,
// which is the only proof a deployment exists (1 without a deployment, 2 with one).
const DIALECTS: DialectCase[] = [
  { name: 'openai-compatible', server: 'openai', provider: 'openai', key: true, model: 'gpt-4o-mini', minimum: [1, 1], tier: 'list-models' },
  { name: 'anthropic', server: 'anthropic', provider: 'anthropic', key: true, model: 'claude-sonnet-4-5-20250929', minimum: [1, 1], tier: 'list-models' },
  { name: 'gemini', server: 'gemini', provider: 'google', key: true, model: 'gemini-2.5-flash', minimum: [1, 1], tier: 'list-models' },
  { name: 'ollama', server: 'ollama', provider: 'ollama', key: false, model: 'llama3.1:8b', minimum: [2, 2], tier: 'free-check' },
  { name: 'azure-openai', server: 'azure-openai', provider: 'azure-openai', key: true, model: '', minimum: [1, 2], tier: 'completion' },
  { name: 'cohere', server: 'cohere', provider: 'cohere', key: true, model: 'command-a-03-2025', minimum: [2, 2], tier: 'free-check' },
  { name: 'openrouter', server: 'openrouter', provider: 'openrouter', key: true, model: '', minimum: [2, 2], tier: 'free-check' },
  { name: 'xai', server: 'xai', provider: 'xai', key: true, model: '', minimum: [2, 2], tier: 'free-check' },
  { name: 'llamacpp', server: 'llamacpp', provider: 'llamacpp', key: false, model: '', minimum: [2, 2], tier: 'free-check' },
];

async function requestsPerTest(): Promise<void> {
  for (const d of DIALECTS) {
    const server = await startProviderServer({ dialect: d.server, ...(d.key ? { apiKey: KEY } : {}) });
    try {
      // The first model the server lists, when the case does not name one.
      let model = d.model;
      if (!model) {
        const listed = await listModels({ provider: d.provider, apiUrl: server.baseUrl, ...(d.key ? { apiKey: KEY } : {}) });
        model = listed[0]?.id ?? '';
      }
      const counts: number[] = [];
      const paths: string[][] = [];
      for (const withModel of [false, true]) {
        const before = server.requests.length;
        const target: ProviderTarget = {
          provider: d.provider,
          apiUrl: server.baseUrl,
          ...(d.key ? { apiKey: KEY } : {}),
          ...(withModel ? { model } : {}),
        };
        const result = await testConnection(target);
        if (!result.ok) throw new Error(`${d.name} test ${withModel ? `with model ${model}` : 'without a model'}: ${result.category}: ${result.message}`);
        const seen = server.requests.slice(before);
        counts.push(seen.length);
        paths.push(seen.map((r) => `${r.method} ${r.path}`));
      }
      emit({ id: `requests.${d.name}`, tier: d.tier, model, withoutModel: counts[0], withModel: counts[1], minimum: d.minimum, paths });
    } catch (error) {
      emitError(`requests.${d.name}`, error);
    } finally {
      await server.close();
    }
  }
}

async function main(): Promise<void> {
  try {
    await modelList();
  } catch (error) {
    emitError('modelList', error);
  }
  try {
    await firstPart();
  } catch (error) {
    emitError('firstPart', error);
  }
  await conversion();
  await requestsPerTest();
  try {
    await hostileList();
  } catch (error) {
    emitError('hostileList', error);
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
