// LiteLLM's provider prefixes (the part of `litellm_params.model` before the first `/`) → ours
// (docs.litellm.ai/docs/providers). The rest of `model` is the provider's model id (Azure: the deployment).
import type { ProviderChoice } from '../providerTarget';

export const LITELLM_PROVIDERS: Record<string, ProviderChoice> = {
  openai: { id: 'openai', compatible: true },
  openai_like: { compatible: true },
  custom_openai: { compatible: true },
  text_completion_openai: { id: 'openai', compatible: true },
  azure: { id: 'azure-openai' },
  anthropic: { id: 'anthropic' },
  gemini: { id: 'google' },
  vertex_ai: { id: 'vertex' },
  bedrock: { id: 'bedrock' },
  openrouter: { id: 'openrouter' },
  mistral: { id: 'mistral' },
  codestral: { id: 'mistral' },
  groq: { id: 'groq' },
  deepseek: { id: 'deepseek' },
  xai: { id: 'xai' },
  together_ai: { id: 'together' },
  fireworks_ai: { id: 'fireworks' },
  perplexity: { id: 'perplexity' },
  cohere: { id: 'cohere' },
  cohere_chat: { id: 'cohere' },
  cerebras: { id: 'cerebras' },
  moonshot: { id: 'moonshot' },
  ai21: { id: 'ai21' },
  ai21_chat: { id: 'ai21' },
  zai: { id: 'zai' },
  ollama: { id: 'ollama' },
  ollama_chat: { id: 'ollama' },
  lm_studio: { id: 'lmstudio' },
  hosted_vllm: { id: 'vllm' },
  vllm: { id: 'vllm' },
  llamafile: { id: 'custom', defaultUrl: 'http://127.0.0.1:8080/v1' },
  deepinfra: { id: 'custom', defaultUrl: 'https://api.deepinfra.com/v1/openai' },
  huggingface: { id: 'custom', defaultUrl: 'https://router.huggingface.co/v1' },
  nvidia_nim: { id: 'custom', defaultUrl: 'https://integrate.api.nvidia.com/v1' },
};

/** Credentials LiteLLM takes from the cloud's own chain: nothing in the entry is a key we can use. */
export const LITELLM_CLOUD_AUTH: Record<string, string> = {
  vertex_ai: 'Vertex AI entries sign in with Google application credentials; paste a service-account JSON as the key instead',
  bedrock: 'Bedrock entries sign in with AWS credentials; AI Connections takes a Bedrock API key',
};

/** Provider and model id of a `model` string; without a prefix, LiteLLM guesses from the model's name. */
export function splitLitellmModel(model: string): { prefix: string; id: string } {
  const slash = model.indexOf('/');
  const prefix = slash > 0 ? model.slice(0, slash) : '';
  if (prefix) return { prefix, id: model.slice(slash + 1) };
  if (/^claude/i.test(model)) return { prefix: 'anthropic', id: model };
  if (/^gemini/i.test(model)) return { prefix: 'gemini', id: model };
  return { prefix: 'openai', id: model };
}
