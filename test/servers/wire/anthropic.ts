// Anthropic: x-api-key + required anthropic-version, models paged with limit/after_id (default page 20).
import type { Reply } from '../types';
import { apiPath, argumentFragments, header, indexAfterId, modelExists, numberParam, pageOfModels, parseJson, retryHeaders, sse, type ChatStreamWire, type Wire } from './shared';

function anthropicError(status: number, type: string, message: string, headers?: Record<string, string>): Reply {
  return { status, body: { type: 'error', error: { type, message } }, headers: { 'request-id': 'req_test', ...headers } };
}

/**
 * Messages stream events, each with its `event:` name; `message_stop` ends it, `event: error` fails it. Blocks are
 * numbered in order (thinking, text, tool_use); input tokens are reported in `message_start` (cache reads apart),
 * output tokens in `message_delta`, as the real API does.
 */
function chatStreamWire(model: string): ChatStreamWire {
  const event = (type: string, data: Record<string, unknown>): string => sse({ type, ...data }, type);
  let next = 0;
  /** The open text block, once the first delta started it. */
  let textIndex: number | undefined;
  let usedTools = false;
  const stopText = (): string[] => {
    if (textIndex === undefined) return [];
    const index = textIndex;
    textIndex = undefined;
    return [event('content_block_stop', { index })];
  };
  let outputTokens = 15;
  return {
    contentType: 'text/event-stream; charset=utf-8',
    open(reasoning, usage) {
      const cached = usage?.cachedInputTokens ?? 0;
      if (usage !== undefined) outputTokens = usage.outputTokens;
      const frames = [
        event('message_start', {
          message: {
            id: 'msg_test',
            type: 'message',
            role: 'assistant',
            model,
            content: [],
            stop_reason: null,
            stop_sequence: null,
            usage: { input_tokens: usage === undefined ? 10 : usage.inputTokens - cached, cache_creation_input_tokens: 0, cache_read_input_tokens: cached, output_tokens: 1 },
          },
        }),
      ];
      if (reasoning.length > 0) {
        const index = next++;
        frames.push(event('content_block_start', { index, content_block: { type: 'thinking', thinking: '', signature: '' } }));
        for (const text of reasoning) frames.push(event('content_block_delta', { index, delta: { type: 'thinking_delta', thinking: text } }));
        frames.push(event('content_block_delta', { index, delta: { type: 'signature_delta', signature: THINKING_SIGNATURE } }));
        frames.push(event('content_block_stop', { index }));
      }
      frames.push(event('ping', {}));
      return frames;
    },
    delta(text) {
      let start = '';
      if (textIndex === undefined) {
        textIndex = next++;
        start = event('content_block_start', { index: textIndex, content_block: { type: 'text', text: '' } });
      }
      return start + event('content_block_delta', { index: textIndex, delta: { type: 'text_delta', text } });
    },
    toolCalls(calls) {
      usedTools = true;
      const frames = stopText();
      for (const [n, call] of calls.entries()) {
        const index = next++;
        const id = call.id ?? `toolu_01${String(n).padStart(2, '0')}AbCdEfGhIjKlMnOpQrSt`;
        frames.push(event('content_block_start', { index, content_block: { type: 'tool_use', id, name: call.name, input: {} } }));
        for (const piece of argumentFragments(call)) frames.push(event('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: piece } }));
        frames.push(event('content_block_stop', { index }));
      }
      return frames;
    },
    close: () => [
      ...stopText(),
      event('message_delta', { delta: { stop_reason: usedTools ? 'tool_use' : 'end_turn', stop_sequence: null }, usage: { output_tokens: outputTokens } }),
      event('message_stop', {}),
    ],
    error(kind) {
      const [type, message] =
        kind === 'overloaded' ? ['overloaded_error', 'Overloaded'] : kind === 'rateLimit' ? ['rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit'] : ['api_error', 'Internal server error'];
      return sse({ type: 'error', error: { type, message } }, 'error');
    },
  };
}

/** The signature the server puts on its thinking blocks. */
export const THINKING_SIGNATURE = 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds';

const BLOCK_TYPES: ReadonlySet<string> = new Set(['text', 'image', 'tool_use', 'tool_result', 'thinking', 'redacted_thinking', 'document']);
const MEDIA_TYPES: ReadonlySet<string> = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

const asObject = (value: unknown): Record<string, unknown> => parseJson(JSON.stringify(value ?? null)) ?? {};

/**
 * The rules the Messages API enforces on a conversation, with its own messages: turns alternate user/assistant
 * from a user turn; no empty text; `tool_use` ids match `^[a-zA-Z0-9_-]+$`; every `tool_use` is answered by a
 * `tool_result` (first) in the next user turn, and every `tool_result` answers one of the turn before; a
 * `thinking` block carries its signature; tools have an object `input_schema`.
 */
function messagesRuleBroken(body: Record<string, unknown>): string | undefined {
  const messages = body['messages'] as unknown[];
  if (messages.length === 0) return 'messages: at least one message is required';
  let open = new Set<string>();
  for (let i = 0; i < messages.length; i++) {
    const m = asObject(messages[i]);
    const role = m['role'];
    if (role !== 'user' && role !== 'assistant') return `messages.${i}.role: Input should be 'user' or 'assistant'`;
    if (i === 0 && role !== 'user') return 'messages: first message must use the "user" role';
    const previous = i === 0 ? undefined : asObject(messages[i - 1])['role'];
    if (previous === role) return `messages: roles must alternate between "user" and "assistant", but found multiple "${role}" roles in a row`;
    const raw = m['content'];
    const blocks = typeof raw === 'string' ? [{ type: 'text', text: raw }] : Array.isArray(raw) ? raw.map(asObject) : undefined;
    if (blocks === undefined) return `messages.${i}.content: Input should be a valid list`;
    const last = i === messages.length - 1 && role === 'assistant';
    if (blocks.length === 0 && !last) return `messages.${i}: all messages must have non-empty content except for the optional final assistant message`;
    const answered = new Set<string>();
    const calls = new Set<string>();
    let seenOther = false;
    for (const [j, block] of blocks.entries()) {
      const where = `messages.${i}.content.${j}`;
      const type = String(block['type']);
      if (!BLOCK_TYPES.has(type)) return `${where}: Input tag '${type}' found using 'type' does not match any of the expected tags`;
      if (type === 'text') {
        if (typeof block['text'] !== 'string' || block['text'] === '') return 'messages: text content blocks must be non-empty';
        if (block['text'].trim() === '') return 'messages: text content blocks must contain non-whitespace text';
      }
      if (type === 'image') {
        const source = asObject(block['source']);
        if (source['type'] !== 'base64' || !MEDIA_TYPES.has(String(source['media_type'])) || typeof source['data'] !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(source['data'])) {
          return `${where}.image.source: Input should be a valid base64 image source`;
        }
      }
      if ((type === 'tool_use' || type === 'thinking' || type === 'redacted_thinking') && role !== 'assistant') return `${where}: '${type}' blocks can only be in assistant messages`;
      if (type === 'tool_result' && role !== 'user') return `${where}: 'tool_result' blocks can only be in user messages`;
      if (type === 'thinking' && (typeof block['signature'] !== 'string' || block['signature'] === '')) return `${where}.thinking.signature: Field required`;
      if (type === 'redacted_thinking' && typeof block['data'] !== 'string') return `${where}.redacted_thinking.data: Field required`;
      if (type === 'tool_use') {
        const id = String(block['id'] ?? '');
        if (!/^[a-zA-Z0-9_-]+$/.test(id)) return `${where}.tool_use.id: String should match pattern '^[a-zA-Z0-9_-]+$'`;
        if (typeof block['name'] !== 'string' || typeof block['input'] !== 'object' || block['input'] === null || Array.isArray(block['input'])) {
          return `${where}.tool_use: name and an object input are required`;
        }
        calls.add(id);
      }
      if (type === 'tool_result') {
        const id = String(block['tool_use_id'] ?? '');
        if (!open.has(id)) {
          return `${where}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${id}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`;
        }
        if (seenOther) return `${where}: \`tool_result\` blocks must come before any other content in a user message.`;
        answered.add(id);
      } else seenOther = true;
    }
    const unanswered = [...open].filter((id) => !answered.has(id));
    if (unanswered.length > 0) {
      return `messages.${i - 1}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${unanswered.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`;
    }
    open = calls;
  }
  // A trailing assistant turn's calls are the model's to make: only a reply in the next user turn answers them.
  const tools = body['tools'];
  if (tools !== undefined) {
    if (!Array.isArray(tools)) return 'tools: Input should be a valid list';
    for (const [k, raw] of tools.entries()) {
      const tool = asObject(raw);
      if (typeof tool['name'] !== 'string' || !/^[a-zA-Z0-9_-]{1,128}$/.test(tool['name'])) return `tools.${k}.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'`;
      if (tool['input_schema'] === undefined) return `tools.${k}.custom.input_schema: Field required`;
      if (asObject(tool['input_schema'])['type'] !== 'object') return `tools.${k}.custom.input_schema.type: Input should be 'object'`;
    }
  }
  if (body['tool_choice'] !== undefined && (!Array.isArray(tools) || tools.length === 0)) return 'tool_choice may only be specified while providing tools';
  return undefined;
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
      const broken = messagesRuleBroken(body);
      if (broken !== undefined) return anthropicError(400, 'invalid_request_error', broken);
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
