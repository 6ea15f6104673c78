// Shared assertions for the providers unit tests.
import * as assert from 'node:assert/strict';
import { startProviderServer, type ProviderServerOptions, type StartedProviderServer } from '../../servers';

/** Grace beyond timeoutMs the contract allows any call to take. */
export const SETTLE_GRACE_MS = 2000;

export interface Settled<T> {
  value?: T;
  error?: unknown;
  elapsedMs: number;
}

/** Runs `work`, capturing its outcome and duration; fails if it has not settled by `boundMs` (never hangs the suite). */
export async function settleWithin<T>(boundMs: number, work: () => Promise<T>): Promise<Settled<T>> {
  const started = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const overdue = new Promise<'overdue'>((resolve) => {
    timer = setTimeout(() => resolve('overdue'), boundMs + 500);
  });
  try {
    const outcome = await Promise.race([
      work().then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      ),
      overdue,
    ]);
    const elapsedMs = Date.now() - started;
    if (outcome === 'overdue') assert.fail(`the call did not settle within ${boundMs} ms`);
    assert.ok(elapsedMs <= boundMs, `settled after ${elapsedMs} ms, allowed ${boundMs} ms`);
    return { ...outcome, elapsedMs };
  } finally {
    clearTimeout(timer);
  }
}

/** Everything a result or error exposes, including message, stack and nested fields. */
export function exposedText(value: unknown): string {
  if (value instanceof Error) {
    return JSON.stringify({ ...value, name: value.name, message: value.message, stack: value.stack, cause: String(value.cause ?? '') });
  }
  return JSON.stringify(value);
}

export function assertKeyNotExposed(value: unknown, ...secrets: string[]): void {
  const text = exposedText(value);
  for (const secret of secrets) assert.ok(!text.includes(secret), `a secret leaked into: ${text.slice(0, 400)}`);
}

/** Starts servers and closes every one of them after each test. */
export function serverPool(): { start(options: ProviderServerOptions): Promise<StartedProviderServer>; closeAll(): Promise<void> } {
  const open: StartedProviderServer[] = [];
  return {
    async start(options) {
      const server = await startProviderServer(options);
      open.push(server);
      return server;
    },
    async closeAll() {
      await Promise.all(open.splice(0).map((s) => s.close()));
    },
  };
}

export function isProviderErrorLike(error: unknown): error is Error & { category: string; status?: number; retryAfterSeconds?: number; suggestions?: string[] } {
  return error instanceof Error && typeof (error as { category?: unknown }).category === 'string';
}

/** Asserts `error` is a ProviderError-like error of the category, and returns it typed. */
export function expectCategory(error: unknown, category: string): Error & { category: string; status?: number; retryAfterSeconds?: number; suggestions?: string[] } {
  assert.ok(isProviderErrorLike(error), `expected a categorised error, got ${exposedText(error)}`);
  assert.equal(error.category, category, `category (message: ${error.message})`);
  assert.ok(error.message.length > 10, 'a user-facing message');
  return error;
}

/** Resolves with `promise`, or fails with `what` after `ms` (a hang guard, not a timing assertion). */
export async function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
