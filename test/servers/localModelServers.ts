// Local model servers as discovery sees them: each answers its identifying endpoints the way the real one does
// (import-discovery.md §3) and 404s everything else. Used by the unit, integration and UI tiers.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type LocalServerFlavour =
  | 'ollama'
  | 'lmstudio'
  | 'llamacpp'
  | 'vllm'
  | 'localai'
  | 'jan'
  | 'koboldcpp'
  | 'textgen-webui'
  | 'tabbyapi'
  | 'gpt4all'
  /** A web server that is no model server (HTML everywhere). */
  | 'website';

export interface StartedLocalServer {
  flavour: LocalServerFlavour;
  port: number;
  url: string;
  /** Paths requested, in order. */
  paths: string[];
  close(): Promise<void>;
}

type Route = (path: string, auth: string | undefined) => { status: number; body?: unknown; type?: string } | undefined;

const openAiList = (ids: string[], owner: string) => ({ object: 'list', data: ids.map((id) => ({ id, object: 'model', created: 0, owned_by: owner })) });

function routesFor(flavour: LocalServerFlavour, models: string[]): Route {
  return (path, auth) => {
    switch (flavour) {
      case 'ollama':
        if (path === '/api/version') return { status: 200, body: { version: '0.12.6' } };
        if (path === '/api/tags') return { status: 200, body: { models: models.map((name) => ({ name, model: name, size: 1, details: { family: 'llama' } })) } };
        if (path === '/') return { status: 200, body: 'Ollama is running', type: 'text/plain' };
        return undefined;
      case 'lmstudio':
        if (path === '/api/v0/models') {
          return {
            status: 200,
            body: {
              object: 'list',
              data: [
                { id: 'text-embedding-nomic', object: 'model', type: 'embeddings', state: 'not-loaded' },
                ...models.map((id, i) => ({ id, object: 'model', type: 'llm', publisher: 'lmstudio-community', state: i === models.length - 1 ? 'loaded' : 'not-loaded', max_context_length: 32768 })),
              ],
            },
          };
        }
        if (path === '/v1/models') return { status: 200, body: openAiList(models, 'organization_owner') };
        return undefined;
      case 'llamacpp':
        if (path === '/health') return { status: 200, body: { status: 'ok' } };
        if (path === '/props') return { status: 200, body: { default_generation_settings: { n_ctx: 4096 }, total_slots: 1, model_alias: models[0], build_info: 'b6000' } };
        if (path === '/v1/models') return { status: 200, body: openAiList(models, 'llamacpp') };
        return undefined;
      case 'vllm':
        if (path === '/version') return { status: 200, body: { version: '0.10.1' } };
        if (path === '/health') return { status: 200, body: '', type: 'text/plain' };
        if (path === '/v1/models') return { status: 200, body: openAiList(models, 'vllm') };
        return undefined;
      case 'localai':
        if (path === '/readyz' || path === '/healthz') return { status: 200, body: '', type: 'text/plain' };
        if (path === '/v1/models') return { status: 200, body: { object: 'list', data: models.map((id) => ({ id, object: 'model' })) } };
        return undefined;
      case 'jan':
        if (path === '/openapi.json') return { status: 200, body: { openapi: '3.0.0', info: { title: 'Jan API', version: '0.6.0' }, paths: {} } };
        if (path === '/v1/models') return auth ? { status: 200, body: openAiList(models, 'jan') } : { status: 401, body: { error: 'Unauthorized' } };
        return undefined;
      case 'koboldcpp':
        if (path === '/api/extra/version') return { status: 200, body: { result: 'KoboldCpp', version: '1.98' } };
        if (path === '/api/v1/model') return { status: 200, body: { result: `koboldcpp/${models[0] ?? 'unknown'}` } };
        // KoboldCpp also emulates Ollama: discovery must still call it KoboldCpp.
        if (path === '/api/version') return { status: 200, body: { version: '0.0.0' } };
        if (path === '/v1/models') return { status: 200, body: openAiList(models.map((m) => `koboldcpp/${m}`), 'koboldcpp') };
        return undefined;
      case 'textgen-webui':
        if (path === '/v1/internal/model/info') return { status: 200, body: { model_name: models[0] ?? 'None', lora_names: [] } };
        if (path === '/v1/models') return { status: 200, body: openAiList(models, 'user') };
        return undefined;
      case 'tabbyapi':
        if (path === '/v1/internal/model/info') return { status: 200, body: { id: models[0], object: 'model', owned_by: 'tabbyAPI' } };
        return undefined;
      case 'gpt4all':
        if (path === '/v1/models') return { status: 200, body: openAiList(models, 'humanity') };
        return undefined;
      case 'website':
        return { status: 200, body: '<!doctype html><title>Home</title>', type: 'text/html' };
    }
  };
}

/** Starts one on 127.0.0.1: `port` 0 (the default) picks a free one. */
export async function startLocalServer(flavour: LocalServerFlavour, options: { port?: number; models?: string[] } = {}): Promise<StartedLocalServer> {
  const models = options.models ?? [`${flavour}-model-a`, `${flavour}-model-b`];
  const route = routesFor(flavour, models);
  const paths: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    paths.push(path);
    const answer = req.method === 'GET' ? route(path, req.headers.authorization) : undefined;
    const reply = answer ?? { status: 404, body: { error: 'not found' } };
    const isText = typeof reply.body === 'string';
    const payload = isText ? (reply.body as string) : JSON.stringify(reply.body ?? {});
    res.writeHead(reply.status, { 'content-type': reply.type ?? (isText ? 'text/plain' : 'application/json'), 'content-length': Buffer.byteLength(payload) });
    res.end(payload);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    flavour,
    port,
    url: `http://127.0.0.1:${port}`,
    paths,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A free port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
