// Bench figures measured on plain Node (no VS Code): the model list against raw fetch and the official
// SDK, and how many requests each dialect's connection test sends, counted at the local test servers.
//   node out/bench/node.js     (built by `node esbuild.mjs --bench`)
import { fork } from 'node:child_process';
import { join } from 'node:path';
import OpenAI from 'openai';
import { listModels, testConnection, type ProviderTarget } from '../src/providers';
import { startProviderServer, type ServerDialect } from '../test/servers';
import { emit, emitError, round, summarize, timeAsync } from './stats';

const KEY = 'bench-key-not-real-5f1c';
const MODEL_COUNT = 5000;
const WARMUP = 10;
const ROUNDS = 60;

async function startModelServer(): Promise<{ baseUrl: string; stop(): void }> {
  const child = fork(join(__dirname, 'modelServer.js'), [], {
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
  await requestsPerTest();
}

void main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
