// Local model servers on this machine (shared facts: import-discovery.md §3). Every probe goes to 127.0.0.1 only,
// follows no redirect, and is bounded by one short deadline; `fetch` comes in as an argument, so the module stays
// plain TypeScript and the unit tier drives it against local HTTP servers.
// Ports collide (8080 llama.cpp/LocalAI, 5000 text-generation-webui/TabbyAPI, 11434 Ollama/KoboldCpp's Ollama
// emulation), so a server is named by what its endpoints answer; the ports only say where to ask.
import type { ImportedConnection } from './types';

export type LocalServerKind = 'ollama' | 'msty' | 'lmstudio' | 'llamacpp' | 'vllm' | 'localai' | 'jan' | 'koboldcpp' | 'textgen-webui' | 'gpt4all';

export interface LocalServerFind {
  kind: LocalServerKind;
  /** The server as users call it; also the offered connection's name. */
  label: string;
  port: number;
  /** Our catalogue id: a dedicated entry where the catalogue has one, `custom` (OpenAI-compatible) otherwise. */
  provider: string;
  apiUrl: string;
  /** The models it serves (loaded ones first, where it says). */
  models: string[];
  /** The server refuses requests without a key (Jan). */
  needsKey: boolean;
}

export type FetchLike = (url: string, init: { signal: AbortSignal; redirect: 'manual'; headers: Record<string, string> }) => Promise<Response>;

export interface LocalDiscoveryOptions {
  fetch: FetchLike;
  /** Where to look (default: each server's default port, see DEFAULT_PORTS). */
  ports?: readonly number[];
  /** Ports where an Ollama-shaped answer is Msty (it runs Ollama inside; default 10000–10002). */
  mstyPorts?: readonly number[];
  /** Bounds the whole discovery (default 1 500 ms: a busy machine answers late, and the user waits at most that). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

const HOST = '127.0.0.1';

/** Ollama, LM Studio, llama.cpp/LocalAI, vLLM, Jan, KoboldCpp, text-generation-webui, GPT4All, Msty. */
export const DEFAULT_PORTS: readonly number[] = [11434, 1234, 8080, 8000, 1337, 5001, 5000, 4891, 10000, 10001, 10002];
const MSTY_PORTS: readonly number[] = [10000, 10001, 10002];

/** What one probed path answered: its status and parsed JSON (undefined when not JSON or unreachable). */
interface Answer {
  status: number;
  json: unknown;
}
type Probe = (path: string, headers?: Record<string, string>) => Promise<Answer | undefined>;

const MAX_BODY = 2 * 1024 * 1024;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (values: unknown[]): string[] => values.filter((v): v is string => typeof v === 'string' && v !== '');

async function readCapped(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY) {
      await reader.cancel();
      throw new Error('body too large');
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder().decode(all);
}

function prober(fetchFn: FetchLike, port: number, signal: AbortSignal): Probe {
  const cache = new Map<string, Promise<Answer | undefined>>();
  return (path, headers = {}) => {
    let answer = cache.get(path);
    if (!answer) {
      answer = (async () => {
        try {
          const response = await fetchFn(`http://${HOST}:${port}${path}`, { signal, redirect: 'manual', headers: { accept: 'application/json', ...headers } });
          const text = await readCapped(response);
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          return { status: response.status, json };
        } catch {
          return undefined;
        }
      })();
      cache.set(path, answer);
    }
    return answer;
  };
}

/** `/v1/models` ids (OpenAI list shape), or undefined when the answer is not one. */
async function openAiModels(probe: Probe): Promise<{ ids: string[]; owners: string[] } | undefined> {
  const a = await probe('/v1/models');
  if (a?.status !== 200 || !isRecord(a.json) || !Array.isArray(a.json.data)) return undefined;
  const cards = a.json.data.filter(isRecord);
  return { ids: strings(cards.map((m) => m.id)), owners: strings(cards.map((m) => m.owned_by)) };
}

type Identified = Omit<LocalServerFind, 'port' | 'apiUrl'> & { path: string };

const find = (kind: LocalServerKind, label: string, provider: string, models: string[], path = '/v1', needsKey = false): Identified => ({
  kind,
  label,
  provider,
  models,
  path,
  needsKey,
});

/** Each server's identifying answer, in the order they are tried on one port (the most specific first). */
const identifiers: ((probe: Probe, port: number, msty: boolean) => Promise<Identified | undefined>)[] = [
  // KoboldCpp first: it can also emulate Ollama on 11434.
  async (probe) => {
    const a = await probe('/api/extra/version');
    if (!isRecord(a?.json) || a.json.result !== 'KoboldCpp') return undefined;
    const model = await probe('/api/v1/model');
    const name = isRecord(model?.json) && typeof model.json.result === 'string' ? model.json.result.replace(/^koboldcpp\//, '') : undefined;
    return find('koboldcpp', 'KoboldCpp', 'custom', name ? [name] : []);
  },
  async (probe, _port, msty) => {
    const a = await probe('/api/version');
    if (a?.status !== 200 || !isRecord(a.json) || typeof a.json.version !== 'string') return undefined;
    const tags = await probe('/api/tags');
    const models = isRecord(tags?.json) && Array.isArray(tags.json.models) ? strings(tags.json.models.filter(isRecord).map((m) => m.name ?? m.model)) : [];
    return msty ? find('msty', 'Msty', 'ollama', models, '') : find('ollama', 'Ollama', 'ollama', models, '');
  },
  async (probe) => {
    const a = await probe('/api/v0/models');
    if (a?.status !== 200 || !isRecord(a.json) || a.json.object !== 'list' || !Array.isArray(a.json.data)) return undefined;
    const cards = a.json.data.filter(isRecord).filter((m) => m.type !== 'embeddings');
    const loaded = cards.filter((m) => m.state === 'loaded');
    return find('lmstudio', 'LM Studio', 'lmstudio', strings([...loaded, ...cards.filter((m) => !loaded.includes(m))].map((m) => m.id)));
  },
  async (probe) => {
    // TabbyAPI answers the same path with a model card ({ id, … }): only text-generation-webui has these fields.
    const a = await probe('/v1/internal/model/info');
    if (a?.status !== 200 || !isRecord(a.json) || typeof a.json.model_name !== 'string' || !Array.isArray(a.json.lora_names)) return undefined;
    const name = a.json.model_name;
    return find('textgen-webui', 'text-generation-webui', 'custom', name && name !== 'None' ? [name] : []);
  },
  async (probe) => {
    const a = await probe('/props');
    if (a?.status !== 200 || !isRecord(a.json) || !isRecord(a.json.default_generation_settings)) return undefined;
    const listed = await openAiModels(probe);
    const alias = typeof a.json.model_alias === 'string' ? [a.json.model_alias] : [];
    return find('llamacpp', 'llama.cpp server', 'llamacpp', listed?.ids.length ? listed.ids : alias);
  },
  async (probe) => {
    const listed = await openAiModels(probe);
    if (listed?.owners.includes('vllm')) return find('vllm', 'vLLM', 'vllm', listed.ids);
    if (listed?.owners.includes('humanity')) return find('gpt4all', 'GPT4All', 'custom', listed.ids);
    return undefined;
  },
  async (probe) => {
    const ready = await probe('/readyz');
    const healthy = await probe('/healthz');
    if (ready?.status !== 200 || healthy?.status !== 200) return undefined;
    const listed = await openAiModels(probe);
    return listed ? find('localai', 'LocalAI', 'custom', listed.ids) : undefined;
  },
  async (probe) => {
    // Jan refuses /v1/models without its key; its OpenAPI document names it.
    const a = await probe('/openapi.json');
    const title = isRecord(a?.json) && isRecord(a.json.info) ? a.json.info.title : undefined;
    if (typeof title !== 'string' || !/\b(jan|cortex)\b/i.test(title)) return undefined;
    return find('jan', 'Jan', 'custom', [], '/v1', true);
  },
];

/** Every probe a port gets, sent at once: the identifiers then read their answers from the cache. */
const FIRST_WAVE = ['/api/extra/version', '/api/version', '/api/v0/models', '/v1/internal/model/info', '/props', '/v1/models', '/readyz', '/healthz', '/openapi.json'];

async function identifyPort(fetchFn: FetchLike, port: number, msty: boolean, signal: AbortSignal): Promise<LocalServerFind | undefined> {
  const probe = prober(fetchFn, port, signal);
  const first = await Promise.all(FIRST_WAVE.map((p) => probe(p)));
  if (first.every((a) => a === undefined)) return undefined;
  for (const identify of identifiers) {
    const found = await identify(probe, port, msty);
    if (found) {
      const { path, ...rest } = found;
      return { ...rest, port, apiUrl: `http://${HOST}:${port}${path}` };
    }
  }
  return undefined;
}

/** The local servers that answer, each with its models; never rejects (a probe that fails finds nothing). */
export async function discoverLocalServers(o: LocalDiscoveryOptions): Promise<LocalServerFind[]> {
  const ports = [...new Set(o.ports ?? DEFAULT_PORTS)];
  const mstyPorts = new Set(o.mstyPorts ?? MSTY_PORTS);
  const deadline = AbortSignal.timeout(o.timeoutMs ?? 1500);
  const signal = o.signal ? AbortSignal.any([o.signal, deadline]) : deadline;
  const finds = await Promise.all(ports.map((port) => identifyPort(o.fetch, port, mstyPorts.has(port), signal).catch(() => undefined)));
  return finds.filter((f): f is LocalServerFind => f !== undefined);
}

/** The port `OLLAMA_HOST` names when it is this machine (`0.0.0.0:11500`, `http://127.0.0.1:11500`, `:11500`). */
export function ollamaHostPort(value: string | undefined): number | undefined {
  const m = value?.trim().match(/^(?:https?:\/\/)?(?:127\.0\.0\.1|localhost|0\.0\.0\.0)?:(\d{2,5})\/?$/);
  const port = m ? Number(m[1]) : NaN;
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined;
}

/** The connection a find offers: named after the server, its first model chosen, the URL where it answered. */
export function localServerConnection(f: LocalServerFind): ImportedConnection {
  return {
    name: f.label,
    provider: f.provider,
    apiUrl: f.apiUrl,
    ...(f.models[0] ? { model: f.models[0] } : {}),
    source: `${HOST}:${f.port}`,
  };
}
