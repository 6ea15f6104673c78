// Continue's provider ids (`static providerName` in core/llm/llms/*.ts) → ours, with the default base URLs of
// the local servers it knows. Shared by config.yaml and config.json.
import type { ProviderChoice } from '../providerTarget';

export const CONTINUE_PROVIDERS: Record<string, ProviderChoice> = {
  // Continue's `openai` provider is what its docs use for any OpenAI-compatible server (with apiBase).
  openai: { id: 'openai', compatible: true },
  anthropic: { id: 'anthropic' },
  gemini: { id: 'google' },
  azure: { id: 'azure-openai' },
  bedrock: { id: 'bedrock' },
  vertexai: { id: 'vertex' },
  openrouter: { id: 'openrouter' },
  mistral: { id: 'mistral' },
  groq: { id: 'groq' },
  deepseek: { id: 'deepseek' },
  xAI: { id: 'xai' },
  together: { id: 'together' },
  fireworks: { id: 'fireworks' },
  cohere: { id: 'cohere' },
  cerebras: { id: 'cerebras' },
  moonshot: { id: 'moonshot' },
  siliconflow: { id: 'siliconflow' },
  zAI: { id: 'zai' },
  ollama: { id: 'ollama' },
  lmstudio: { id: 'lmstudio' },
  'llama.cpp': { id: 'llamacpp', defaultUrl: 'http://127.0.0.1:8080/' },
  vllm: { id: 'vllm' },
  // Msty serves the Ollama API (Ollama under the hood) on its own port.
  msty: { id: 'ollama', defaultUrl: 'http://localhost:10000' },
  'text-gen-webui': { id: 'custom', defaultUrl: 'http://localhost:5000/v1/' },
  docker: { id: 'custom', defaultUrl: 'http://localhost:12434/engines/v1/' },
  lemonade: { id: 'custom', defaultUrl: 'http://localhost:8000/api/v1/' },
  llamafile: { id: 'custom', defaultUrl: 'http://localhost:8080/v1' },
};

/** The choice for a Continue provider id; an unknown one becomes custom when it has a URL. */
export function continueProvider(id: string): ProviderChoice {
  return CONTINUE_PROVIDERS[id] ?? { compatible: true };
}

/** Continue's `capabilities` list (`tool_use`, `image_input`) as our overrides. */
export function continueCapabilities(list: unknown, contextLength: unknown): { toolCalling?: boolean; imageInput?: boolean; contextWindow?: number } | undefined {
  const out: { toolCalling?: boolean; imageInput?: boolean; contextWindow?: number } = {};
  if (Array.isArray(list)) {
    if (list.includes('tool_use')) out.toolCalling = true;
    if (list.includes('image_input')) out.imageInput = true;
  }
  if (typeof contextLength === 'number' && Number.isInteger(contextLength) && contextLength >= 1 && contextLength <= 10_000_000) {
    out.contextWindow = contextLength;
  }
  return Object.keys(out).length ? out : undefined;
}
