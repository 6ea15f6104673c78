// Cohere: Bearer, POST /v1/check-api-key, GET /v1/models paged with page_size/page_token, POST /v2/chat.
import type { ChatScript, Reply } from '../types';
import { apiPath, argumentFragments, bearerToken, modelExists, numberParam, pageOfModels, parseJson, retryHeaders, sse, type ChatStreamWire, type Wire } from './shared';

/**
 * v2 chat stream: named SSE events `message-start` … `content-delta` … `message-end`; errors in `message-end`.
 * Tool calls come as Cohere sends them: the plan (`tool-plan-delta`), then per call `tool-call-start` (id, name,
 * empty arguments), `tool-call-delta` (argument fragments) and `tool-call-end`, keyed by `index`; `message-end`
 * then has finish reason `TOOL_CALL`.
 */
function chatStreamWire(): ChatStreamWire {
  const event = (type: string, data: Record<string, unknown>): string => sse({ type, ...data }, type);
  let textIndex = 0;
  let textOpen = false;
  let usedTools = false;
  const endText = (): string[] => {
    if (!textOpen) return [];
    textOpen = false;
    return [event('content-end', { index: textIndex })];
  };
  const end = (delta: Record<string, unknown>, usage?: ChatScript['usage']): string =>
    event('message-end', {
      delta: {
        ...delta,
        usage:
          usage === undefined
            ? { billed_units: { input_tokens: 5, output_tokens: 3 }, tokens: { input_tokens: 71, output_tokens: 3 } }
            : {
                billed_units: { input_tokens: usage.inputTokens, output_tokens: usage.outputTokens },
                tokens: { input_tokens: usage.inputTokens, output_tokens: usage.outputTokens },
                ...(usage.cachedInputTokens === undefined ? {} : { cached_tokens: usage.cachedInputTokens }),
              },
      },
    });
  return {
    contentType: 'text/event-stream',
    open(reasoning) {
      const frames = [event('message-start', { id: 'chat-test', delta: { message: { role: 'assistant', content: [], tool_plan: '', tool_calls: [], citations: [] } } })];
      if (reasoning.length > 0) {
        frames.push(event('content-start', { index: 0, delta: { message: { content: { type: 'thinking', thinking: '' } } } }));
        for (const thinking of reasoning) frames.push(event('content-delta', { index: 0, delta: { message: { content: { thinking } } } }));
        frames.push(event('content-end', { index: 0 }));
        textIndex = 1;
      }
      return frames;
    },
    delta(text) {
      const frames: string[] = [];
      if (!textOpen) {
        textOpen = true;
        frames.push(event('content-start', { index: textIndex, delta: { message: { content: { type: 'text', text: '' } } } }));
      }
      frames.push(event('content-delta', { index: textIndex, delta: { message: { content: { text } } } }));
      return frames.join('');
    },
    toolCalls(calls) {
      usedTools = true;
      const frames = endText();
      const plan = `I will use ${calls.map((c) => c.name).join(' and ')}.`;
      const cut = Math.ceil(plan.length / 2);
      for (const piece of [plan.slice(0, cut), plan.slice(cut)]) frames.push(event('tool-plan-delta', { delta: { message: { tool_plan: piece } } }));
      calls.forEach((call, index) => {
        const id = call.id ?? `${call.name}_${index}q5m8mehyhvpf`;
        frames.push(event('tool-call-start', { index, delta: { message: { tool_calls: { id, type: 'function', function: { name: call.name, arguments: '' } } } } }));
        for (const piece of argumentFragments(call)) frames.push(event('tool-call-delta', { index, delta: { message: { tool_calls: { function: { arguments: piece } } } } }));
        frames.push(event('tool-call-end', { index }));
      });
      return frames;
    },
    close: (usage) => [...endText(), end({ finish_reason: usedTools ? 'TOOL_CALL' : 'COMPLETE' }, usage)],
    error: (kind) =>
      end({
        finish_reason: 'ERROR',
        error: kind === 'rateLimit' ? 'too many tokens: rate limit exceeded' : kind === 'overloaded' ? 'service unavailable: the model is overloaded' : 'internal server error, this has been reported to our developers',
      }),
  };
}

/**
 * The tool rules of v2 chat: a `tool` message answers (`tool_call_id`) a call of an assistant message before it;
 * a call's arguments are a JSON string.
 */
function toolRuleBroken(body: Record<string, unknown>): string | undefined {
  const messages = Array.isArray(body['messages']) ? (body['messages'] as unknown[]) : [];
  const called = new Set<string>();
  for (let i = 0; i < messages.length; i++) {
    const m = parseJson(JSON.stringify(messages[i])) ?? {};
    if (m['role'] === 'assistant' && Array.isArray(m['tool_calls'])) {
      for (const raw of m['tool_calls'] as unknown[]) {
        const call = parseJson(JSON.stringify(raw)) ?? {};
        const fn = parseJson(JSON.stringify(call['function'] ?? null)) ?? {};
        if (typeof fn['arguments'] !== 'string') return `invalid request: messages[${i}].tool_calls: function arguments must be a JSON string.`;
        called.add(String(call['id'] ?? ''));
      }
    }
    if (m['role'] === 'tool') {
      const id = String(m['tool_call_id'] ?? '');
      if (!called.has(id)) return `invalid request: messages[${i}]: tool_call_id '${id}' does not match any tool call of a previous assistant message.`;
    }
  }
  return undefined;
}

function cohereError(status: number, message: string, headers?: Record<string, string>): Reply {
  return { status, body: { id: 'test-error-id', message }, ...(headers ? { headers } : {}) };
}

export const cohereWire: Wire = {
  prefix: '',
  handle(request, context) {
    const expected = context.options.apiKey;
    if (expected !== undefined && bearerToken(request) !== expected) return cohereError(401, 'invalid api token');
    const path = apiPath(request, '');
    if (request.method === 'POST' && path === '/v1/check-api-key') {
      return { status: 200, body: { valid: true, organization_id: 'org-test', owner_id: 'owner-test' } };
    }
    if (request.method === 'GET' && path === '/v1/models') {
      const token = request.query.get('page_token');
      const start = token === null || token === '' ? 0 : Number(token);
      const page = pageOfModels(context, Number.isFinite(start) ? start : 0, numberParam(request, 'page_size', 20), 1000);
      return {
        status: 200,
        body: {
          models: page.models.map((m) => ({
            name: m.id,
            endpoints: ['chat', 'generate'],
            finetuned: false,
            context_length: m.contextLength ?? 128000,
            features: ['tools'],
            default_endpoints: [],
          })),
          ...(page.nextIndex === undefined ? {} : { next_page_token: String(page.nextIndex) }),
        },
      };
    }
    if (request.method === 'POST' && path === '/v2/chat') {
      const body = parseJson(request.body);
      const model = body?.['model'];
      if (typeof model !== 'string' || !modelExists(context, model)) {
        return cohereError(404, `model '${String(model)}' not found, make sure the correct model ID was used and that you have access to the model.`);
      }
      const broken = toolRuleBroken(body ?? {});
      if (broken !== undefined) return cohereError(400, broken);
      if (body?.['stream'] === true) return { stream: chatStreamWire() };
      return {
        status: 200,
        body: { id: 'chat-test', message: { role: 'assistant', content: [{ type: 'text', text: 'OK' }] }, finish_reason: 'MAX_TOKENS', usage: {} },
      };
    }
    return cohereError(404, `route not found: ${request.method} ${request.path}`);
  },
  faultReply(fault) {
    switch (fault.kind) {
      case 'rateLimit':
        return cohereError(429, "You are using a Trial key, which is limited to 10 API calls / minute. You can continue to use the Trial key for free or upgrade to a Production key with higher rate limits at 'https://dashboard.cohere.com/api-keys'. Contact us on 'https://discord.gg/XW44jPfYJu' or email us at support@cohere.com with any questions", retryHeaders(fault));
      case 'quota':
        return cohereError(402, 'Please add a payment method or upgrade your plan: your trial key has used up its monthly credits.');
      case 'overloaded':
        return cohereError(503, 'service unavailable');
      case 'serverError':
        return cohereError(500, 'internal server error, this has been reported to our developers');
    }
  },
};
