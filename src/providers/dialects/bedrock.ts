// AWS Bedrock with a Bedrock API key (Bearer; no SigV4). Chat runs on `bedrock-runtime.{region}`; the model list
// lives on the control-plane host `bedrock.{region}` (foundation models + inference profiles, paged by nextToken).
// A custom apiUrl that is not an AWS host (a proxy, a test server) serves both under one base. Chat streams
// through ConverseStream (bedrockChat.ts), with the key as Bearer on the runtime host only.
import { asRecord, collectPages, nonEmptyString } from '../modelList';
import { ProviderError } from '../providerError';
import type { ChatToolOptions, ModelInfo, RichChatMessage } from '../types';
import { bedrockChatStream } from './bedrockChat';
import { PROBE_PROMPT, requestJson, bearerKey, type ChatStreamSpec, type Dialect, type DialectCall } from './dialect';

export function bedrockControlPlaneUrl(runtimeBaseUrl: string): string {
  const url = new URL(runtimeBaseUrl);
  if (url.hostname.startsWith('bedrock-runtime.')) url.hostname = url.hostname.replace(/^bedrock-runtime\./, 'bedrock.');
  return url.toString().replace(/\/+$/, '');
}

export const bedrock: Dialect = {
  credentials: bearerKey,

  async listModels(call: DialectCall): Promise<ModelInfo[]> {
    const controlPlane = bedrockControlPlaneUrl(call.baseUrl);
    const foundation = asRecord(
      await requestJson(call, bedrock, {
        purpose: 'list',
        method: 'GET',
        path: 'foundation-models',
        baseUrl: controlPlane,
        elsewhere: 'key',
        query: { byOutputModality: 'TEXT' },
      }),
    );
    const summaries = foundation?.['modelSummaries'];
    if (!Array.isArray(summaries)) throw new ProviderError('bad_response', `${controlPlane}/foundation-models did not return a model list.`);
    const models: ModelInfo[] = [];
    for (const raw of summaries) {
      const entry = asRecord(raw);
      const id = nonEmptyString(entry?.['modelId']);
      if (!entry || id === undefined) continue;
      const label = nonEmptyString(entry['modelName']);
      models.push(label === undefined ? { id } : { id, label });
    }
    // Inference profiles are a newer addition; a proxy without them still has a usable list.
    const profiles = await listInferenceProfiles(call, controlPlane).catch((error: unknown) => {
      if (error instanceof ProviderError && error.category === 'wrong_url') return [];
      throw error;
    });
    return [...models, ...profiles];
  },

  async probeCompletion(call: DialectCall, model: string): Promise<void> {
    await requestJson(call, bedrock, {
      purpose: 'completion',
      method: 'POST',
      path: `model/${encodeURIComponent(model)}/converse`,
      model,
      body: { messages: [{ role: 'user', content: [{ text: PROBE_PROMPT }] }], inferenceConfig: { maxTokens: 1 } },
    });
  },

  chatStream(_call: DialectCall, model: string, messages: RichChatMessage[], options: ChatToolOptions): ChatStreamSpec {
    return bedrockChatStream(model, messages, options);
  },

  imageInput: true,
};

function listInferenceProfiles(call: DialectCall, controlPlane: string): Promise<ModelInfo[]> {
  return collectPages(call.ctx, async (nextToken) => {
    const body = asRecord(
      await requestJson(call, bedrock, {
        purpose: 'list',
        method: 'GET',
        path: 'inference-profiles',
        baseUrl: controlPlane,
        elsewhere: 'key',
        query: { maxResults: 1000, nextToken },
      }),
    );
    const page: ModelInfo[] = [];
    for (const raw of Array.isArray(body?.['inferenceProfileSummaries']) ? (body['inferenceProfileSummaries'] as unknown[]) : []) {
      const entry = asRecord(raw);
      const id = nonEmptyString(entry?.['inferenceProfileId']);
      if (!entry || id === undefined) continue;
      const label = nonEmptyString(entry['inferenceProfileName']);
      page.push(label === undefined ? { id } : { id, label });
    }
    const next = nonEmptyString(body?.['nextToken']);
    return next === undefined ? { models: page } : { models: page, next };
  });
}
