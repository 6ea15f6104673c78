// opencode's provider ids (models.dev ids) → ours. A provider opencode does not know by id is configured with
// an AI SDK package (`npm`); `@ai-sdk/openai-compatible` means its `options.baseURL` decides.
import type { ProviderChoice } from '../providerTarget';

export const OPENCODE_PROVIDERS: Record<string, ProviderChoice> = {
  openai: { id: 'openai', compatible: true },
  anthropic: { id: 'anthropic' },
  google: { id: 'google' },
  azure: { id: 'azure-openai' },
  'amazon-bedrock': { id: 'bedrock' },
  'google-vertex': { id: 'vertex' },
  openrouter: { id: 'openrouter' },
  mistral: { id: 'mistral' },
  groq: { id: 'groq' },
  deepseek: { id: 'deepseek' },
  xai: { id: 'xai' },
  togetherai: { id: 'together' },
  'fireworks-ai': { id: 'fireworks' },
  perplexity: { id: 'perplexity' },
  cohere: { id: 'cohere' },
  cerebras: { id: 'cerebras' },
  moonshotai: { id: 'moonshot' },
  chutes: { id: 'chutes' },
  zai: { id: 'zai' },
  zhipuai: { id: 'zai' },
  siliconflow: { id: 'siliconflow' },
  'nano-gpt': { id: 'nanogpt' },
  ollama: { id: 'ollama' },
  lmstudio: { id: 'lmstudio' },
  'llama.cpp': { id: 'llamacpp' },
  vllm: { id: 'vllm' },
};

/** AI SDK packages → the provider they speak, for provider ids opencode does not know. */
export const OPENCODE_PACKAGES: Record<string, ProviderChoice> = {
  '@ai-sdk/openai-compatible': { compatible: true },
  '@ai-sdk/openai': { id: 'openai', compatible: true },
  '@ai-sdk/anthropic': { id: 'anthropic' },
  '@ai-sdk/google': { id: 'google' },
  '@ai-sdk/azure': { id: 'azure-openai' },
  '@ai-sdk/mistral': { id: 'mistral' },
  '@ai-sdk/groq': { id: 'groq' },
  '@ai-sdk/xai': { id: 'xai' },
  '@openrouter/ai-sdk-provider': { id: 'openrouter' },
  'ollama-ai-provider': { id: 'ollama' },
  'ollama-ai-provider-v2': { id: 'ollama' },
};

export function opencodeProvider(id: string, npm: string | undefined): ProviderChoice {
  return (npm ? OPENCODE_PACKAGES[npm] : undefined) ?? OPENCODE_PROVIDERS[id] ?? { compatible: true };
}
