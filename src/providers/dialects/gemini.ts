// Google Gemini (AI Studio) v1beta: the key in `x-goog-api-key` (never `?key=` in a URL), models paged with
// `pageSize`/`pageToken`, ids listed as `models/…`, only `generateContent` models usable for chat.
import { ProviderError } from '../providerError';
import { asRecord, collectPages, nonEmptyString, positiveInt } from '../modelList';
import type { ChatToolOptions, ModelInfo, RichChatMessage } from '../types';
import { PROBE_PROMPT, requestJson, keyHeader, type ChatStreamSpec, type Dialect, type DialectCall } from './dialect';
import { geminiChatBody, geminiStreamReader } from './geminiChat';

const PAGE_SIZE = 1000;

export function stripModelsPrefix(id: string): string {
  return id.replace(/^models\//, '');
}

export const gemini: Dialect = {
  credentials: keyHeader('x-goog-api-key'),

  listModels(call: DialectCall): Promise<ModelInfo[]> {
    return collectPages(call.ctx, async (pageToken) => {
      const body = asRecord(
        await requestJson(call, gemini, { purpose: 'list', method: 'GET', path: 'models', query: { pageSize: PAGE_SIZE, pageToken } }),
      );
      const list = body?.['models'] ?? [];
      if (!body || !Array.isArray(list)) throw new ProviderError('bad_response', `${call.baseUrl}/models did not return a model list.`);
      const models: ModelInfo[] = [];
      for (const raw of list) {
        const entry = asRecord(raw);
        const name = nonEmptyString(entry?.['name']);
        if (!entry || name === undefined) continue;
        const methods = entry['supportedGenerationMethods'];
        if (Array.isArray(methods) && !methods.includes('generateContent')) continue;
        const model: ModelInfo = { id: stripModelsPrefix(name) };
        const label = nonEmptyString(entry['displayName']);
        if (label !== undefined) model.label = label;
        const context = positiveInt(entry['inputTokenLimit']);
        if (context !== undefined) model.contextLength = context;
        models.push(model);
      }
      const next = nonEmptyString(body['nextPageToken']);
      return next === undefined ? { models } : { models, next };
    });
  },

  async probeCompletion(call: DialectCall, model: string): Promise<void> {
    await requestJson(call, gemini, {
      purpose: 'completion',
      method: 'POST',
      path: `models/${encodeURIComponent(stripModelsPrefix(model))}:generateContent`,
      model,
      body: { contents: [{ role: 'user', parts: [{ text: PROBE_PROMPT }] }], generationConfig: { maxOutputTokens: 1 } },
    });
  },

  sameModel: (wanted, listedId) => stripModelsPrefix(wanted) === listedId,

  // Tools, images, results and thoughts: see geminiChat.ts (Vertex sends the same body).
  chatStream(_call: DialectCall, model: string, messages: RichChatMessage[], options: ChatToolOptions): ChatStreamSpec {
    const id = stripModelsPrefix(model);
    return {
      path: `models/${encodeURIComponent(id)}:streamGenerateContent`,
      query: { alt: 'sse' },
      format: 'sse',
      body: geminiChatBody(messages, options, id),
      ...geminiStreamReader(),
    };
  },
};
