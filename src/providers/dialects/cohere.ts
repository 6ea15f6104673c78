// Cohere: Bearer key, `POST /v1/check-api-key` as the free key check, chat models paged with
// `page_token`/`next_page_token`, chat on `/v2/chat` (with tools: cohereChat.ts).
import { ProviderError } from '../providerError';
import { asRecord, collectPages, nonEmptyString, positiveInt } from '../modelList';
import type { ChatToolOptions, ModelInfo, RichChatMessage } from '../types';
import { PROBE_PROMPT, requestJson, bearerKey, type ChatStreamSpec, type Dialect, type DialectCall } from './dialect';
import { cohereChatStream } from './cohereChat';

const PAGE_SIZE = 1000;

export const cohere: Dialect = {
  credentials: bearerKey,

  listModels(call: DialectCall): Promise<ModelInfo[]> {
    return collectPages(call.ctx, async (pageToken) => {
      const body = asRecord(
        await requestJson(call, cohere, {
          purpose: 'list',
          method: 'GET',
          path: 'v1/models',
          query: { endpoint: 'chat', page_size: PAGE_SIZE, page_token: pageToken },
        }),
      );
      const list = body?.['models'];
      if (!body || !Array.isArray(list)) throw new ProviderError('bad_response', `${call.baseUrl}/v1/models did not return a model list.`);
      const models: ModelInfo[] = [];
      for (const raw of list) {
        const entry = asRecord(raw);
        const id = nonEmptyString(entry?.['name']);
        if (!entry || id === undefined) continue;
        const model: ModelInfo = { id };
        const context = positiveInt(entry['context_length']);
        if (context !== undefined) model.contextLength = context;
        models.push(model);
      }
      const next = nonEmptyString(body['next_page_token']);
      return next === undefined ? { models } : { models, next };
    });
  },

  async probeCompletion(call: DialectCall, model: string): Promise<void> {
    await requestJson(call, cohere, {
      purpose: 'completion',
      method: 'POST',
      path: 'v2/chat',
      model,
      body: { model, messages: [{ role: 'user', content: PROBE_PROMPT }], max_tokens: 1, stream: false },
    });
  },

  chatStream(_call: DialectCall, model: string, messages: RichChatMessage[], options: ChatToolOptions): ChatStreamSpec {
    return cohereChatStream(model, messages, options);
  },
};
