import type { FailureCategory } from './types';

export interface ProviderErrorDetails {
  status?: number;
  retryAfterSeconds?: number;
  suggestions?: string[];
  /** The connection closed before the answer was complete (a reset, a cut stream): safe to send again if nothing arrived. */
  connectionCut?: boolean;
}

/**
 * The one error the module throws for provider and network failures. Its `message` is user-facing and
 * already redacted; it never carries the request, the headers or an underlying error that might hold a key.
 */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  readonly category: FailureCategory;
  readonly status?: number;
  readonly retryAfterSeconds?: number;
  readonly suggestions?: string[];
  readonly connectionCut?: boolean;

  constructor(category: FailureCategory, message: string, details: ProviderErrorDetails = {}) {
    super(message);
    this.category = category;
    if (details.status !== undefined) this.status = details.status;
    if (details.retryAfterSeconds !== undefined) this.retryAfterSeconds = details.retryAfterSeconds;
    if (details.suggestions !== undefined) this.suggestions = details.suggestions;
    if (details.connectionCut === true) this.connectionCut = true;
  }
}

export function isProviderError(value: unknown): value is ProviderError {
  return value instanceof ProviderError;
}

/** The DOMException-style error the caller's own abort rejects with. */
export function abortError(): Error {
  const error = new Error('The operation was aborted.');
  error.name = 'AbortError';
  return error;
}
