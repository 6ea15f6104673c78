// Anthropic: x-api-key + required anthropic-version, models paged with limit/after_id (default page 20).
import type { Reply } from '../types';
import { apiPath, header, indexAfterId, modelExists, numberParam, pageOfModels, parseJson, retryHeaders, sse, type ChatStreamWire, type Wire } from './shared';

function anthropicError(status: number, type: string, message: string, headers?: Record<string, string>): Reply {
  return { status, body: { type: 'error', error: { type, message } }, headers: { 'request-id': 'req_test', ...headers } };
}

/** Messages stream events, each with its `event:` name; `message_stop` ends it, `event: error` fails it. */
function chatStreamWire(model: string): ChatStreamWire {
  const event = (type: string, data: Record<string, unknown>): string => sse({ type, ...data }, type);
  let textIndex = 0;
  return {
    contentType: 'text/event-stream; charset=utf-8',
    open(reasoning) {
      const frames = [
        event('message_start', {
          message: { id: 'msg_test', type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 10, output_tokens: 1 } },
        }),
      ];
      if (reasoning.length > 0) {
        frames.push(event('content_block_start', { index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } }));
        for (const text of reasoning) frames.push(event('content_block_delta', { index: 0, delta: { type: 'thinking_delta', thinking: text } }));
        frames.push(event('content_block_delta', { index: 0, delta: { type: 'signature_delta', signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds' } }));
        frames.push(event('content_block_stop', { index: 0 }));
        textIndex = 1;
      }
      frames.push(event('content_block_start', { index: textIndex, content_block: { type: 'text', text: '' } }));
      frames.push(event('ping', {}));
      return frames;
    },
    delta: (text) => event('content_block_delta', { index: textIndex, delta: { type: 'text_delta', text } }),
    close: () => [
      event('content_block_stop', { index: textIndex }),
      event('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 15 } }),
      event('message_stop', {}),
    ],
    error(kind) {
      const [type, message] =
        kind === 'overloaded' ? ['overloaded_error', 'Overloaded'] : kind === 'rateLimit' ? ['rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit'] : ['api_error', 'Internal server error'];
      return sse({ type: 'error', error: { type, message } }, 'error');
    },
  };
}

export const anthropicWire: Wire = {
  prefix: '',
  handle(request, context) {
    const expected = context.options.apiKey;
    const presented = header(request, 'x-api-key');
    if (expected !== undefined && presented !== expected) {
      return anthropicError(401, 'authentication_error', presented === undefined ? 'x-api-key header is required' : 'invalid x-api-key');
    }
    if (header(request, 'anthropic-version') === undefined) {
      return anthropicError(400, 'invalid_request_error', 'anthropic-version: header is required');
    }
    const path = apiPath(request, '');
    if (request.method === 'GET' && path === '/v1/models') {
      const afterId = request.query.get('after_id');
      const start = afterId === null ? 0 : indexAfterId(context, afterId);
      const page = pageOfModels(context, start, numberParam(request, 'limit', 20), 1000);
      const data = page.models.map((m) => ({
        type: 'model',
        id: m.id,
        display_name: m.label ?? m.id,
        created_at: '2025-02-19T00:00:00Z',
        max_input_tokens: m.contextLength ?? 200000,
        max_tokens: 64000,
      }));
      return {
        status: 200,
        body: { data, has_more: page.nextIndex !== undefined, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null },
      };
    }
    if (request.method === 'GET' && path?.startsWith('/v1/models/')) {
      const id = decodeURIComponent(path.slice('/v1/models/'.length));
      const model = context.models.find((m) => m.id === id);
      if (!model) return anthropicError(404, 'not_found_error', `model: ${id}`);
      return { status: 200, body: { type: 'model', id, display_name: model.label ?? id, created_at: '2025-02-19T00:00:00Z' } };
    }
    if (request.method === 'POST' && path === '/v1/messages') {
      const body = parseJson(request.body);
      if (typeof body?.['max_tokens'] !== 'number') return anthropicError(400, 'invalid_request_error', 'max_tokens: Field required');
      const model = typeof body['model'] === 'string' ? body['model'] : '';
      const messages = Array.isArray(body['messages']) ? (body['messages'] as unknown[]) : [];
      const system = messages.findIndex((m) => parseJson(JSON.stringify(m))?.['role'] === 'system');
      if (system >= 0) {
        return anthropicError(400, 'invalid_request_error', `messages.${system}.role: Input should be 'user' or 'assistant'`);
      }
      if (!modelExists(context, model)) return anthropicError(404, 'not_found_error', `model: ${model}`);
      if (body['stream'] === true) return { stream: chatStreamWire(model) };
      return {
        status: 200,
        body: {
          id: 'msg_test',
          type: 'message',
          role: 'assistant',
          model,
          content: [{ type: 'text', text: 'OK' }],
          stop_reason: 'max_tokens',
          stop_sequence: null,
          usage: { input_tokens: 10, output_tokens: 1 },
        },
      };
    }
    return anthropicError(404, 'not_found_error', 'Not Found');
  },
  faultReply(fault) {
    switch (fault.kind) {
      case 'rateLimit':
        return anthropicError(429, 'rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit (https://docs.claude.com/en/api/rate-limits); see the response headers for current usage.', retryHeaders(fault));
      case 'quota':
        return anthropicError(400, 'invalid_request_error', 'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.');
      case 'overloaded':
        return anthropicError(529, 'overloaded_error', 'Overloaded');
      case 'serverError':
        return anthropicError(500, 'api_error', 'Internal server error');
    }
  },
};
