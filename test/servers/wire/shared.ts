// Helpers shared by the dialect handlers of the test servers.
import type { ChatScript, Fault, ProviderServerOptions, Reply, ScriptedToolCall, ServerModel, ServerRequest } from '../types';

export interface WireContext {
  options: ProviderServerOptions;
  models: ServerModel[];
  /** Origin of this server, e.g. `http://127.0.0.1:1234`. */
  origin: string;
  /** Per-server scratch state (issued tokens, key pairs). */
  state: Map<string, unknown>;
}

export type DialectFaultKind = Extract<Fault['kind'], 'rateLimit' | 'quota' | 'overloaded' | 'serverError'>;

export type StreamErrorKind = 'overloaded' | 'rateLimit' | 'serverError';

/** One write of a chat stream: text for the text wires, bytes for binary framing (Bedrock's event stream). */
export type StreamFrame = string | Uint8Array;

/** How one dialect writes one streamed chat reply (made per request: frames may depend on what came before). */
export interface ChatStreamWire {
  contentType: string;
  /** Everything before the first text delta; `reasoning` in the dialect's reasoning shape; `usage` for wires that report input tokens up front (Anthropic `message_start`). */
  open(reasoning: readonly string[], usage?: ChatScript['usage']): StreamFrame[];
  delta(text: string): StreamFrame;
  /** The scripted tool calls in the dialect's shape, after the last delta (then `close` ends with a tool-use finish). */
  toolCalls?(calls: readonly ScriptedToolCall[]): StreamFrame[];
  /** What follows the last delta (and the tool calls), ending with the dialect's end marker; `usage` where scripted. */
  close(usage?: ChatScript['usage']): StreamFrame[];
  /** The dialect's own mid-stream error event. */
  error(kind: StreamErrorKind): StreamFrame;
  /** The start of one event of about `chars` characters that never ends (default: a text SSE/NDJSON event). */
  hugeEvent?(chars: number): StreamFrame;
}

/** A reply that is a chat stream: the server writes it as the chat script says. */
export interface StreamReply {
  stream: ChatStreamWire;
}

export function isStreamReply(reply: Reply | StreamReply): reply is StreamReply {
  return 'stream' in reply;
}

/** One SSE event (`event:` line only when named); `eol` lets Gemini use CRLF as it does. */
export function sse(data: unknown, event?: string, eol = '\n'): string {
  const text = typeof data === 'string' ? data : JSON.stringify(data);
  return `${event === undefined ? '' : `event: ${event}${eol}`}data: ${text}${eol}${eol}`;
}

export function ndjson(data: unknown): string {
  return `${JSON.stringify(data)}\n`;
}

export interface Wire {
  /** Path prefix of the API under the origin (the part of `baseUrl` after the origin). */
  prefix: string;
  handle(request: ServerRequest, context: WireContext): Reply | StreamReply;
  faultReply(fault: Extract<Fault, { kind: DialectFaultKind }>, context: WireContext): Reply;
}

export function header(request: ServerRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

export function bearerToken(request: ServerRequest): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(header(request, 'authorization') ?? '');
  return match?.[1]?.trim();
}

/** How OpenAI shows a wrong key back: first 3 and last 4 characters around asterisks. */
export function maskKey(key: string, options: ProviderServerOptions): string {
  if (options.echoKeyInErrors) return key;
  return key.length <= 8 ? '*'.repeat(key.length) : `${key.slice(0, 3)}${'*'.repeat(Math.max(4, key.length - 7))}${key.slice(-4)}`;
}

export function parseJson(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function retryHeaders(fault: { retryAfter?: string; retryAfterMs?: number }): Record<string, string> {
  const headers: Record<string, string> = {};
  if (fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter;
  if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs);
  return headers;
}

/** Strips the dialect prefix; undefined when the path is outside the API. */
export function apiPath(request: ServerRequest, prefix: string): string | undefined {
  if (prefix === '') return request.path;
  if (request.path === prefix) return '/';
  return request.path.startsWith(`${prefix}/`) ? request.path.slice(prefix.length) : undefined;
}

export interface PageSlice {
  models: ServerModel[];
  /** Index of the first model of the next page; absent on the last page. */
  nextIndex?: number;
}

/** A page of the list, honouring the server's paging mode (normal, endless, or a cursor that repeats). */
export function pageOfModels(context: WireContext, startIndex: number, requestedSize: number, maxSize: number): PageSlice {
  const size = Math.max(1, Math.min(requestedSize, maxSize, context.options.maxPageSize ?? Number.POSITIVE_INFINITY));
  switch (context.options.paging ?? 'normal') {
    case 'endless': {
      const models = Array.from({ length: size }, (_, i) => ({ id: `endless-model-${String(startIndex + i).padStart(6, '0')}` }));
      return { models, nextIndex: startIndex + size };
    }
    case 'repeatingCursor':
      // Always the first page, always pointing at the same next page.
      return { models: context.models.slice(0, size), nextIndex: size };
    case 'normal': {
      const models = context.models.slice(startIndex, startIndex + size);
      const nextIndex = startIndex + size;
      return nextIndex < context.models.length ? { models, nextIndex } : { models };
    }
  }
}

/** Index after a model id (Anthropic's `after_id`), including the ids the endless mode invents. */
export function indexAfterId(context: WireContext, id: string): number {
  const endless = /^endless-model-(\d+)$/.exec(id);
  if (endless?.[1]) return Number(endless[1]) + 1;
  const index = context.models.findIndex((m) => m.id === id);
  return index < 0 ? context.models.length : index + 1;
}

export function numberParam(request: ServerRequest, name: string, fallback: number): number {
  const raw = request.query.get(name);
  const value = raw === null ? NaN : Number(raw);
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback;
}

export function modelExists(context: WireContext, id: string): boolean {
  return context.models.some((m) => m.id === id);
}

/** A scripted call's arguments as JSON text, cut into its fragments (at least one, possibly empty). */
export function argumentFragments(call: ScriptedToolCall): string[] {
  const text = typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments);
  const count = Math.max(1, call.fragments ?? 1);
  const size = Math.ceil(text.length / count) || 1;
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(text.slice(i * size, (i + 1) * size));
  return out;
}

/** A scripted call's arguments as an object (for dialects that send objects, not JSON text). */
export function argumentObject(call: ScriptedToolCall): unknown {
  return typeof call.arguments === 'string' ? JSON.parse(call.arguments) : call.arguments;
}

/** A 400 in the shape the test wants, when a request breaks a rule of the wire; undefined when it holds. */
export type WireRuleCheck = (json: Record<string, unknown>) => string | undefined;
