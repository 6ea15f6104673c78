// From a ProviderTarget to what a call needs: the catalogue entry, the base URL, the dialect, a context.
import { CallContext, type CallContextOptions } from './callContext';
import { getProvider } from './catalogue';
import { dialectFor } from './dialects';
import type { Dialect, DialectCall } from './dialects/dialect';
import { ProviderError } from './providerError';
import { redact, secretsOf } from './redact';
import type { ProviderInfo, ProviderTarget } from './types';
import { InvalidUrlError, hasPlaceholder, normalizeBaseUrl } from './url';

/**
 * The base URL a target talks to: its `apiUrl` (normalised) or the provider's default. Throws InvalidUrlError
 * for an invalid URL, an unknown provider, or a default that still needs the user's part (Azure's resource).
 */
export function resolveBaseUrl(target: Pick<ProviderTarget, 'provider' | 'apiUrl'>): string {
  const info = getProvider(target.provider);
  if (!info) throw new InvalidUrlError(`Unknown provider "${target.provider}".`);
  const custom = target.apiUrl?.trim();
  if (custom) return normalizeBaseUrl(custom);
  if (hasPlaceholder(info.defaultUrl)) {
    throw new InvalidUrlError(`${info.label} needs an API URL: ${info.urlHint ?? info.defaultUrl}.`);
  }
  return info.defaultUrl;
}

export interface PreparedCall {
  info: ProviderInfo;
  dialect: Dialect;
  call: DialectCall;
  ctx: CallContext;
}

/**
 * Validates a target before anything is sent: known provider, usable URL, a key where one is required.
 * Throws ProviderError (`wrong_url` or `missing_key`); no request leaves for a target that fails here.
 */
export function prepareCall(target: ProviderTarget, signal: AbortSignal | undefined, contextOptions: CallContextOptions = {}): PreparedCall {
  const info = getProvider(target.provider);
  if (!info) throw new ProviderError('wrong_url', `Unknown provider "${target.provider}".`);
  let baseUrl: string;
  try {
    baseUrl = resolveBaseUrl(target);
  } catch (error) {
    // Before a request there is no call context to redact with; the URL was typed, and may hold a pasted key.
    throw new ProviderError('wrong_url', redact(error instanceof Error ? error.message : String(error), secretsOf(target)));
  }
  const apiKey = target.apiKey?.trim() ? target.apiKey.trim() : undefined;
  if (apiKey === undefined && target.apiKeyEnv) {
    // The user chose the variable: its absence is a missing key even where a key is optional.
    throw new ProviderError('missing_key', `The API key is read from the environment variable ${target.apiKeyEnv}, which is not set (or empty) where VS Code runs.`);
  }
  if (info.keyRequired && apiKey === undefined) {
    throw new ProviderError('missing_key', `${info.label} needs an API key, and none is set for this connection.`);
  }
  const ctx = new CallContext(target.timeoutMs, signal, secretsOf(target), contextOptions);
  const call: DialectCall = {
    ctx,
    info,
    baseUrl,
    customHeaders: { ...target.headers },
    ...(typeof target.contextWindow === 'number' && target.contextWindow > 0 ? { contextWindow: target.contextWindow } : {}),
    ...(apiKey === undefined ? {} : { apiKey }),
  };
  return { info, dialect: dialectFor(info.dialect), call, ctx };
}

/**
 * Every error leaving the module passes here: a ProviderError is re-made with its message redacted (one
 * redaction point, whatever produced it), anything unexpected becomes `bad_response` with no raw details.
 */
export function toPublicError(error: unknown, ctx: CallContext | undefined): Error {
  if (ctx?.callerAborted) return ctx.failure();
  // Without a context (a failure before the call started) the known key shapes and URL credentials still go.
  const redactText = (text: string): string => (ctx ? ctx.redact(text) : redact(text, []));
  if (error instanceof ProviderError) {
    return new ProviderError(error.category, redactText(error.message), {
      ...(error.status === undefined ? {} : { status: error.status }),
      ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: error.retryAfterSeconds }),
      ...(error.suggestions === undefined ? {} : { suggestions: error.suggestions }),
    });
  }
  if (ctx?.signal.aborted) return ctx.failure();
  return new ProviderError('bad_response', 'The provider answered in a way this extension does not understand.');
}
