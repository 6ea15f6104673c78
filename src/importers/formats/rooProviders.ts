// Roo Code's (and Kilo Code ≤ v5's) `apiProvider` values: where each keeps its key, base URL and model id
// (packages/types/src/provider-settings.ts, `modelIdKeysByProvider`), and which of our providers it becomes.
import type { ProviderChoice } from '../providerTarget';

export interface RooProvider {
  choice: ProviderChoice;
  keyField?: string;
  urlField?: string;
  /** The model-id fields to try, in order (the handler's field first). */
  modelFields: string[];
  /** Headers (a record) sent with every request. */
  headersField?: string;
}

const api = ['apiModelId'];
const simple = (id: string, keyField: string, urlField?: string): RooProvider => ({
  choice: { id },
  keyField,
  ...(urlField ? { urlField } : {}),
  modelFields: api,
});
const gateway = (defaultUrl: string, keyField: string, modelField: string, urlField?: string): RooProvider => ({
  choice: { id: 'custom', defaultUrl },
  keyField,
  ...(urlField ? { urlField } : {}),
  modelFields: [modelField, 'apiModelId'],
});

export const ROO_PROVIDERS: Record<string, RooProvider> = {
  anthropic: simple('anthropic', 'apiKey', 'anthropicBaseUrl'),
  // The model-id map lists openAiModelId, but the handler reads apiModelId (src/api/providers/openai-native.ts).
  'openai-native': { ...simple('openai', 'openAiNativeApiKey', 'openAiNativeBaseUrl'), modelFields: ['apiModelId', 'openAiModelId'] },
  openai: {
    choice: { id: 'openai', compatible: true },
    keyField: 'openAiApiKey',
    urlField: 'openAiBaseUrl',
    modelFields: ['openAiModelId'],
    headersField: 'openAiHeaders',
  },
  gemini: simple('google', 'geminiApiKey', 'googleGeminiBaseUrl'),
  openrouter: { ...simple('openrouter', 'openRouterApiKey', 'openRouterBaseUrl'), modelFields: ['openRouterModelId'] },
  // mistralCodestralUrl is the FIM endpoint for Codestral models, not the chat base URL: not imported.
  mistral: simple('mistral', 'mistralApiKey'),
  deepseek: simple('deepseek', 'deepSeekApiKey', 'deepSeekBaseUrl'),
  xai: simple('xai', 'xaiApiKey'),
  moonshot: simple('moonshot', 'moonshotApiKey', 'moonshotBaseUrl'),
  zai: simple('zai', 'zaiApiKey'),
  fireworks: simple('fireworks', 'fireworksApiKey'),
  ollama: { ...simple('ollama', 'ollamaApiKey', 'ollamaBaseUrl'), modelFields: ['ollamaModelId'] },
  lmstudio: { choice: { id: 'lmstudio' }, urlField: 'lmStudioBaseUrl', modelFields: ['lmStudioModelId'] },
  litellm: gateway('http://localhost:4000', 'litellmApiKey', 'litellmModelId', 'litellmBaseUrl'),
  requesty: gateway('https://router.requesty.ai/v1', 'requestyApiKey', 'requestyModelId', 'requestyBaseUrl'),
  unbound: gateway('https://api.getunbound.ai/v1', 'unboundApiKey', 'unboundModelId'),
  'vercel-ai-gateway': gateway('https://ai-gateway.vercel.sh/v1', 'vercelAiGatewayApiKey', 'vercelAiGatewayModelId'),
  sambanova: gateway('https://api.sambanova.ai/v1', 'sambaNovaApiKey', 'apiModelId'),
  // Retired in Roo (commit 506c93b, 2026-02) but still in older exports.
  groq: simple('groq', 'groqApiKey'),
  cerebras: simple('cerebras', 'cerebrasApiKey'),
  chutes: simple('chutes', 'chutesApiKey'),
  deepinfra: gateway('https://api.deepinfra.com/v1/openai', 'deepInfraApiKey', 'deepInfraModelId', 'deepInfraBaseUrl'),
  huggingface: gateway('https://router.huggingface.co/v1', 'huggingFaceApiKey', 'huggingFaceModelId'),
  featherless: gateway('https://api.featherless.ai/v1', 'featherlessApiKey', 'apiModelId'),
};

/** Providers that sign in through another app or extension: there is no key in the file to import. */
export const ROO_SIGN_IN_ONLY = new Set(['vscode-lm', 'gemini-cli', 'qwen-code', 'openai-codex', 'roo', 'claude-code', 'human-relay', 'fake-ai']);

/** Z.ai's API lines (`zaiApiLine`) and the base URL each uses. */
export const ZAI_LINES: Record<string, string> = {
  international_coding: 'https://api.z.ai/api/coding/paas/v4',
  international_api: 'https://api.z.ai/api/paas/v4',
  china_coding: 'https://open.bigmodel.cn/api/coding/paas/v4',
  china_api: 'https://open.bigmodel.cn/api/paas/v4',
};
