// Chat streaming over every dialect that can stream: one request through the module's request primitive (same
// redirect, credential and redaction rules), its body read as it arrives and each event read by the dialect into
// parts (text, thinking, complete tool calls, usage). A request that fails before the first part — 429 with a
// short wait, 5xx/529, a connection cut before anything arrived — is sent again, at most twice.
import type { CallContext } from './callContext';
import { awsEventStreamFeeder } from './chat/awsEventStream';
import { MAX_STREAM_EVENT_CHARS, ndjsonFeeder, sseFeeder, type Feeder } from './chat/feeders';
import { hasImages, imagesRefused, snapshotMessages, snapshotTools } from './chat/messages';
import { classifyStreamError } from './classify';
import { openChatStream, type ChatStreamSpec, type Dialect, type DialectCall, type StreamEvent, type StreamStep } from './dialects/dialect';
import { discardBody, readOpened, type OpenedResponse } from './http';
import { looksLikeHtml } from './json';
import { ProviderError, abortError } from './providerError';
import { prepareCall, toPublicError } from './prepareCall';
import type { ChatPart, ChatToolOptions, ProviderInfo, ProviderTarget, RichChatMessage } from './types';
import { describeUrl } from './url';

export { MAX_STREAM_EVENT_CHARS };

/** Attempts in all for a request that fails before its first part. */
const MAX_ATTEMPTS = 3;
/** A 429 is retried only when the provider asks for a wait shorter than this. */
const MAX_RETRY_WAIT_MS = 10_000;

/**
 * The reply to `messages`, as parts in the order the provider streams them. The request is sent on the first read,
 * and every failure is thrown from a read as a ProviderError with a category and a redacted message. Aborting
 * `options.signal`, or leaving the loop, closes the connection, and so does a consumer that stops reading for
 * `options.consumerIdleMs` (5 minutes by default). `timeoutMs` bounds the time to the first byte and each gap
 * between chunks (not the whole reply).
 */
export function streamChatParts(target: ProviderTarget, messages: RichChatMessage[], options: ChatToolOptions = {}): AsyncIterable<ChatPart> {
  // Copied now, so that what is sent is what the caller passed, even if it changes before the first read.
  let snapshot: RichChatMessage[] | TypeError;
  let tools: ChatToolOptions['tools'] | TypeError;
  try {
    snapshot = snapshotMessages(messages);
  } catch (error) {
    snapshot = error as TypeError;
  }
  try {
    tools = snapshotTools(options.tools);
  } catch (error) {
    tools = error as TypeError;
  }
  const settings: ChatToolOptions = { ...options, ...(Array.isArray(options.stop) ? { stop: [...options.stop] } : {}) };
  return streamWithRetries({ ...target }, snapshot, tools, settings);
}

async function* streamWithRetries(
  target: ProviderTarget,
  messages: RichChatMessage[] | TypeError,
  tools: ChatToolOptions['tools'] | TypeError,
  options: ChatToolOptions,
): AsyncGenerator<ChatPart, void, undefined> {
  if (options.signal?.aborted) throw abortError();
  if (messages instanceof TypeError) throw messages;
  if (tools instanceof TypeError) throw tools;
  let ctx: CallContext | undefined;
  try {
    const { info, dialect, call } = prepareCall(target, options.signal, {
      idle: true,
      ...(options.consumerIdleMs === undefined ? {} : { consumerIdleMs: options.consumerIdleMs }),
    });
    ctx = call.ctx;
    const chatStream = dialect.chatStream;
    if (!chatStream) throw chatUnsupported(info);
    const model = target.model?.trim();
    if (!model) {
      throw new ProviderError('model_not_found', `Set the ${info.dialect === 'azure-openai' ? 'deployment name' : 'model'} of this connection to chat through it.`);
    }
    if ((target.imageInput === false || dialect.imageInput === false) && hasImages(messages)) throw imagesRefused(model);
    const request: ChatToolOptions = { ...options, ...(tools === undefined ? {} : { tools }) };
    // Anthropic and Bedrock refuse a request without an output limit; the model's own beats a small fixed default.
    if (request.maxTokens === undefined && target.maxOutputTokens !== undefined && (info.dialect === 'anthropic' || info.dialect === 'bedrock')) {
      request.maxTokens = target.maxOutputTokens;
    }
    for (let attempt = 1; ; attempt++) {
      let yielded = false;
      try {
        const spec = await call.ctx.race(Promise.resolve(chatStream.call(dialect, call, model, messages, request)));
        for await (const part of streamOnce(call, dialect, spec, model)) {
          yielded = true;
          yield part;
        }
        return;
      } catch (error) {
        const wait = yielded || attempt >= MAX_ATTEMPTS ? undefined : retryWaitMs(error, attempt);
        if (wait === undefined || call.ctx.signal.aborted) throw error;
        // Our own wait is not the server's silence: the timer stops while we wait.
        call.ctx.pauseTimer();
        await call.ctx.race(new Promise((resolve) => setTimeout(resolve, wait)));
        call.ctx.restartTimer();
      }
    }
  } catch (error) {
    throw toPublicError(error, ctx);
  } finally {
    ctx?.dispose();
  }
}

/** How long to wait before sending a failed request again; undefined when it must not be retried. */
function retryWaitMs(error: unknown, attempt: number): number | undefined {
  if (!(error instanceof ProviderError)) return undefined;
  const backoff = 250 * 2 ** (attempt - 1);
  switch (error.category) {
    case 'rate_limited': {
      const wait = (error.retryAfterSeconds ?? 1) * 1000;
      return wait < MAX_RETRY_WAIT_MS ? Math.max(wait, backoff) : undefined;
    }
    case 'server_error':
      return backoff;
    case 'network':
      // A cut before anything arrived is worth a second try; a host that refuses or cannot be reached is not.
      return error.connectionCut ? backoff : undefined;
    default:
      return undefined;
  }
}

function chatUnsupported(info: ProviderInfo): ProviderError {
  return new ProviderError('bad_response', `Chat is not supported for ${info.label} connections; use a connection of another provider to chat.`);
}

/** One request: opened, checked, read to the end marker. */
async function* streamOnce(call: DialectCall, dialect: Dialect, spec: ChatStreamSpec, model: string): AsyncGenerator<ChatPart, void, undefined> {
  const { ctx } = call;
  let opened: OpenedResponse | undefined;
  try {
    opened = await openChatStream(call, dialect, spec, model);
    await refuseNonStream(ctx, opened, spec);
    yield* readReply(ctx, opened, spec);
  } finally {
    // Closing the connection is what stops the provider generating (and billing) a reply no one reads.
    if (opened && !opened.response.bodyUsed && opened.response.body?.locked !== true) await discardBody(opened.response);
  }
}

/** A 2xx that is not a stream: a web page (wrong URL), or a whole JSON document (an error, or streaming ignored). */
async function refuseNonStream(ctx: CallContext, opened: OpenedResponse, spec: ChatStreamSpec): Promise<void> {
  const type = opened.response.headers.get('content-type') ?? '';
  const where = describeUrl(opened.url);
  if (/text\/html|application\/xhtml/i.test(type)) {
    throw new ProviderError('wrong_url', `${where} returned a web page, not the provider's reply stream. Check the API URL.`, { status: opened.response.status });
  }
  if (spec.format === 'ndjson' || !/application\/json/i.test(type)) return;
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
  if (typeof json === 'object' && json !== null && ('error' in json || 'message' in json || '__type' in json)) throw classifyStreamError(whole.text, ctx);
  throw new ProviderError('bad_response', `${where} answered with a whole JSON document instead of streaming the reply; this server may not support streaming.`, {
    status: whole.status,
  });
}

function feederFor(format: ChatStreamSpec['format'], accept: (event: StreamEvent) => void, tooLarge: () => void): Feeder {
  switch (format) {
    case 'sse':
      return sseFeeder(accept, tooLarge);
    case 'ndjson':
      return ndjsonFeeder(accept, tooLarge);
    case 'aws-eventstream':
      return awsEventStreamFeeder(accept, tooLarge);
  }
}

/** Yields the reply's parts as events arrive; returns at the end marker; throws for anything else. */
async function* readReply(ctx: CallContext, opened: OpenedResponse, spec: ChatStreamSpec): AsyncGenerator<ChatPart, void, undefined> {
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
  const feeder = feederFor(spec.format, accept, tooLarge);
  const reader = stream.getReader();
  let complete = false;
  // The consumer's time between reads is not the server's gap.
  async function* hand(parts: readonly ChatPart[] | undefined): AsyncGenerator<ChatPart, void, undefined> {
    for (const part of parts ?? []) {
      if (part.type === 'text' && part.text === '') continue;
      ctx.awaitConsumer();
      yield part;
      ctx.throwIfEnded();
      ctx.restartTimer();
    }
  }
  try {
    for (;;) {
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await ctx.race(reader.read());
      } catch {
        if (ctx.signal.aborted) throw ctx.failure();
        throw new ProviderError('network', `The connection to ${where} broke partway through the reply, so it is incomplete. Try again.`, { connectionCut: true });
      }
      if (chunk.done) {
        feeder.end();
      } else {
        ctx.restartTimer();
        feeder.feed(chunk.value);
      }
      for (let i = 0; i < steps.length; i++) {
        const step = steps[i];
        if (step === undefined) continue;
        yield* hand(step.parts);
        if (step.done) {
          yield* hand(spec.finish?.());
          return;
        }
        if (step.complete) complete = true;
      }
      steps.length = 0;
      if (failure !== undefined) throw failure;
      if (chunk.done) {
        if (complete) {
          yield* hand(spec.finish?.());
          return;
        }
        throw new ProviderError('bad_response', `The reply from ${where} stopped before the provider marked it complete, so it may be cut short. Try again.`);
      }
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
}
