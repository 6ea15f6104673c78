import { ProviderError, scrubUrlCredentials } from '../providers';

/**
 * The words of any failure: provider errors carry their own plain (already redacted) words. Any other error may
 * echo what the user typed, a pasted `?key=` URL included, so URL credentials are scrubbed from every message.
 */
export function errorMessage(err: unknown): string {
  return scrubUrlCredentials(err instanceof ProviderError || err instanceof Error ? err.message : String(err));
}
