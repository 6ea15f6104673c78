// Typed API of the local provider servers (used by the unit, integration and UI tiers).
import type { IncomingHttpHeaders } from 'node:http';

/** Wire formats the servers speak. OpenAI-family flavours differ in auth errors, list shape and free checks. */
export type ServerDialect =
  | 'openai'
  | 'mistral'
  | 'together'
  | 'openrouter'
  | 'xai'
  | 'llamacpp'
  | 'perplexity'
  | 'azure-openai'
  | 'anthropic'
  | 'gemini'
  | 'ollama'
  | 'cohere'
  | 'bedrock'
  | 'vertex';

export interface ServerModel {
  id: string;
  label?: string;
  contextLength?: number;
  /** Gemini `supportedGenerationMethods` (default `['generateContent', 'countTokens']`). */
  generationMethods?: string[];
  /** Together `type` (default `chat`). */
  type?: string;
  /** Ollama `/api/show` `capabilities` (default `['completion', 'tools']`). */
  capabilities?: string[];
}

/** A response the server sends instead of the normal one. */
export type Fault =
  /** Any status and body (JSON when an object, raw when a string). */
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  /** The dialect's own 429 rate-limit error, with `retry-after` (seconds or HTTP date), `retry-after-ms`, or Gemini RetryInfo. */
  | { kind: 'rateLimit'; retryAfter?: string; retryAfterMs?: number; retryDelay?: string }
  /** The dialect's own billing/credit error (OpenAI 429 insufficient_quota, OpenRouter 402, ...). */
  | { kind: 'quota' }
  /** The dialect's own overload error (Anthropic 529, others 503). */
  | { kind: 'overloaded' }
  /** The dialect's own 500. */
  | { kind: 'serverError' }
  /** An HTML page (a web site or a proxy's error page) with the given status (default 200). */
  | { kind: 'html'; status?: number }
  /** 200 with a body that is not JSON. */
  | { kind: 'invalidJson' }
  /** 200 and headers at once, then the body one byte every `intervalMs`. */
  | { kind: 'trickle'; intervalMs: number }
  /** 200 with a body of `bytes` bytes, streamed; `declareLength` sends Content-Length up front. */
  | { kind: 'huge'; bytes: number; declareLength?: boolean }
  /** Never answers (no status line, no headers). */
  | { kind: 'stall' }
  /** Sends 200 headers, then nothing. */
  | { kind: 'stallBody' }
  /** Closes the socket without answering. */
  | { kind: 'destroy' }
  /** Redirects (default 302) to `location` (absolute, e.g. another server's URL). */
  | { kind: 'redirect'; location: string; status?: number };

export interface FaultRule {
  /** Matches the request path (without query): exact string or RegExp. All paths when absent. */
  path?: string | RegExp;
  method?: string;
  /** Applies to the first N matching requests only. Every match when absent. */
  times?: number;
  fault: Fault;
}

export type PagingMode = 'normal' | 'endless' | 'repeatingCursor';

export interface ProviderServerOptions {
  dialect: ServerDialect;
  /** The key the server accepts. Absent: no auth required (a local server without a key). */
  apiKey?: string;
  /** The models listed (default: a realistic list for the dialect). */
  models?: ServerModel[];
  /** Largest page the server returns, whatever the client asks (to exercise paging). Default: the API's own max. */
  maxPageSize?: number;
  paging?: PagingMode;
  /** Mistral only: the current `{object:'list', data}` shape (default) or the older bare array. */
  mistralShape?: 'list' | 'bare';
  /** Azure only: deployment names the chat endpoint accepts (default: the model ids). */
  deployments?: string[];
  /** llama.cpp only: `/health` says the model is still loading (503). */
  loading?: boolean;
  /** Error messages echo the key in full (some proxies do), to exercise redaction. */
  echoKeyInErrors?: boolean;
  faults?: FaultRule[];
  /** Serve HTTPS with a self-signed certificate. */
  tls?: boolean;
  /** What the chat streaming endpoints stream (default: `DEFAULT_CHAT_DELTAS`, no fault). See `setChat`. */
  chat?: ChatScriptSource;
}

/**
 * A scripted streamed chat reply. Served, in the dialect's real wire format, by the streaming endpoint of each
 * dialect: OpenAI family `POST …/chat/completions` with `stream: true` (SSE, `data: [DONE]`), Anthropic
 * `POST /v1/messages` with `stream: true`, Gemini `POST /v1beta/models/{m}:streamGenerateContent?alt=sse`,
 * Vertex `…/publishers/google/models/{m}:streamGenerateContent?alt=sse`, Ollama `POST /api/chat` (NDJSON,
 * streams unless `stream: false`), Cohere `POST /v2/chat` with `stream: true`. Auth, model and body checks come
 * first, exactly as for the non-streaming calls; HTTP-level `faults` rules still apply before everything.
 */
export interface ChatScript {
  /** The reply text, one event (or NDJSON line) per delta, in order, sent as is. */
  deltas?: string[];
  /**
   * Reasoning sent before the text in the dialect's own reasoning shape (OpenAI-family `reasoning_content`
   * (OpenRouter: `reasoning`), Anthropic `thinking_delta`, Gemini `thought: true` parts, Ollama
   * `message.thinking`, Cohere `thinking` content). Never reply text.
   */
  reasoning?: string[];
  /**
   * Tool calls the model makes after the text, in the dialect's own shape (OpenAI `tool_calls` fragments, Anthropic
   * `tool_use` + `input_json_delta`, Gemini `functionCall`, Ollama `message.tool_calls`, Cohere `tool-call-*`, Bedrock
   * `toolUse`). The stream then ends with the dialect's "tool use" finish reason.
   */
  toolCalls?: ScriptedToolCall[];
  /** Token counts the dialect reports at the end (default: none reported where the dialect allows it). */
  usage?: { inputTokens: number; outputTokens: number; cachedInputTokens?: number };
  /** Milliseconds before each delta (default 0: all at once). */
  intervalMs?: number;
  /** Something going wrong partway through the stream. */
  fault?: StreamFault;
}

export interface ScriptedToolCall {
  /** The provider's call id (dialects without ids ignore it; a default is made where the dialect has them). */
  id?: string;
  name: string;
  /** The JSON arguments exactly as sent (may be deliberately invalid); an object is serialised. */
  arguments: string | Record<string, unknown>;
  /** Stream the arguments in this many fragments (default 1), where the dialect streams them in pieces. */
  fragments?: number;
  /** Gemini: the `thoughtSignature` sent with the call. */
  thoughtSignature?: string;
}

/** A chat script, or one chosen per request from its parsed body (a tool loop: call first, answer once a result is in). */
export type ChatScriptSource = ChatScript | ((requestJson: Record<string, unknown>) => ChatScript);

/** `afterDeltas`: how many text deltas are written before the fault strikes (reasoning and opening frames are always sent first). */
export type StreamFault =
  /** Destroys the socket: no end marker, no clean end of the response. */
  | { kind: 'cut'; afterDeltas: number }
  /** Ends the response cleanly but without the dialect's end marker (default: after every delta). */
  | { kind: 'noEndMarker'; afterDeltas?: number }
  /** The dialect's own mid-stream error event (default kind `serverError`), then ends the response. */
  | { kind: 'errorEvent'; afterDeltas: number; error?: 'overloaded' | 'rateLimit' | 'serverError' }
  /** Waits `gapMs` before the next delta (0: right after the headers and opening frames). */
  | { kind: 'gap'; afterDeltas: number; gapMs: number }
  /** One event of about `chars` characters that never ends, then silence (exercises the client's event-size cap). */
  | { kind: 'hugeEvent'; afterDeltas?: number; chars: number };

export type ChatStreamOutcome = 'completed' | 'cut' | 'clientClosed';

/** One streamed chat response, as the server saw it. */
export interface ChatStreamRecord {
  /** The request that started it (its body holds the wire parameters). */
  request: RecordedRequest;
  /** The request body, parsed. */
  json: Record<string, unknown>;
  /** Text deltas written so far. */
  readonly deltasSent: number;
  /** Undefined while the response is in flight. */
  readonly outcome: ChatStreamOutcome | undefined;
  /**
   * Resolves when the response is over: `completed` (the server ended it, with or without the end marker),
   * `cut` (a `cut` fault destroyed the socket), `clientClosed` (the client closed the connection first).
   */
  readonly ended: Promise<ChatStreamOutcome>;
  /** Resolves when the client closes the connection before the server has ended the response; never otherwise. */
  readonly clientClosed: Promise<void>;
}

export interface RecordedRequest {
  method: string;
  /** Path without the query. */
  path: string;
  /** Path with the query, as received. */
  url: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface ProviderServer {
  /** Origin, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** The base URL a connection's `apiUrl` takes for this dialect (origin + the dialect's path prefix). */
  baseUrl: string;
  port: number;
  /** Every request seen, in order. */
  readonly requests: RecordedRequest[];
  /** Replaces the fault rules (e.g. between steps of a test). */
  setFaults(rules: FaultRule[]): void;
  /** Whether any request carried `value` in a header, its URL or its body; for "never saw the key" assertions. */
  sawValue(value: string): boolean;
  /** Replaces the chat script for the streams that start from now on. */
  setChat(script: ChatScriptSource): void;
  /** Every chat stream served, in order. */
  readonly chatStreams: readonly ChatStreamRecord[];
  /** The chat stream number `index` (0-based, default 0), once it has started. */
  chatStream(index?: number): Promise<ChatStreamRecord>;
  close(): Promise<void>;
}

/** What a dialect handler sees. */
export interface ServerRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Reply {
  status: number;
  /** JSON when not a string. */
  body?: unknown;
  headers?: Record<string, string>;
}
