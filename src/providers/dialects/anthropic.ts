// Anthropic Messages API: `x-api-key`, a required `anthropic-version`, models paged with `after_id`/`has_more`.
import { ProviderError } from '../providerError';
import { asRecord, collectPages, nonEmptyString, positiveInt } from '../modelList';
import type { ChatToolOptions, ModelInfo, RichChatMessage } from '../types';
import { PROBE_PROMPT, requestJson, keyHeader, type ChatStreamSpec, type Dialect, type DialectCall } from './dialect';
import { anthropicChatStream } from './anthropicChat';

export { ANTHROPIC_DEFAULT_MAX_TOKENS } from './anthropicChat';

export const ANTHROPIC_VERSION = '2023-06-01';
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

  chatStream: (_call: DialectCall, model: string, messages: RichChatMessage[], options: ChatToolOptions): ChatStreamSpec => anthropicChatStream(model, messages, options),
};
