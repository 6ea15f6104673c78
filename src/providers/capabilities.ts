// What a model can do, for VS Code's chat: from what the provider's list said about it, else a small table of
// known model families, else safe defaults. A connection's overrides (its form's Advanced section) are applied by
// the extension on top of this.
import { getProvider } from './catalogue';
import { MAX_NUM_CTX } from './dialects/ollamaChat';
import type { ModelCapabilities, ModelInfo, ProviderTarget } from './types';

interface Family {
  /** Matched against the model id without vendor prefixes (`anthropic/`, `us.anthropic.`, `models/`, …). */
  pattern: RegExp;
  contextWindow: number;
  maxOutputTokens: number;
  toolCalling: boolean;
  imageInput: boolean;
}

// Published limits of the families people use most (late 2026). Order matters: the first match wins.
const FAMILIES: readonly Family[] = [
  { pattern: /^claude-(opus|sonnet)-4|^claude-(3-7|4)/, contextWindow: 200_000, maxOutputTokens: 64_000, toolCalling: true, imageInput: true },
  { pattern: /^claude-3-5-haiku|^claude-haiku-4/, contextWindow: 200_000, maxOutputTokens: 8_192, toolCalling: true, imageInput: true },
  { pattern: /^claude/, contextWindow: 200_000, maxOutputTokens: 8_192, toolCalling: true, imageInput: true },
  { pattern: /^gpt-5/, contextWindow: 400_000, maxOutputTokens: 128_000, toolCalling: true, imageInput: true },
  { pattern: /^gpt-4\.1/, contextWindow: 1_047_576, maxOutputTokens: 32_768, toolCalling: true, imageInput: true },
  { pattern: /^gpt-4o/, contextWindow: 128_000, maxOutputTokens: 16_384, toolCalling: true, imageInput: true },
  { pattern: /^gpt-oss/, contextWindow: 131_072, maxOutputTokens: 32_768, toolCalling: true, imageInput: false },
  { pattern: /^gpt-4-turbo|^gpt-4$/, contextWindow: 128_000, maxOutputTokens: 4_096, toolCalling: true, imageInput: false },
  { pattern: /^gpt-3\.5/, contextWindow: 16_385, maxOutputTokens: 4_096, toolCalling: true, imageInput: false },
  { pattern: /^o[134](-|$)/, contextWindow: 200_000, maxOutputTokens: 100_000, toolCalling: true, imageInput: true },
  { pattern: /^gemini-(2\.5|3)/, contextWindow: 1_048_576, maxOutputTokens: 65_536, toolCalling: true, imageInput: true },
  { pattern: /^gemini-(2\.0|1\.5)/, contextWindow: 1_048_576, maxOutputTokens: 8_192, toolCalling: true, imageInput: true },
  { pattern: /^gemma/, contextWindow: 131_072, maxOutputTokens: 8_192, toolCalling: false, imageInput: true },
  { pattern: /^grok-code/, contextWindow: 256_000, maxOutputTokens: 10_000, toolCalling: true, imageInput: false },
  { pattern: /^grok-4/, contextWindow: 256_000, maxOutputTokens: 64_000, toolCalling: true, imageInput: true },
  { pattern: /^grok/, contextWindow: 131_072, maxOutputTokens: 8_192, toolCalling: true, imageInput: false },
  { pattern: /^deepseek-(chat|reasoner|v3|r1)/, contextWindow: 128_000, maxOutputTokens: 8_192, toolCalling: true, imageInput: false },
  { pattern: /^(mistral-(large|medium)|magistral|devstral|codestral)/, contextWindow: 131_072, maxOutputTokens: 16_384, toolCalling: true, imageInput: false },
  { pattern: /^pixtral|^mistral-small/, contextWindow: 131_072, maxOutputTokens: 16_384, toolCalling: true, imageInput: true },
  { pattern: /^command-a/, contextWindow: 256_000, maxOutputTokens: 8_192, toolCalling: true, imageInput: false },
  { pattern: /^command-r/, contextWindow: 128_000, maxOutputTokens: 4_096, toolCalling: true, imageInput: false },
  { pattern: /^kimi-k2|^moonshot/, contextWindow: 131_072, maxOutputTokens: 16_384, toolCalling: true, imageInput: false },
  { pattern: /^glm-4/, contextWindow: 131_072, maxOutputTokens: 16_384, toolCalling: true, imageInput: false },
  { pattern: /^qwen.*vl|^llava|^llama-?3\.2-?vision|^llama-?4/, contextWindow: 131_072, maxOutputTokens: 8_192, toolCalling: true, imageInput: true },
  { pattern: /^qwen-?3|^qwen-?2\.5|^qwq/, contextWindow: 131_072, maxOutputTokens: 8_192, toolCalling: true, imageInput: false },
  { pattern: /^llama-?3/, contextWindow: 131_072, maxOutputTokens: 8_192, toolCalling: true, imageInput: false },
  { pattern: /^sonar/, contextWindow: 127_072, maxOutputTokens: 8_192, toolCalling: false, imageInput: true },
];

/** What we assume of a model no one describes: tools (agent mode offers nothing else), no images, a modest window. */
const CLOUD_DEFAULTS = { contextWindow: 128_000, maxOutputTokens: 8_192, toolCalling: true, imageInput: false };
/** Local servers run small models with small windows by default (Ollama allocates what it is told). */
const LOCAL_DEFAULTS = { contextWindow: 32_768, maxOutputTokens: 4_096, toolCalling: true, imageInput: false };

/** The model id without vendor, region and path prefixes, and without an Ollama tag: `claude-sonnet-4-5`. */
export function modelBaseName(id: string): string {
  let name = id.toLowerCase().trim();
  name = name.slice(name.lastIndexOf('/') + 1); // openrouter `anthropic/…`, fireworks `accounts/…/models/…`, `models/…`
  name = name.replace(/^(us|eu|apac|global)\./, '').replace(/^[a-z0-9-]+\.(?=[a-z])/, ''); // bedrock `us.anthropic.…`
  name = name.replace(/:.*$/, ''); // ollama `llama3.2:3b`, bedrock `…-v1:0`
  return name;
}

/**
 * The family VS Code's chat keys its agent prompt and edit tools on: the model's base name (`claude-sonnet-4-5`,
 * `gemini-2.5-pro`, `gpt-5-mini`), so its prefix matching (`claude`, `gemini`, `gpt`) finds the right one.
 */
function familyOf(id: string): string {
  return modelBaseName(id).replace(/-(\d{8}|\d{4}-\d{2}-\d{2}|latest|preview|v\d+)$/, '') || id;
}

export function modelCapabilities(target: Pick<ProviderTarget, 'provider'>, model: ModelInfo): ModelCapabilities {
  const base = modelBaseName(model.id);
  const known = FAMILIES.find((f) => f.pattern.test(base));
  const info = getProvider(target.provider);
  const fallback = info?.local ? LOCAL_DEFAULTS : CLOUD_DEFAULTS;
  const table = known ?? fallback;
  const listed = model.contextLength ?? table.contextWindow;
  // Ollama is told its window (num_ctx) and we cap what we tell it; the prompt budget must not exceed that cap,
  // or Ollama would silently drop the start of the conversation.
  const contextWindow = info?.dialect === 'ollama' ? Math.min(listed, MAX_NUM_CTX) : listed;
  return {
    toolCalling: model.toolCalling ?? table.toolCalling,
    imageInput: model.imageInput ?? table.imageInput,
    contextWindow,
    // An output limit never exceeds the window it shares with the prompt.
    maxOutputTokens: Math.min(model.maxOutputTokens ?? table.maxOutputTokens, Math.max(1, Math.floor(contextWindow / 2))),
    family: familyOf(model.id),
  };
}
