// Public types of the providers module (re-exported by index.ts). No vscode, no Node imports.

export type ProviderId = string;

export interface ProviderTarget {
  provider: ProviderId;
  /** Replaces the provider's default base URL (same form, e.g. `http://127.0.0.1:8080/v1`). */
  apiUrl?: string;
  apiKey?: string;
  model?: string;
  /** Extra headers of the connection. Treated as credentials: sent only to the base URL's origin. */
  headers?: Record<string, string>;
  /** Bounds the whole call (every page, redirect and body read). Default 15 000. */
  timeoutMs?: number;
}

export interface ModelInfo {
  id: string;
  label?: string;
  contextLength?: number;
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
  /** Where users get a key; shown next to missing/invalid key messages. */
  keyUrl?: string;
  /** What a placeholder in `defaultUrl` means, for the "set the API URL" message. */
  urlHint?: string;
}
