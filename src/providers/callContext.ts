// One deadline and one abort signal per public call, shared by every request, page and body read in it.
import { ProviderError, abortError } from './providerError';
import { redact } from './redact';

export const DEFAULT_TIMEOUT_MS = 15_000;

const TIMEOUT_REASON = Symbol('call timeout');
const CONSUMER_GONE = Symbol('consumer stopped reading');

/**
 * How long a stream waits for its consumer's next read before it closes the request: a consumer that keeps the
 * iterator but never reads again must not hold a socket (and a provider generating a billed reply) forever.
 */
export const DEFAULT_CONSUMER_IDLE_MS = 5 * 60_000;

export interface CallContextOptions {
  /**
   * Streaming: `timeoutMs` bounds the time to the first byte and every gap between chunks (see `restartTimer`,
   * `pauseTimer`), not the whole call.
   */
  idle?: boolean;
  /** Streaming: the consumer's allowance between reads (`awaitConsumer`); DEFAULT_CONSUMER_IDLE_MS otherwise. */
  consumerIdleMs?: number;
}

export class CallContext {
  readonly timeoutMs: number;
  readonly idle: boolean;
  readonly consumerIdleMs: number;
  readonly signal: AbortSignal;
  /** Everything that must never appear in output; grows when a call derives one (an access token). */
  private readonly secrets: string[];
  readonly startedAt = Date.now();
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly removeCallerListener: () => void;
  /** Rejects once the call must end; every awaited step races it so nothing outlives the deadline. */
  private readonly ended: Promise<never>;

  constructor(
    timeoutMs: number | undefined,
    private readonly callerSignal: AbortSignal | undefined,
    secrets: readonly string[],
    options: CallContextOptions = {},
  ) {
    this.secrets = [...secrets];
    this.idle = options.idle === true;
    const consumerIdleMs = options.consumerIdleMs;
    this.consumerIdleMs = consumerIdleMs !== undefined && Number.isFinite(consumerIdleMs) && consumerIdleMs > 0 ? consumerIdleMs : DEFAULT_CONSUMER_IDLE_MS;
    this.timeoutMs = timeoutMs !== undefined && Number.isFinite(timeoutMs) && timeoutMs > 0 ? timeoutMs : DEFAULT_TIMEOUT_MS;
    this.signal = this.controller.signal;
    this.restartTimer();
    const onCallerAbort = (): void => this.controller.abort(abortError());
    callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
    this.removeCallerListener = () => callerSignal?.removeEventListener('abort', onCallerAbort);
    if (callerSignal?.aborted) this.controller.abort(abortError());
    this.ended = new Promise<never>((_, reject) => {
      const fail = (): void => reject(this.failure());
      if (this.signal.aborted) fail();
      else this.signal.addEventListener('abort', fail, { once: true });
    });
    // The race below is the only consumer; an unobserved rejection must not crash the host.
    this.ended.catch(() => undefined);
  }

  get callerAborted(): boolean {
    return this.callerSignal?.aborted === true;
  }

  get timedOut(): boolean {
    return this.signal.aborted && this.signal.reason === TIMEOUT_REASON;
  }

  elapsedMs(): number {
    return Date.now() - this.startedAt;
  }

  /** (Re)starts the `timeoutMs` countdown from now; a no-op once the call ended. */
  restartTimer(): void {
    clearTimeout(this.timer);
    if (this.signal.aborted) return;
    this.timer = setTimeout(() => this.controller.abort(TIMEOUT_REASON), this.timeoutMs);
  }

  /** Stops the countdown while the caller, not the server, holds things up (a stream's consumer between reads). */
  pauseTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /**
   * The server's countdown stops while the consumer holds a part (its time is not the server's gap), and the
   * consumer's own starts: not back within `consumerIdleMs`, the request is closed and the next read throws.
   */
  awaitConsumer(): void {
    clearTimeout(this.timer);
    if (this.signal.aborted) return;
    this.timer = setTimeout(() => this.controller.abort(CONSUMER_GONE), this.consumerIdleMs);
  }

  /** The error the call ends with once its signal fired: the caller's AbortError, or a `timeout`. */
  failure(): Error {
    if (this.callerAborted) return abortError();
    if (this.signal.reason === CONSUMER_GONE) {
      return new ProviderError(
        'timeout',
        `The reply was not read for ${formatSeconds(this.consumerIdleMs)}, so the request was closed to stop the provider generating it.`,
      );
    }
    if (this.idle) {
      return new ProviderError(
        'timeout',
        `The provider sent nothing for ${formatSeconds(this.timeoutMs)} (the time allowed before the reply starts and between its parts). It may be slow or overloaded.`,
      );
    }
    return new ProviderError(
      'timeout',
      `No complete answer within ${formatSeconds(this.timeoutMs)}. The server may be slow or overloaded, or the URL may point to something that never answers.`,
    );
  }

  /** Settles with `work` or, as soon as the call is aborted or out of time, rejects, whatever `work` does. */
  race<T>(work: Promise<T>): Promise<T> {
    work.catch(() => undefined);
    return Promise.race([work, this.ended]);
  }

  throwIfEnded(): void {
    if (this.signal.aborted) throw this.failure();
  }

  addSecret(secret: string): void {
    this.secrets.push(secret);
  }

  redact(text: string): string {
    return redact(text, this.secrets);
  }

  /** Frees the timer and the listener on the caller's signal; aborts whatever is still in flight. */
  dispose(): void {
    clearTimeout(this.timer);
    this.removeCallerListener();
    if (!this.signal.aborted) this.controller.abort(abortError());
  }
}

export function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
