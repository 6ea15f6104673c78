// What a wire dialect implements, and the request helper they all use.
import type { CallContext } from '../callContext';
import { classifyHttpFailure, type RequestPurpose } from '../classify';
import { send } from '../http';
import { parseJsonBody } from '../json';
import type { ModelInfo, ProviderInfo } from '../types';
import { joinUrl } from '../url';

/** Everything a dialect needs for one call. */
export interface DialectCall {
  ctx: CallContext;
  info: ProviderInfo;
  /** Normalised base URL (the connection's `apiUrl`, else the catalogue default). */
  baseUrl: string;
  apiKey?: string;
  /** The connection's custom headers (credentials: same-origin only). */
  customHeaders: Record<string, string>;
}

export interface Dialect {
  /** The headers that carry the key; empty when there is none (e.g. Ollama sends no Authorization then). */
  credentials(apiKey: string | undefined): Record<string, string>;
  /** Headers the API requires on every request that are not secret. */
  protocolHeaders?: Record<string, string>;
  /** Every model of the provider (raw: the caller de-duplicates and sorts). */
  listModels(call: DialectCall): Promise<ModelInfo[]>;
  /** A 1-token completion; resolves when the provider accepted it. */
  probeCompletion(call: DialectCall, model: string): Promise<void>;
  /** Whether a listed id is the model the user named (Ollama's `:latest`, Gemini's `models/`). */
  sameModel?(wanted: string, listedId: string): boolean;
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
}

/** One JSON request with the dialect's headers; a non-2xx status becomes the classified ProviderError. */
export async function requestJson(call: DialectCall, dialect: Dialect, request: JsonRequest): Promise<unknown> {
  const url = /^https?:\/\//i.test(request.path) ? request.path : joinUrl(request.baseUrl ?? call.baseUrl, request.path, request.query);
  const response = await send(call.ctx, {
    method: request.method,
    url,
    ...(dialect.protocolHeaders === undefined ? {} : { headers: dialect.protocolHeaders }),
    credentials: { ...dialect.credentials(call.apiKey), ...call.customHeaders },
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
