// SillyTavern's API sources → ours. Chat-completion profiles (`mode: "cc"`) name a chat_completion_source;
// text-completion ones (`mode: "tc"`) name a text-generation server type (public/scripts/textgen-settings.js).
import type { ProviderChoice } from '../providerTarget';

export const ST_CHAT_SOURCES: Record<string, ProviderChoice> = {
  openai: { id: 'openai' },
  claude: { id: 'anthropic' },
  openrouter: { id: 'openrouter' },
  makersuite: { id: 'google' },
  mistralai: { id: 'mistral' },
  // "Custom (OpenAI-compatible)": its URL decides (no URL, nothing to connect to).
  custom: { compatible: true },
  cohere: { id: 'cohere' },
  perplexity: { id: 'perplexity' },
  groq: { id: 'groq' },
  deepseek: { id: 'deepseek' },
  xai: { id: 'xai' },
  nanogpt: { id: 'nanogpt' },
  moonshot: { id: 'moonshot' },
  fireworks: { id: 'fireworks' },
  zai: { id: 'zai' },
  azure_openai: { id: 'azure-openai' },
  ai21: { id: 'ai21' },
  cerebras: { id: 'cerebras' },
  chutes: { id: 'chutes' },
  electronhub: { id: 'electronhub' },
  siliconflow: { id: 'siliconflow' },
  pollinations: { id: 'pollinations' },
  aimlapi: { id: 'custom', defaultUrl: 'https://api.aimlapi.com/v1' },
};

export const ST_TEXT_SOURCES: Record<string, ProviderChoice> = {
  ollama: { id: 'ollama' },
  llamacpp: { id: 'llamacpp' },
  vllm: { id: 'vllm' },
  togetherai: { id: 'together' },
  infermaticai: { id: 'infermatic' },
  openrouter: { id: 'openrouter' },
  // Servers that also speak the OpenAI chat API under /v1 at the URL the profile names.
  ooba: { id: 'custom' },
  koboldcpp: { id: 'custom' },
  tabby: { id: 'custom' },
  aphrodite: { id: 'custom' },
  generic: { id: 'custom' },
  featherless: { id: 'custom', defaultUrl: 'https://api.featherless.ai/v1' },
  huggingface: { id: 'custom' },
};

/** Text-generation servers whose OpenAI API sits under /v1 of the URL SillyTavern stores. */
export const ST_APPEND_V1 = new Set(['ooba', 'koboldcpp', 'tabby', 'aphrodite', 'generic']);

/** The secrets.json key names SillyTavern keeps a source's keys under (src/endpoints/secrets.js). */
export function stSecretKey(api: string): string | undefined {
  if (api === 'ollama') return undefined;
  if (api === 'vertexai') return 'api_key_vertexai';
  return `api_key_${api}`;
}
