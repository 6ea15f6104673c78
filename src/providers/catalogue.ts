// The provider catalogue: data over a few dialects. Adding an OpenAI-compatible provider is one entry built
// with `openAiCompatibleProvider`. How to add one: docs/architecture.md, "How to add a provider".
import type { ProviderInfo } from './types';

type OpenAiCompatibleFields = Pick<ProviderInfo, 'id' | 'label' | 'defaultUrl'> & Partial<ProviderInfo>;

/** A cloud OpenAI-compatible provider: Bearer key required, `GET /models` proves it and lists the models. */
function openAiCompatibleProvider(fields: OpenAiCompatibleFields): ProviderInfo {
  return { keyRequired: true, dialect: 'openai', testStrategy: 'list-models', hasModelList: true, local: false, ...fields };
}

/** A server on the user's machine speaking the OpenAI format; keys are optional there. */
function localOpenAiServer(fields: OpenAiCompatibleFields): ProviderInfo {
  return openAiCompatibleProvider({ keyRequired: false, local: true, ...fields });
}

export const PERPLEXITY_MODELS = ['sonar', 'sonar-pro', 'sonar-reasoning', 'sonar-reasoning-pro', 'sonar-deep-research'] as const;

export const VERTEX_MODELS = [
  'gemini-2.5-pro',
  'gemini-2.5-flash',
  'gemini-2.5-flash-lite',
  'gemini-2.0-flash-001',
  'gemini-2.0-flash-lite-001',
] as const;

export const providers: readonly ProviderInfo[] = Object.freeze([
  // Cloud, native dialects
  openAiCompatibleProvider({
    id: 'openai',
    label: 'OpenAI',
    defaultUrl: 'https://api.openai.com/v1',
    maxTokensField: 'max_completion_tokens',
    keyUrl: 'https://platform.openai.com/api-keys',
  }),
  {
    id: 'anthropic',
    label: 'Anthropic',
    defaultUrl: 'https://api.anthropic.com',
    keyRequired: true,
    dialect: 'anthropic',
    testStrategy: 'list-models',
    hasModelList: true,
    local: false,
    keyUrl: 'https://console.anthropic.com/settings/keys',
  },
  {
    id: 'google',
    label: 'Google Gemini (AI Studio)',
    defaultUrl: 'https://generativelanguage.googleapis.com/v1beta',
    keyRequired: true,
    dialect: 'gemini',
    testStrategy: 'list-models',
    hasModelList: true,
    local: false,
    keyUrl: 'https://aistudio.google.com/apikey',
  },
  {
    id: 'azure-openai',
    label: 'Azure OpenAI',
    defaultUrl: 'https://{resource}.openai.azure.com/openai/v1',
    keyRequired: true,
    dialect: 'azure-openai',
    // The list shows models, not deployments; only a call on the deployment proves it.
    testStrategy: 'completion',
    hasModelList: true,
    local: false,
    maxTokensField: 'max_completion_tokens',
    urlHint: 'your Azure OpenAI resource URL, e.g. https://my-resource.openai.azure.com/openai/v1',
  },
  {
    id: 'cohere',
    label: 'Cohere',
    defaultUrl: 'https://api.cohere.com',
    keyRequired: true,
    dialect: 'cohere',
    testStrategy: 'free-check',
    freeCheck: { method: 'POST', path: 'v1/check-api-key' },
    hasModelList: true,
    local: false,
    keyUrl: 'https://dashboard.cohere.com/api-keys',
  },
  {
    id: 'bedrock',
    label: 'AWS Bedrock',
    defaultUrl: 'https://bedrock-runtime.us-east-1.amazonaws.com',
    keyRequired: true,
    dialect: 'bedrock',
    testStrategy: 'list-models',
    hasModelList: true,
    local: false,
    urlHint: 'the Bedrock runtime URL of your region, e.g. https://bedrock-runtime.eu-west-1.amazonaws.com',
  },
  {
    id: 'vertex',
    label: 'Google Vertex AI',
    defaultUrl: 'https://aiplatform.googleapis.com/v1',
    keyRequired: true,
    dialect: 'vertex',
    testStrategy: 'completion',
    hasModelList: false,
    knownModels: VERTEX_MODELS,
    local: false,
    urlHint: 'https://aiplatform.googleapis.com/v1 (global) or https://{region}-aiplatform.googleapis.com/v1',
  },

  // Cloud, OpenAI-compatible
  openAiCompatibleProvider({
    id: 'openrouter',
    label: 'OpenRouter',
    defaultUrl: 'https://openrouter.ai/api/v1',
    // `/models` is public; `/key` is the free check that proves the key.
    testStrategy: 'free-check',
    freeCheck: { method: 'GET', path: 'key' },
    keyUrl: 'https://openrouter.ai/settings/keys',
  }),
  openAiCompatibleProvider({ id: 'mistral', label: 'Mistral AI', defaultUrl: 'https://api.mistral.ai/v1', chatQuirks: { nineCharacterCallIds: true, noStreamOptions: true } }),
  openAiCompatibleProvider({ id: 'groq', label: 'Groq', defaultUrl: 'https://api.groq.com/openai/v1' }),
  openAiCompatibleProvider({ id: 'deepseek', label: 'DeepSeek', defaultUrl: 'https://api.deepseek.com', chatQuirks: { sendReasoningBack: true } }),
  openAiCompatibleProvider({
    id: 'xai',
    label: 'xAI (Grok)',
    defaultUrl: 'https://api.x.ai/v1',
    testStrategy: 'free-check',
    freeCheck: { method: 'GET', path: 'api-key' },
  }),
  openAiCompatibleProvider({
    id: 'together',
    label: 'Together AI',
    defaultUrl: 'https://api.together.xyz/v1',
    modelTypes: ['chat', 'language', 'code'],
  }),
  openAiCompatibleProvider({ id: 'fireworks', label: 'Fireworks AI', defaultUrl: 'https://api.fireworks.ai/inference/v1' }),
  openAiCompatibleProvider({
    id: 'perplexity',
    label: 'Perplexity',
    defaultUrl: 'https://api.perplexity.ai',
    testStrategy: 'completion',
    hasModelList: false,
    knownModels: PERPLEXITY_MODELS,
  }),
  openAiCompatibleProvider({ id: 'moonshot', label: 'Moonshot AI (Kimi)', defaultUrl: 'https://api.moonshot.ai/v1', chatQuirks: { sendReasoningBack: true } }),
  openAiCompatibleProvider({ id: 'ai21', label: 'AI21 Labs', defaultUrl: 'https://api.ai21.com/studio/v1' }),
  openAiCompatibleProvider({ id: 'cerebras', label: 'Cerebras', defaultUrl: 'https://api.cerebras.ai/v1' }),
  openAiCompatibleProvider({ id: 'chutes', label: 'Chutes', defaultUrl: 'https://llm.chutes.ai/v1' }),
  openAiCompatibleProvider({ id: 'nanogpt', label: 'NanoGPT', defaultUrl: 'https://nano-gpt.com/api/v1' }),
  openAiCompatibleProvider({ id: 'zai', label: 'Z.ai (GLM)', defaultUrl: 'https://api.z.ai/api/paas/v4' }),
  openAiCompatibleProvider({ id: 'siliconflow', label: 'SiliconFlow', defaultUrl: 'https://api.siliconflow.com/v1' }),
  openAiCompatibleProvider({ id: 'electronhub', label: 'Electron Hub', defaultUrl: 'https://api.electronhub.ai/v1' }),
  openAiCompatibleProvider({ id: 'infermatic', label: 'Infermatic', defaultUrl: 'https://api.totalgpt.ai/v1' }),
  openAiCompatibleProvider({
    id: 'deepinfra',
    label: 'DeepInfra',
    defaultUrl: 'https://api.deepinfra.com/v1/openai',
    keyUrl: 'https://deepinfra.com/dash/api_keys',
  }),
  openAiCompatibleProvider({
    id: 'pollinations',
    label: 'Pollinations',
    defaultUrl: 'https://text.pollinations.ai/openai',
    // Anonymous use works at a low rate; a key (token) raises it.
    keyRequired: false,
  }),

  // Local / self-hosted
  {
    id: 'ollama',
    label: 'Ollama',
    defaultUrl: 'http://localhost:11434',
    keyRequired: false,
    dialect: 'ollama',
    testStrategy: 'free-check',
    freeCheck: { method: 'GET', path: 'api/version' },
    hasModelList: true,
    local: true,
  },
  localOpenAiServer({ id: 'lmstudio', label: 'LM Studio', defaultUrl: 'http://localhost:1234/v1' }),
  localOpenAiServer({
    id: 'llamacpp',
    label: 'llama.cpp server',
    defaultUrl: 'http://localhost:8080/v1',
    // 503 while the model loads: says "loading" rather than a vague failure.
    testStrategy: 'free-check',
    freeCheck: { method: 'GET', path: 'health' },
  }),
  localOpenAiServer({ id: 'vllm', label: 'vLLM', defaultUrl: 'http://localhost:8000/v1' }),
  localOpenAiServer({ id: 'custom', label: 'Custom (OpenAI-compatible)', defaultUrl: 'http://localhost:8080/v1', local: false }),
]);

const byId = new Map(providers.map((info) => [info.id, info]));

/** The catalogue entry for an id, or undefined for an unknown id. */
export function getProvider(id: string): ProviderInfo | undefined {
  return byId.get(id);
}
