// OpenAI-compatible servers: OpenAI itself, most cloud providers, LM Studio, llama.cpp, vLLM, custom.
// List shapes accepted: `{object:'list', data:[...]}` (OAI-list, Mistral today), a bare array (Together, older Mistral).
import { ProviderError } from '../providerError';
import { asRecord, nonEmptyString, positiveInt } from '../modelList';
import type { ModelInfo, ProviderInfo } from '../types';
import { PROBE_PROMPT, requestJson, bearerKey, type Dialect, type DialectCall } from './dialect';
import { openAiChatStream } from './openaiChat';

export function modelFromOpenAiEntry(entry: Record<string, unknown>): ModelInfo | undefined {
  // Some servers (Pollinations) name their models in `name` and give no `id`.
  const explicitId = nonEmptyString(entry['id']);
  const id = explicitId ?? nonEmptyString(entry['name']);
  if (id === undefined) return undefined;
  const label = nonEmptyString(entry['display_name']) ?? (explicitId === undefined ? undefined : nonEmptyString(entry['name']));
  // The names providers give the context window, first found wins; OpenRouter keeps it under top_provider as well.
  // Spelled out rather than looped over: this runs for every entry of lists thousands long.
  const contextLength =
    positiveInt(entry['context_length']) ??
    positiveInt(entry['context_window']) ??
    positiveInt(entry['max_context_length']) ??
    positiveInt(entry['max_model_len']) ??
    positiveInt(entry['contextLength']) ??
    positiveInt(asRecord(entry['top_provider'])?.['context_length']);
  // Built in one shape (no `delete`, which would turn every entry of a 5,000-model list into a dictionary object).
  const model: ModelInfo = { id };
  if (label !== undefined) model.label = label;
  if (contextLength !== undefined) model.contextLength = contextLength;
  return model;
}

/** Parses any accepted list shape; throws `bad_response` for anything else (never a silent empty list). */
export function parseOpenAiModelList(body: unknown, info: ProviderInfo, url: string): ModelInfo[] {
  const entries = Array.isArray(body) ? body : asRecord(body)?.['data'];
  if (!Array.isArray(entries)) {
    throw new ProviderError('bad_response', `${url} did not return a model list (expected a "data" array).`);
  }
  const models: ModelInfo[] = [];
  for (const raw of entries) {
    const entry = asRecord(raw);
    if (!entry) continue;
    if (entry['active'] === false) continue; // Groq lists retired models as inactive
    const type = nonEmptyString(entry['type']);
    if (info.modelTypes !== undefined && type !== undefined && !info.modelTypes.includes(type)) continue;
    const model = modelFromOpenAiEntry(entry);
    if (model) models.push(model);
  }
  return models;
}

/** The OpenAI wire format with the key in the given header(s); Azure differs only there. */
export function makeOpenAiCompatible(credentials: Dialect['credentials']): Dialect {
  const dialect: Dialect = {
    credentials,

    async listModels(call: DialectCall): Promise<ModelInfo[]> {
      const body = await requestJson(call, dialect, { purpose: 'list', method: 'GET', path: 'models' });
      return parseOpenAiModelList(body, call.info, `${call.baseUrl}/models`);
    },

    async probeCompletion(call: DialectCall, model: string): Promise<void> {
      await requestJson(call, dialect, {
        purpose: 'completion',
        method: 'POST',
        path: 'chat/completions',
        model,
        body: {
          model,
          messages: [{ role: 'user', content: PROBE_PROMPT }],
          [call.info.maxTokensField ?? 'max_tokens']: 1,
          stream: false,
        },
      });
    },

    chatStream: openAiChatStream,
  };
  return dialect;
}

export const openAiCompatible = makeOpenAiCompatible(bearerKey);
