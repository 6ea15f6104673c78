// Ollama native API: /api/version, /api/tags, /api/chat; no auth unless a key is configured (a proxy in front).
import { apiPath, bearerToken, modelExists, ndjson, parseJson, type ChatStreamWire, type Wire } from './shared';

/** `/api/chat` streams NDJSON: one `{message, done:false}` per delta, `done: true` last, `{error}` on failure. */
function chatStreamWire(model: string): ChatStreamWire {
  const line = (message: Record<string, unknown>): string =>
    ndjson({ model, created_at: '2025-10-03T23:34:03.409490317Z', message: { role: 'assistant', content: '', ...message }, done: false });
  return {
    contentType: 'application/x-ndjson',
    open: (reasoning) => reasoning.map((thinking) => line({ thinking })),
    delta: (content) => line({ content }),
    close: () => [
      ndjson({
        model,
        created_at: '2025-10-03T23:34:04.409490317Z',
        message: { role: 'assistant', content: '' },
        done: true,
        done_reason: 'stop',
        total_duration: 4_883_583_458,
        load_duration: 1_334_875,
        prompt_eval_count: 26,
        prompt_eval_duration: 342_546_000,
        eval_count: 282,
        eval_duration: 4_535_599_000,
      }),
    ],
    error: (kind) =>
      ndjson({
        error:
          kind === 'overloaded'
            ? 'server busy, please try again. maximum pending requests exceeded'
            : kind === 'rateLimit'
              ? 'too many requests'
              : 'an error was encountered while running the model: unexpected EOF',
      }),
  };
}

export const ollamaWire: Wire = {
  prefix: '',
  handle(request, context) {
    const expected = context.options.apiKey;
    if (expected !== undefined && bearerToken(request) !== expected) return { status: 401, body: { error: 'unauthorized' } };
    const path = apiPath(request, '');
    if (request.method === 'GET' && path === '/api/version') return { status: 200, body: { version: '0.12.3' } };
    if (request.method === 'GET' && path === '/api/tags') {
      return {
        status: 200,
        body: {
          models: context.models.map((m) => ({
            name: m.id,
            model: m.id,
            modified_at: '2025-10-03T23:34:03.409490317-07:00',
            size: 4_661_224_676,
            digest: 'c6eb396dbd5992bbe3f5cdb947e8bbc0ee413d7c17e2beaae69f5d569cf982eb',
            details: { format: 'gguf', family: 'llama', families: ['llama'], parameter_size: '8.0B', quantization_level: 'Q4_K_M' },
          })),
        },
      };
    }
    if (request.method === 'POST' && path === '/api/chat') {
      const body = parseJson(request.body);
      const model = body?.['model'];
      if (typeof model !== 'string' || !modelExists(context, model)) return { status: 404, body: { error: `model '${String(model)}' not found` } };
      // Ollama streams unless told not to.
      if (body?.['stream'] !== false) return { stream: chatStreamWire(model) };
      return {
        status: 200,
        body: { model, created_at: '2025-10-03T23:34:03Z', message: { role: 'assistant', content: 'OK' }, done: true, done_reason: 'length' },
      };
    }
    // Ollama's router answers unknown paths with a plain-text 404.
    return { status: 404, body: '404 page not found', headers: { 'content-type': 'text/plain' } };
  },
  faultReply(fault) {
    switch (fault.kind) {
      case 'rateLimit':
        return { status: 429, body: { error: 'too many requests' } };
      case 'quota':
        return { status: 402, body: { error: 'payment required' } };
      case 'overloaded':
        return { status: 503, body: { error: 'server busy, please try again. maximum pending requests exceeded' } };
      case 'serverError':
        return { status: 500, body: { error: 'llama runner process has terminated: exit status 2' } };
    }
  },
};
