// Ollama's native API: `/api/tags` lists local models; Authorization only when a key is set (a proxy in front).
import { ProviderError } from '../providerError';
import { asRecord, nonEmptyString } from '../modelList';
import type { ModelInfo } from '../types';
import { PROBE_PROMPT, requestJson, bearerKey, type Dialect, type DialectCall } from './dialect';

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
};
