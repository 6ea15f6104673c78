// Public types of the providers module (re-exported by index.ts). No vscode, no Node imports.

export type ProviderId = string;

export interface ProviderTarget {
  provider: ProviderId;
  /** Replaces the provider's default base URL (same form, e.g. `http://127.0.0.1:8080/v1`). */
  apiUrl?: string;
  apiKey?: string;
  /** The environment variable the key was to be read from: a missing key then names it. */
  apiKeyEnv?: string;
  model?: string;
  /** Extra headers of the connection. Treated as credentials: sent only to the base URL's origin. */
  headers?: Record<string, string>;
  /** Bounds the whole call (every page, redirect and body read). Default 15 000. */
  timeoutMs?: number;
  /** The model's context window (its capabilities), for wires that must be told it (Ollama's `num_ctx`). */
  contextWindow?: number;
  /** The model's output limit; wires that require a `max_tokens` (Anthropic, Bedrock) default to it in chat. */
  maxOutputTokens?: number;
  /** `false`: the model takes no images, so a request with one is refused before anything is sent. */
  imageInput?: boolean;
}

export interface ModelInfo {
  id: string;
  label?: string;
  contextLength?: number;
  /** What the provider's list says about the model, where it says it (OpenRouter, Anthropic, Gemini, Ollama, …). */
  maxOutputTokens?: number;
  toolCalling?: boolean;
  imageInput?: boolean;
}

/** What a model can do, as VS Code's chat needs to know it (see capabilities.ts for where each value comes from). */
export interface ModelCapabilities {
  toolCalling: boolean;
  imageInput: boolean;
  contextWindow: number;
  maxOutputTokens: number;
  /** Chosen so VS Code picks the matching agent prompt and edit tools (`claude…`, `gemini…`, `gpt…`). */
  family: string;
}

export type TestCategory =
  | 'ok'
  | 'invalid_key'
  | 'wrong_url'
  | 'model_not_found'
  | 'rate_limited'
  | 'quota_exceeded'
  | 'timeout'
  | 'network'
  | 'tls'
  | 'server_error'
  | 'bad_response'
  | 'missing_key';

export type FailureCategory = Exclude<TestCategory, 'ok'>;

export interface TestResult {
  ok: boolean;
  category: TestCategory;
  message: string;
  status?: number;
  latencyMs: number;
  modelCount?: number;
  retryAfterSeconds?: number;
  suggestions?: string[];
}

export interface ListModelsOptions {
  signal?: AbortSignal;
}

export interface TestConnectionOptions {
  signal?: AbortSignal;
  /** Also send a 1-token completion, even when the provider has a free check. */
  full?: boolean;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** Generation settings (a preset's values); each dialect maps them to its own parameter names. */
export interface ChatOptions {
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  stop?: string[];
  /** Aborting it cancels the request; the iteration then rejects with an AbortError. */
  signal?: AbortSignal;
  /**
   * Streaming: how long the reply waits for the next read before it closes the request (default 5 minutes); the
   * read after that throws a `timeout`. Keeps a consumer that stops reading from holding a socket open forever.
   */
  consumerIdleMs?: number;
}

/** A tool the model may call; `inputSchema` is a JSON Schema object. */
export interface ChatTool {
  name: string;
  description: string;
  inputSchema?: object;
}

/** A part of a message in the history sent to the provider. */
export type ChatContentPart =
  | { type: 'text'; text: string }
  | { type: 'image'; mimeType: string; data: Uint8Array }
  /** Assistant turns: a call the model made (`metadata`: what the wire needs back with it, e.g. Gemini's thought signature). */
  | { type: 'toolCall'; id: string; name: string; input: Record<string, unknown>; metadata?: Record<string, unknown> }
  /** User turns: the result of the call with id `callId`. */
  | { type: 'toolResult'; callId: string; content: string; isError?: boolean }
  /** Assistant turns: reasoning the provider streamed, with its signature in `metadata` where it gave one. */
  | { type: 'thinking'; text: string; metadata?: Record<string, unknown> };

export interface RichChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string | ChatContentPart[];
}

/** A part of a streamed reply. */
export type ChatPart =
  | { type: 'text'; text: string }
  /** Yielded once, complete, with its input parsed. */
  | { type: 'toolCall'; id: string; name: string; input: Record<string, unknown>; metadata?: Record<string, unknown> }
  | { type: 'thinking'; text: string; metadata?: Record<string, unknown> }
  /** Yielded once, at the end, when the provider reported non-zero counts. */
  | { type: 'usage'; inputTokens: number; outputTokens: number; cachedInputTokens?: number };

export interface ChatToolOptions extends ChatOptions {
  tools?: ChatTool[];
  /** `required`: the model must call a tool. `auto` (default): it may. */
  toolChoice?: 'auto' | 'required';
}

/** The wire dialects; each has one implementation in `dialects/`. */
export type DialectId = 'openai' | 'anthropic' | 'gemini' | 'ollama' | 'azure-openai' | 'cohere' | 'bedrock' | 'vertex';

/**
 * How testConnection proves the key:
 * - `list-models`: the model list endpoint needs the key, so listing proves it;
 * - `free-check`: a dedicated free endpoint (`freeCheck`) is asked first (it proves the key where the provider
 *   needs one, reachability or readiness otherwise), then the list is read;
 * - `completion`: nothing free exists, so a 1-token completion is the test (Azure deployments, Perplexity).
 */
export type TestStrategy = 'list-models' | 'free-check' | 'completion';

export interface FreeCheck {
  method: 'GET' | 'POST';
  /** Relative to the base URL. */
  path: string;
}

export interface ProviderInfo {
  id: ProviderId;
  label: string;
  /** Base URL in the form `apiUrl` takes. May hold a `{resource}`-style placeholder the user must fill. */
  defaultUrl: string;
  keyRequired: boolean;
  dialect: DialectId;
  testStrategy: TestStrategy;
  /** Free endpoint asked before the list (strategy `free-check`). */
  freeCheck?: FreeCheck;
  /** Whether the provider has a model list endpoint. When false, `knownModels` is what listModels returns. */
  hasModelList: boolean;
  /** Ids offered when there is no list endpoint. */
  knownModels?: readonly string[];
  /** Runs on the user's machine or network (no key needed by default, plain http expected). */
  local: boolean;
  /** Keep only these Together-style model `type`s, when the list says. */
  modelTypes?: readonly string[];
  /** The body field that caps a completion's length (OpenAI's newer models refuse `max_tokens`). */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
  /**
   * Rules a wire adds to the OpenAI format: tool call ids of exactly 9 alphanumerics (Mistral); the reasoning of
   * an assistant turn sent back as `reasoning_content` on tool turns (DeepSeek, Moonshot refuse a tool turn without it);
   * no `stream_options` (Mistral refuses fields it does not know, and reports usage unasked).
   */
  chatQuirks?: { nineCharacterCallIds?: boolean; sendReasoningBack?: boolean; noStreamOptions?: boolean };
  /** Where users get a key; shown next to missing/invalid key messages. */
  keyUrl?: string;
  /** What a placeholder in `defaultUrl` means, for the "set the API URL" message. */
  urlHint?: string;
}
