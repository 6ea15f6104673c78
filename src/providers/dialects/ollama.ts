// Ollama's native API: `/api/tags` lists local models, `/api/show` says what each can do; Authorization only when
// a key is set (a proxy in front). Chat (with tools) is in ollamaChat.ts.
import { ProviderError } from '../providerError';
import { asRecord, nonEmptyString, positiveInt } from '../modelList';
import type { ChatToolOptions, ModelInfo, RichChatMessage } from '../types';
import { PROBE_PROMPT, requestJson, bearerKey, type ChatStreamSpec, type Dialect, type DialectCall } from './dialect';
import { ollamaChatStream } from './ollamaChat';

/** `/api/show` is asked for each model only for a list this long or shorter (a local list; a proxy may list hundreds). */
const MAX_SHOWN_MODELS = 64;
/** `/api/show` requests in flight at once. */
const SHOW_CONCURRENCY = 8;

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

  // Only for a list someone will read (List Models, chat's capabilities): a connection test needs ids, not details.
  async describeModels(call: DialectCall, models: ModelInfo[]): Promise<ModelInfo[]> {
    if (models.length <= MAX_SHOWN_MODELS) await showEach(call, models);
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

  chatStream(call: DialectCall, model: string, messages: RichChatMessage[], options: ChatToolOptions): ChatStreamSpec {
    return ollamaChatStream(model, messages, options, call.contextWindow);
  },
};

/** Fills each model's capabilities from `/api/show`, a few at a time; a model whose answer fails stays as it is. */
async function showEach(call: DialectCall, models: ModelInfo[]): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < models.length && !call.ctx.signal.aborted) {
      const model = models[next++];
      if (model === undefined) return;
      try {
        applyShow(model, await requestJson(call, ollama, { purpose: 'list', method: 'POST', path: 'api/show', body: { model: model.id }, model: model.id }));
      } catch {
        // The list is still right without the details (an old Ollama, a proxy that only forwards chat).
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(SHOW_CONCURRENCY, models.length) }, worker));
}

/** `capabilities: ["completion", "tools", "vision", …]`; the window in `model_info["<architecture>.context_length"]`. */
function applyShow(model: ModelInfo, body: unknown): void {
  const show = asRecord(body);
  if (show === undefined) return;
  const capabilities = show['capabilities'];
  if (Array.isArray(capabilities)) {
    model.toolCalling = capabilities.includes('tools');
    model.imageInput = capabilities.includes('vision');
  }
  const info = asRecord(show['model_info']);
  const architecture = nonEmptyString(info?.['general.architecture']);
  const context = architecture === undefined ? undefined : positiveInt(info?.[`${architecture}.context_length`]);
  if (context !== undefined) model.contextLength = context;
}
