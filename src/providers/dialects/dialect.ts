// What a wire dialect implements, and the request helper they all use.
import type { CallContext } from '../callContext';
import { classifyHttpFailure, type RequestPurpose } from '../classify';
import { open, readOpened, send, type OpenedResponse } from '../http';
import { parseJsonBody } from '../json';
import { ProviderError } from '../providerError';
import type { ChatOptions, ChatPart, ChatToolOptions, ModelInfo, ProviderInfo, RichChatMessage } from '../types';
import { joinUrl, originOf } from '../url';

/** Everything a dialect needs for one call. */
export interface DialectCall {
  ctx: CallContext;
  info: ProviderInfo;
  /** Normalised base URL (the connection's `apiUrl`, else the catalogue default). */
  baseUrl: string;
  apiKey?: string;
  /** The connection's custom headers (credentials: same-origin only). */
  customHeaders: Record<string, string>;
  /** The model's context window, where the caller knows it (Ollama must be told: `num_ctx`). */
  contextWindow?: number;
}

export interface Dialect {
  /** The headers that carry the key; empty when there is none (e.g. Ollama sends no Authorization then). */
  credentials(apiKey: string | undefined): Record<string, string>;
  /** Headers the API requires on every request that are not secret. */
  protocolHeaders?: Record<string, string>;
  /** Every model of the provider (raw: the caller de-duplicates and sorts). */
  listModels(call: DialectCall): Promise<ModelInfo[]>;
  /**
   * Details a list leaves out, asked per model (Ollama's `/api/show`: tools, vision, window). Only the public
   * listModels calls it; a connection test does not pay for it.
   */
  describeModels?(call: DialectCall, models: ModelInfo[]): Promise<ModelInfo[]>;
  /** A 1-token completion; resolves when the provider accepted it. */
  probeCompletion(call: DialectCall, model: string): Promise<void>;
  /** Whether a listed id is the model the user named (Ollama's `:latest`, Gemini's `models/`). */
  sameModel?(wanted: string, listedId: string): boolean;
  /**
   * The streaming chat request for a rich history (tools, images, results, thinking); absent for a dialect that
   * cannot stream (streamChatParts then says so, and the extension offers the connection nowhere a reply is made).
   */
  chatStream?(call: DialectCall, model: string, messages: RichChatMessage[], options: ChatToolOptions): ChatStreamSpec | Promise<ChatStreamSpec>;
  /** Whether the wire can carry images at all (the model may still refuse; its capabilities say). */
  imageInput?: boolean;
}

/** One SSE event, one NDJSON line (as `data`), or one AWS event-stream message (`event` = its `:event-type`). */
export interface StreamEvent {
  event?: string;
  data: string;
}

/** What one event means for the reply. */
export interface StreamStep {
  /** Parts of the reply, in order: text exactly as sent (never reasoning), thinking, complete tool calls, usage. */
  parts?: ChatPart[];
  /** The dialect's end marker: the reply is complete, stop reading. */
  done?: boolean;
  /** The reply is complete (a finish reason) though the end marker may still follow; a clean end after it is fine. */
  complete?: boolean;
}

/** A dialect's streaming chat request and how to read what comes back. */
export interface ChatStreamSpec {
  /** Relative to the base URL. */
  path: string;
  query?: Record<string, string | number | undefined>;
  body: unknown;
  /** `sse`: text/event-stream; `ndjson`: one JSON object per line (Ollama); `aws-eventstream`: binary frames (Bedrock). */
  format: 'sse' | 'ndjson' | 'aws-eventstream';
  /** Replaces the dialect's key headers (Vertex sends an access token, not the key). */
  credentials?: Record<string, string>;
  /** Reads one event; throws a ProviderError for the provider's error event. Made per request, so it may keep state. */
  read(event: StreamEvent, ctx: CallContext): StreamStep;
  /** Parts held back until the reply is complete (usage reported after the last chunk); called once, at the end. */
  finish?(): ChatPart[];
}

/** A step with one text part (none for an empty string). */
export function textParts(text: unknown): ChatPart[] | undefined {
  return typeof text === 'string' && text !== '' ? [{ type: 'text', text }] : undefined;
}

/** The `usage` part when the provider reported non-zero counts. */
export function usagePart(inputTokens: unknown, outputTokens: unknown, cachedInputTokens?: unknown): ChatPart[] {
  const input = typeof inputTokens === 'number' && inputTokens > 0 ? inputTokens : 0;
  const output = typeof outputTokens === 'number' && outputTokens > 0 ? outputTokens : 0;
  if (input === 0 && output === 0) return [];
  const cached = typeof cachedInputTokens === 'number' && cachedInputTokens > 0 ? { cachedInputTokens } : {};
  return [{ type: 'usage', inputTokens: input, outputTokens: output, ...cached }];
}

const ACCEPT: Record<ChatStreamSpec['format'], string> = {
  sse: 'text/event-stream',
  ndjson: 'application/x-ndjson',
  'aws-eventstream': 'application/vnd.amazon.eventstream',
};

/**
 * Sends a streaming request (same redirect and credential rules as every request) and returns the response with
 * its body unread. A non-2xx status is read (capped) and thrown as the classified ProviderError.
 */
export async function openChatStream(call: DialectCall, dialect: Dialect, spec: ChatStreamSpec, model: string): Promise<OpenedResponse> {
  const opened = await open(call.ctx, {
    method: 'POST',
    url: joinUrl(call.baseUrl, spec.path, spec.query),
    headers: { ...dialect.protocolHeaders, accept: ACCEPT[spec.format] },
    credentials: { ...(spec.credentials ?? dialect.credentials(call.apiKey)), ...call.customHeaders },
    body: spec.body,
  });
  const { status } = opened.response;
  if (status < 200 || status >= 300) {
    throw classifyHttpFailure(await readOpened(call.ctx, opened), call.ctx, 'completion', model);
  }
  return opened;
}

/** An event's JSON object; anything else is a `bad_response`. */
export function eventJson(event: StreamEvent): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(event.data);
  } catch {
    value = undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ProviderError('bad_response', 'The provider sent a part of the reply that is not valid JSON, so the reply cannot be read.');
  }
  return value as Record<string, unknown>;
}

/** The sampling settings that are set, under the dialect's own names (unset ones are left out). */
export function presetFields(options: ChatOptions, names: { temperature: string; topP: string; maxTokens: string; stop: string }): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (typeof options.temperature === 'number') fields[names.temperature] = options.temperature;
  if (typeof options.topP === 'number') fields[names.topP] = options.topP;
  if (typeof options.maxTokens === 'number') fields[names.maxTokens] = options.maxTokens;
  if (options.stop !== undefined && options.stop.length > 0) fields[names.stop] = [...options.stop];
  return fields;
}

export interface JsonRequest {
  purpose: RequestPurpose;
  method: 'GET' | 'POST';
  /** Relative to the base URL, or absolute. */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** Form body instead of JSON (OAuth token endpoints). */
  form?: Record<string, string>;
  /** Named in model_not_found messages. */
  model?: string;
  /** Overrides the base URL (Bedrock lists on its control-plane host). */
  baseUrl?: string;
  /**
   * What may go to a URL outside the connection's own origin. Credentials are bound to the connection's origin:
   * there the key and the custom headers go; elsewhere nothing, unless the dialect names that host as one the
   * key is for (`key`: Bedrock's control plane beside its runtime host). Custom headers never leave the origin.
   */
  elsewhere?: 'key';
}

/** The headers that carry credentials for a request to `url` (see JsonRequest.elsewhere). */
export function credentialsFor(call: DialectCall, dialect: Dialect, url: string, elsewhere?: 'key'): Record<string, string> {
  if (originOf(url) === originOf(call.baseUrl)) return { ...dialect.credentials(call.apiKey), ...call.customHeaders };
  return elsewhere === 'key' ? dialect.credentials(call.apiKey) : {};
}

/** One JSON request with the dialect's headers; a non-2xx status becomes the classified ProviderError. */
export async function requestJson(call: DialectCall, dialect: Dialect, request: JsonRequest): Promise<unknown> {
  const url = /^https?:\/\//i.test(request.path) ? request.path : joinUrl(request.baseUrl ?? call.baseUrl, request.path, request.query);
  const response = await send(call.ctx, {
    method: request.method,
    url,
    ...(dialect.protocolHeaders === undefined ? {} : { headers: dialect.protocolHeaders }),
    credentials: credentialsFor(call, dialect, url, request.elsewhere),
    ...(request.body === undefined ? {} : { body: request.body }),
    ...(request.form === undefined ? {} : { form: request.form }),
  });
  if (response.status < 200 || response.status >= 300) {
    throw classifyHttpFailure(response, call.ctx, request.purpose, request.model);
  }
  return parseJsonBody(response);
}

export const PROBE_PROMPT = 'Reply with OK.';

/** Credentials in one header (`Bearer ` + key, or the bare key); none at all without a key. */
export function keyHeader(name: string, prefix = ''): Dialect['credentials'] {
  return (apiKey) => {
    const headers: Record<string, string> = {};
    if (apiKey) headers[name] = `${prefix}${apiKey}`;
    return headers;
  };
}

export const bearerKey = keyHeader('authorization', 'Bearer ');
