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
