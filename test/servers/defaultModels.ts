// Realistic model lists per dialect (ids as the real APIs list them).
import type { ServerDialect, ServerModel } from './types';

export function defaultModels(dialect: ServerDialect): ServerModel[] {
  switch (dialect) {
    case 'anthropic':
      return [
        { id: 'claude-opus-4-1-20250805', label: 'Claude Opus 4.1', contextLength: 200000 },
        { id: 'claude-sonnet-4-5-20250929', label: 'Claude Sonnet 4.5', contextLength: 200000 },
        { id: 'claude-3-5-haiku-20241022', label: 'Claude Haiku 3.5', contextLength: 200000 },
      ];
    case 'gemini':
    case 'vertex':
      return [
        { id: 'gemini-2.5-pro', label: 'Gemini 2.5 Pro', contextLength: 1048576 },
        { id: 'gemini-2.5-flash', label: 'Gemini 2.5 Flash', contextLength: 1048576 },
        { id: 'gemini-2.0-flash', label: 'Gemini 2.0 Flash', contextLength: 1048576 },
        { id: 'text-embedding-004', label: 'Text Embedding 004', contextLength: 2048, generationMethods: ['embedContent'] },
      ];
    case 'ollama':
      return [{ id: 'llama3.1:8b' }, { id: 'llama3:latest' }, { id: 'qwen2.5-coder:7b' }];
    case 'cohere':
      return [{ id: 'command-a-03-2025', contextLength: 256000 }, { id: 'command-r-plus-08-2024', contextLength: 128000 }, { id: 'command-r7b-12-2024', contextLength: 128000 }];
    case 'bedrock':
      return [
        { id: 'anthropic.claude-3-5-haiku-20241022-v1:0', label: 'Claude 3.5 Haiku' },
        { id: 'amazon.nova-pro-v1:0', label: 'Nova Pro' },
        { id: 'us.anthropic.claude-sonnet-4-20250514-v1:0', label: 'US Claude Sonnet 4' },
      ];
    case 'together':
      return [
        { id: 'meta-llama/Llama-3.3-70B-Instruct-Turbo', label: 'Llama 3.3 70B Instruct Turbo', contextLength: 131072, type: 'chat' },
        { id: 'Qwen/Qwen2.5-Coder-32B-Instruct', label: 'Qwen 2.5 Coder 32B', contextLength: 32768, type: 'chat' },
        { id: 'BAAI/bge-large-en-v1.5', label: 'BGE large', contextLength: 512, type: 'embedding' },
      ];
    case 'mistral':
      return [
        { id: 'mistral-large-latest', contextLength: 131072 },
        { id: 'mistral-small-latest', contextLength: 32768 },
        { id: 'codestral-latest', contextLength: 262144 },
      ];
    case 'openrouter':
      return [
        { id: 'openai/gpt-4o', label: 'OpenAI: GPT-4o', contextLength: 128000 },
        { id: 'anthropic/claude-sonnet-4.5', label: 'Anthropic: Claude Sonnet 4.5', contextLength: 1000000 },
        { id: 'meta-llama/llama-3.3-70b-instruct', label: 'Meta: Llama 3.3 70B Instruct', contextLength: 131072 },
      ];
    case 'perplexity':
      return [{ id: 'sonar' }, { id: 'sonar-pro' }, { id: 'sonar-reasoning' }, { id: 'sonar-reasoning-pro' }, { id: 'sonar-deep-research' }];
    case 'xai':
      return [{ id: 'grok-4' }, { id: 'grok-3-mini' }, { id: 'grok-code-fast-1' }];
    case 'llamacpp':
      return [{ id: 'qwen2.5-7b-instruct-q4_k_m.gguf' }];
    case 'openai':
    case 'azure-openai':
      return [{ id: 'gpt-4o' }, { id: 'gpt-4o-mini' }, { id: 'gpt-4.1' }, { id: 'o3-mini' }, { id: 'text-embedding-3-small' }];
  }
}
