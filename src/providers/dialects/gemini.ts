// Google Gemini (AI Studio) v1beta: the key in `x-goog-api-key` (never `?key=` in a URL), models paged with
// `pageSize`/`pageToken`, ids listed as `models/…`, only `generateContent` models usable for chat.
import type { CallContext } from '../callContext';
import { classifyStreamError } from '../classify';
import { ProviderError } from '../providerError';
import { asRecord, collectPages, nonEmptyString, positiveInt } from '../modelList';
import type { ChatToolOptions, ModelInfo, RichChatMessage } from '../types';
import { textOf } from '../chat/messages';
import { PROBE_PROMPT, eventJson, presetFields, requestJson, keyHeader, type ChatStreamSpec, type Dialect, type DialectCall, type StreamEvent, type StreamStep } from './dialect';

const PAGE_SIZE = 1000;

export function stripModelsPrefix(id: string): string {
  return id.replace(/^models\//, '');
}

/**
 * The `generateContent` body shared by Gemini and Vertex: the system prompt as `systemInstruction`, the assistant
 * role called `model`, presets under `generationConfig`.
 */
export function geminiChatBody(messages: RichChatMessage[], options: ChatToolOptions): Record<string, unknown> {
  const system = messages.filter((m) => m.role === 'system').map(textOf).join('\n\n');
  const generationConfig = presetFields(options, { temperature: 'temperature', topP: 'topP', maxTokens: 'maxOutputTokens', stop: 'stopSequences' });
  return {
    contents: messages
      .filter((m) => m.role !== 'system')
      .map((m) => ({ role: m.role === 'assistant' ? 'model' : 'user', parts: [{ text: textOf(m) }] })),
    ...(system === '' ? {} : { systemInstruction: { parts: [{ text: system }] } }),
    ...(Object.keys(generationConfig).length === 0 ? {} : { generationConfig }),
  };
}

/**
 * One `streamGenerateContent?alt=sse` chunk: the text of the first candidate's parts (not `thought` parts); the
 * chunk with a `finishReason` is the last. An `error` object is the provider failing mid-stream.
 */
export function readGeminiChunk(event: StreamEvent, ctx: CallContext): StreamStep {
  const chunk = eventJson(event);
  const error = asRecord(chunk['error']);
  if (error) {
    const code = error['code'];
    throw classifyStreamError(event.data, ctx, typeof code === 'number' ? code : undefined);
  }
  const candidate = asRecord(Array.isArray(chunk['candidates']) ? (chunk['candidates'] as unknown[])[0] : undefined);
  if (!candidate) {
    const blocked = nonEmptyString(asRecord(chunk['promptFeedback'])?.['blockReason']);
    if (blocked !== undefined) throw new ProviderError('bad_response', `The provider refused to answer this prompt (blocked: ${blocked}).`);
    return {};
  }
  const parts = asRecord(candidate['content'])?.['parts'];
  let text = '';
  for (const raw of Array.isArray(parts) ? parts : []) {
    const part = asRecord(raw);
    if (part && part['thought'] !== true && typeof part['text'] === 'string') text += part['text'];
  }
  const finished = nonEmptyString(candidate['finishReason']) !== undefined;
  return { ...(text === '' ? {} : { parts: [{ type: 'text', text }] }), ...(finished ? { done: true } : {}) };
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

  chatStream(_call: DialectCall, model: string, messages: RichChatMessage[], options: ChatToolOptions): ChatStreamSpec {
    return {
      path: `models/${encodeURIComponent(stripModelsPrefix(model))}:streamGenerateContent`,
      query: { alt: 'sse' },
      format: 'sse',
      body: geminiChatBody(messages, options),
      read: readGeminiChunk,
    };
  },
};
