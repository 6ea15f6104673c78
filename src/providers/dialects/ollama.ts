// Ollama's native API: `/api/tags` lists local models; Authorization only when a key is set (a proxy in front).
import type { CallContext } from '../callContext';
import { classifyStreamError } from '../classify';
import { ProviderError } from '../providerError';
import { asRecord, nonEmptyString } from '../modelList';
import type { ChatToolOptions, ModelInfo, RichChatMessage } from '../types';
import { textOf } from '../chat/messages';
import { PROBE_PROMPT, eventJson, presetFields, requestJson, bearerKey, type ChatStreamSpec, type Dialect, type DialectCall, type StreamEvent, type StreamStep } from './dialect';

export const ollama: Dialect = {
  credentials: bearerKey,

  async listModels(call: DialectCall): Promise<ModelInfo[]> {
    const body = asRecord(await requestJson(call, ollama, { purpose: 'list', method: 'GET', path: 'api/tags' }));
    const list = body?.['models'];
    if (!Array.isArray(list)) throw new ProviderError('bad_response', `${call.baseUrl}/api/tags did not return a model list.`);
    const models: ModelInfo[] = [];
    for (const raw of list) {
      const entry = asRecord(raw);
      const id = nonEmptyString(entry?.['name']) ?? nonEmptyString(entry?.['model']);
      if (id !== undefined) models.push({ id });
    }
    return models;
  },

  async probeCompletion(call: DialectCall, model: string): Promise<void> {
    await requestJson(call, ollama, {
      purpose: 'completion',
      method: 'POST',
      path: 'api/chat',
      model,
      body: { model, messages: [{ role: 'user', content: PROBE_PROMPT }], stream: false, options: { num_predict: 1 } },
    });
  },

  // `ollama run llama3` means `llama3:latest`.
  sameModel: (wanted, listedId) => listedId === wanted || listedId === `${wanted}:latest`,

  chatStream(_call: DialectCall, model: string, messages: RichChatMessage[], options: ChatToolOptions): ChatStreamSpec {
    const sampling = presetFields(options, { temperature: 'temperature', topP: 'top_p', maxTokens: 'num_predict', stop: 'stop' });
    return {
      path: 'api/chat',
      format: 'ndjson',
      body: {
        model,
        messages: messages.map((m) => ({ role: m.role, content: textOf(m) })),
        stream: true,
        ...(Object.keys(sampling).length === 0 ? {} : { options: sampling }),
      },
      read: readOllamaLine,
    };
  },
};

/** One NDJSON line: `message.content` is reply text (`message.thinking` is not); `done: true` ends the reply. */
function readOllamaLine(event: StreamEvent, ctx: CallContext): StreamStep {
  const line = eventJson(event);
  if (line['error'] !== undefined) throw classifyStreamError(event.data, ctx);
  const content = asRecord(line['message'])?.['content'];
  return { ...(typeof content === 'string' && content !== '' ? { parts: [{ type: 'text', text: content }] } : {}), ...(line['done'] === true ? { done: true } : {}) };
}
