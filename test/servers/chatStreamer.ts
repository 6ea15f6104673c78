// Writes one scripted chat stream in a dialect's wire format, with its fault, and records how it ended.
import type { ServerResponse } from 'node:http';
import type { ChatScript, ChatStreamOutcome, ChatStreamRecord, RecordedRequest } from './types';
import type { ChatStreamWire, StreamFrame } from './wire/shared';

export const DEFAULT_CHAT_DELTAS: readonly string[] = ['Hello', ' world', '!'];

type Step = { write: StreamFrame; delta?: boolean } | { wait: number } | { cut: true } | { finish: true } | { hang: true };

/** The script as a list of steps, so that every fault is a point in one sequence. */
function plan(wire: ChatStreamWire, script: ChatScript): Step[] {
  const deltas = script.deltas ?? DEFAULT_CHAT_DELTAS;
  const fault = script.fault;
  const steps: Step[] = wire.open(script.reasoning ?? [], script.usage).map((write) => ({ write }));
  for (let i = 0; i <= deltas.length; i++) {
    if (fault !== undefined && (fault.afterDeltas ?? deltas.length) === i) {
      switch (fault.kind) {
        case 'cut':
          return [...steps, { cut: true }];
        case 'noEndMarker':
          return [...steps, { finish: true }];
        case 'errorEvent':
          return [...steps, { write: wire.error(fault.error ?? 'serverError') }, { finish: true }];
        case 'hugeEvent': {
          if (wire.hugeEvent) return [...steps, { write: wire.hugeEvent(fault.chars) }, { hang: true }];
          const start = wire.contentType.includes('ndjson') ? '{"message":{"content":"' : 'data: {"choices":[{"delta":{"content":"';
          return [...steps, { write: start + 'x'.repeat(Math.max(0, fault.chars - start.length)) }, { hang: true }];
        }
        case 'gap':
          steps.push({ wait: fault.gapMs });
          break;
      }
    }
    const delta = deltas[i];
    if (delta === undefined) continue;
    if (script.intervalMs) steps.push({ wait: script.intervalMs });
    steps.push({ write: wire.delta(delta), delta: true });
  }
  const calls = script.toolCalls ?? [];
  if (calls.length > 0) {
    if (!wire.toolCalls) throw new Error('this dialect has no scripted tool calls');
    steps.push(...wire.toolCalls(calls).map((write) => ({ write })));
  }
  return [...steps, ...wire.close(script.usage).map((write) => ({ write })), { finish: true }];
}

export interface ChatStreamHandle {
  record: ChatStreamRecord;
  /** Stops pending waits (server shutdown). */
  stop(): void;
}

export function serveChatStream(res: ServerResponse, wire: ChatStreamWire, script: ChatScript, request: RecordedRequest): ChatStreamHandle {
  let outcome: ChatStreamOutcome | undefined;
  let deltasSent = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let resolveEnded: (value: ChatStreamOutcome) => void = () => undefined;
  let resolveClientClosed: () => void = () => undefined;
  const ended = new Promise<ChatStreamOutcome>((resolve) => (resolveEnded = resolve));
  const clientClosed = new Promise<void>((resolve) => (resolveClientClosed = resolve));
  const settle = (value: ChatStreamOutcome): void => {
    if (outcome !== undefined) return;
    outcome = value;
    clearTimeout(timer);
    if (value === 'clientClosed') resolveClientClosed();
    resolveEnded(value);
  };
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(request.body) as Record<string, unknown>;
  } catch {
    // the wire checked the body already
  }
  const record: ChatStreamRecord = {
    request,
    json,
    get deltasSent() {
      return deltasSent;
    },
    get outcome() {
      return outcome;
    },
    ended,
    clientClosed,
  };

  // `close` fires when the response is done or the connection went away; before `end()` it is the client leaving.
  res.on('close', () => settle(res.writableEnded ? 'completed' : 'clientClosed'));
  res.writeHead(200, { 'content-type': wire.contentType, 'cache-control': 'no-cache', connection: 'keep-alive' });
  res.flushHeaders();

  const steps = plan(wire, script);
  let at = 0;
  // A cut comes after what was written reached the socket: the client must see those deltas, then the break.
  let unflushed = 0;
  let cutRequested = false;
  const cutIfFlushed = (): void => {
    if (!cutRequested || unflushed > 0) return;
    settle('cut');
    res.socket?.destroy();
  };
  const run = (): void => {
    while (at < steps.length && outcome === undefined && !res.destroyed) {
      const step = steps[at++];
      if (step === undefined) return;
      if ('wait' in step) {
        timer = setTimeout(run, step.wait);
        return;
      }
      if ('cut' in step) {
        cutRequested = true;
        cutIfFlushed();
        return;
      }
      if ('finish' in step) {
        res.end();
        return;
      }
      if ('hang' in step) return;
      unflushed++;
      res.write(step.write, () => {
        unflushed--;
        cutIfFlushed();
      });
      if (step.delta) deltasSent++;
    }
  };
  run();
  return { record, stop: () => clearTimeout(timer) };
}
