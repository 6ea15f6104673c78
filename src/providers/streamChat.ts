// Chat streaming over every dialect that can stream: one request through the module's request primitive (same
// redirect, credential and redaction rules), its body read as it arrives — SSE with eventsource-parser, NDJSON by
// lines — and each event read by the dialect. No retries: a request is sent once.
import { createParser } from 'eventsource-parser';
import type { CallContext } from './callContext';
import { classifyStreamError } from './classify';
import { openChatStream, type ChatStreamSpec, type StreamEvent, type StreamStep } from './dialects/dialect';
import { discardBody, readOpened, type OpenedResponse } from './http';
import { looksLikeHtml } from './json';
import { ProviderError, abortError } from './providerError';
import { prepareCall, toPublicError } from './target';
import type { ChatMessage, ChatOptions, ProviderTarget } from './types';
import { describeUrl } from './url';

/**
 * The largest single SSE event or NDJSON line accepted, in characters. Real events are a few hundred bytes; the
 * cap keeps a hostile or broken server (an endless line, an event that never ends) from growing memory.
 */
export const MAX_STREAM_EVENT_CHARS = 1024 * 1024;

const ROLES: ReadonlySet<string> = new Set(['system', 'user', 'assistant']);

/**
 * The reply to `messages`, as the provider streams it: raw text deltas (never reasoning), untrimmed. The request
 * is sent on the first read, and every failure is thrown from a read as a ProviderError with a category and a
 * redacted message — an HTTP error, a cut connection, a stream that ends without the dialect's end marker, the
 * provider's error event. Aborting `options.signal`, or leaving the loop, closes the connection. `timeoutMs`
 * bounds the time to the first byte and each gap between chunks (not the whole reply).
 */
export function streamChat(target: ProviderTarget, messages: ChatMessage[], options: ChatOptions = {}): AsyncIterable<string> {
  // Copied now, so that what is sent is what the caller passed, even if it changes before the first read.
  const snapshot = Array.isArray(messages) ? messages.map((m) => ({ ...m })) : messages;
  const settings: ChatOptions = { ...options, ...(Array.isArray(options.stop) ? { stop: [...options.stop] } : {}) };
  return generate({ ...target }, snapshot, settings);
}

async function* generate(target: ProviderTarget, messages: ChatMessage[], options: ChatOptions): AsyncGenerator<string, void, undefined> {
  if (options.signal?.aborted) throw abortError();
  checkMessages(messages);
  let ctx: CallContext | undefined;
  let opened: OpenedResponse | undefined;
  try {
    const { info, dialect, call } = prepareCall(target, options.signal, { idle: true });
    ctx = call.ctx;
    if (!dialect.chatStream) {
      throw new ProviderError('bad_response', `Streaming chat is not supported for ${info.label} connections; use a connection of another provider to chat.`);
    }
    const model = target.model?.trim();
    if (!model) {
      throw new ProviderError('model_not_found', `Set the ${info.dialect === 'azure-openai' ? 'deployment name' : 'model'} of this connection to chat through it.`);
    }
    const spec = await ctx.race(Promise.resolve(dialect.chatStream(call, model, messages, options)));
    opened = await openChatStream(call, dialect, spec, model);
    await refuseNonStream(ctx, opened, spec);
    yield* readReply(ctx, opened, spec);
  } catch (error) {
    throw toPublicError(error, ctx);
  } finally {
    // Closing the connection is what stops the provider generating (and billing) a reply no one reads.
    if (opened && !opened.response.bodyUsed && opened.response.body?.locked !== true) await discardBody(opened.response);
    ctx?.dispose();
  }
}

function checkMessages(messages: ChatMessage[]): void {
  if (!Array.isArray(messages) || messages.some((m) => typeof m?.content !== 'string' || !ROLES.has(m.role))) {
    throw new TypeError('streamChat: messages must be an array of { role: "system" | "user" | "assistant", content: string }.');
  }
}

/** A 2xx that is not a stream: a web page (wrong URL), or a whole JSON document (an error, or streaming ignored). */
async function refuseNonStream(ctx: CallContext, opened: OpenedResponse, spec: ChatStreamSpec): Promise<void> {
  const type = opened.response.headers.get('content-type') ?? '';
  const where = describeUrl(opened.url);
  if (/text\/html|application\/xhtml/i.test(type)) {
    throw new ProviderError('wrong_url', `${where} returned a web page, not the provider's reply stream. Check the API URL.`, { status: opened.response.status });
  }
  if (spec.format !== 'sse' || !/application\/json/i.test(type)) return;
  const whole = await readOpened(ctx, opened);
  if (looksLikeHtml(whole.text, whole.headers)) {
    throw new ProviderError('wrong_url', `${where} returned a web page, not the provider's reply stream. Check the API URL.`, { status: whole.status });
  }
  let json: unknown;
  try {
    json = JSON.parse(whole.text);
  } catch {
    json = undefined;
  }
  if (typeof json === 'object' && json !== null && 'error' in json) throw classifyStreamError(whole.text, ctx);
  throw new ProviderError('bad_response', `${where} answered with a whole JSON document instead of streaming the reply; this server may not support streaming.`, {
    status: whole.status,
  });
}

/** Yields the reply text as events arrive; returns at the end marker; throws for anything else. */
async function* readReply(ctx: CallContext, opened: OpenedResponse, spec: ChatStreamSpec): AsyncGenerator<string, void, undefined> {
  const where = describeUrl(opened.url);
  const stream = opened.response.body;
  if (stream === null) throw new ProviderError('bad_response', `${where} answered without a reply stream.`);
  const steps: StreamStep[] = [];
  let failure: unknown;
  const accept = (event: StreamEvent): void => {
    if (failure !== undefined) return;
    try {
      steps.push(spec.read(event, ctx));
    } catch (error) {
      failure = error;
    }
  };
  const tooLarge = (): void => {
    failure ??= new ProviderError(
      'bad_response',
      `A single part of the reply from ${where} is larger than ${MAX_STREAM_EVENT_CHARS / (1024 * 1024)} MB; this does not look like the provider's API.`,
    );
  };
  const feeder = spec.format === 'sse' ? sseFeeder(accept, tooLarge) : ndjsonFeeder(accept, tooLarge);
  const decoder = new TextDecoder();
  const reader = stream.getReader();
  let complete = false;
  try {
    for (;;) {
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await ctx.race(reader.read());
      } catch {
        if (ctx.signal.aborted) throw ctx.failure();
        throw new ProviderError('network', `The connection to ${where} broke partway through the reply, so it is incomplete. Try again.`);
      }
      if (chunk.done) {
        feeder.end(decoder.decode());
      } else {
        ctx.restartTimer();
        feeder.feed(decoder.decode(chunk.value, { stream: true }));
      }
      for (let i = 0; i < steps.length; i++) {
        const step = steps[i];
        if (step === undefined) continue;
        if (step.text) {
          // The consumer's time between reads is not the server's gap.
          ctx.pauseTimer();
          yield step.text;
          ctx.throwIfEnded();
          ctx.restartTimer();
        }
        if (step.done) return;
        if (step.complete) complete = true;
      }
      steps.length = 0;
      if (failure !== undefined) throw failure;
      if (chunk.done) {
        if (complete) return;
        throw new ProviderError('bad_response', `The reply from ${where} stopped before the provider marked it complete, so it may be cut short. Try again.`);
      }
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
}

interface Feeder {
  feed(text: string): void;
  /** The body ended cleanly; `rest` is what the decoder still held. */
  end(rest: string): void;
}

function sseFeeder(accept: (event: StreamEvent) => void, tooLarge: () => void): Feeder {
  const parser = createParser({
    onEvent: (event) => {
      if (event.data !== '') accept({ data: event.data, ...(event.event === undefined ? {} : { event: event.event }) });
    },
    onError: (error) => {
      if (error.type === 'max-buffer-size-exceeded') tooLarge();
    },
    maxBufferSize: MAX_STREAM_EVENT_CHARS,
  });
  let stopped = false;
  const feed = (text: string): void => {
    if (stopped || text === '') return;
    try {
      parser.feed(text);
    } catch {
      // The parser refuses input once over its buffer cap.
      stopped = true;
      tooLarge();
    }
  };
  // An event is only complete with its blank line: a half-sent event at the end is not dispatched.
  return { feed, end: feed };
}

function ndjsonFeeder(accept: (event: StreamEvent) => void, tooLarge: () => void): Feeder {
  let buffer = '';
  let stopped = false;
  const take = (line: string): void => {
    const trimmed = line.trim();
    if (trimmed.length > MAX_STREAM_EVENT_CHARS) {
      stopped = true;
      tooLarge();
    } else if (trimmed !== '') accept({ data: trimmed });
  };
  return {
    feed(text) {
      if (stopped) return;
      buffer += text;
      let newline = buffer.indexOf('\n');
      while (newline >= 0 && !stopped) {
        take(buffer.slice(0, newline));
        buffer = buffer.slice(newline + 1);
        newline = buffer.indexOf('\n');
      }
      if (buffer.length > MAX_STREAM_EVENT_CHARS) {
        stopped = true;
        buffer = '';
        tooLarge();
      }
    },
    end(rest) {
      this.feed(rest);
      if (!stopped && buffer !== '') take(buffer);
      buffer = '';
    },
  };
}
