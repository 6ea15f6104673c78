// Anthropic Messages API: `x-api-key`, a required `anthropic-version`, models paged with `after_id`/`has_more`.
import type { CallContext } from '../callContext';
import { classifyStreamError } from '../classify';
import { ProviderError } from '../providerError';
import { asRecord, collectPages, nonEmptyString, positiveInt } from '../modelList';
import type { ChatToolOptions, ModelInfo, RichChatMessage } from '../types';
import { textOf } from '../chat/messages';
import { PROBE_PROMPT, eventJson, presetFields, requestJson, keyHeader, type ChatStreamSpec, type Dialect, type DialectCall, type StreamEvent, type StreamStep } from './dialect';

export const ANTHROPIC_VERSION = '2023-06-01';
/** `max_tokens` is required by the Messages API; used when the preset sets none. */
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 1024;
/** The API's maximum page; its default is only 20. */
const PAGE_LIMIT = 1000;

export const anthropic: Dialect = {
  credentials: keyHeader('x-api-key'),
  protocolHeaders: { 'anthropic-version': ANTHROPIC_VERSION },

  listModels(call: DialectCall): Promise<ModelInfo[]> {
    return collectPages(call.ctx, async (afterId) => {
      const body = asRecord(
        await requestJson(call, anthropic, { purpose: 'list', method: 'GET', path: 'v1/models', query: { limit: PAGE_LIMIT, after_id: afterId } }),
      );
      const data = body?.['data'];
      if (!Array.isArray(data)) throw new ProviderError('bad_response', `${call.baseUrl}/v1/models did not return a model list.`);
      const models: ModelInfo[] = [];
      for (const raw of data) {
        const entry = asRecord(raw);
        const id = nonEmptyString(entry?.['id']);
        if (!entry || id === undefined) continue;
        const model: ModelInfo = { id };
        const label = nonEmptyString(entry['display_name']);
        if (label !== undefined) model.label = label;
        const context = positiveInt(entry['max_input_tokens']);
        if (context !== undefined) model.contextLength = context;
        models.push(model);
      }
      const lastId = nonEmptyString(body?.['last_id']) ?? models.at(-1)?.id;
      return body?.['has_more'] === true && lastId !== undefined ? { models, next: lastId } : { models };
    });
  },

  async probeCompletion(call: DialectCall, model: string): Promise<void> {
    await requestJson(call, anthropic, {
      purpose: 'completion',
      method: 'POST',
      path: 'v1/messages',
      model,
      body: { model, max_tokens: 1, messages: [{ role: 'user', content: PROBE_PROMPT }] },
    });
  },

  chatStream(_call: DialectCall, model: string, messages: RichChatMessage[], options: ChatToolOptions): ChatStreamSpec {
    // The Messages API takes the system prompt at the top level; a `system` role in `messages` is refused.
    const system = messages.filter((m) => m.role === 'system').map(textOf).join('\n\n');
    return {
      path: 'v1/messages',
      format: 'sse',
      body: {
        model,
        ...(system === '' ? {} : { system }),
        messages: messages.filter((m) => m.role !== 'system').map((m) => ({ role: m.role, content: textOf(m) })),
        stream: true,
        max_tokens: ANTHROPIC_DEFAULT_MAX_TOKENS,
        // Recent Claude models refuse temperature and top_p together (400): temperature wins when both are set,
        // as with the sidecar's defaults.
        ...presetFields(options.temperature === undefined ? options : { ...options, topP: undefined }, {
          temperature: 'temperature',
          topP: 'top_p',
          maxTokens: 'max_tokens',
          stop: 'stop_sequences',
        }),
      },
      read: readAnthropicEvent,
    };
  },
};

/** Messages stream events: text in `content_block_delta`/`text_delta` (never `thinking_delta`), `message_stop` ends it. */
function readAnthropicEvent(event: StreamEvent, ctx: CallContext): StreamStep {
  const json = eventJson(event);
  const type = typeof json['type'] === 'string' ? json['type'] : event.event;
  switch (type) {
    case 'error':
      throw classifyStreamError(event.data, ctx);
    case 'message_stop':
      return { done: true };
    case 'content_block_start': {
      const block = asRecord(json['content_block']);
      return block?.['type'] === 'text' && typeof block['text'] === 'string' && block['text'] !== '' ? { parts: [{ type: 'text', text: block['text'] }] } : {};
    }
    case 'content_block_delta': {
      const delta = asRecord(json['delta']);
      return delta?.['type'] === 'text_delta' && typeof delta['text'] === 'string' ? { parts: [{ type: 'text', text: delta['text'] }] } : {};
    }
    default:
      // message_start, ping, content_block_stop, message_delta, and event types added later.
      return {};
  }
}
