// From body bytes to events: SSE (eventsource-parser), NDJSON by lines, AWS event-stream frames (Bedrock). Each
// caps the size of one event, so a hostile or broken server (an endless line, an event that never ends) cannot
// grow memory.
import { createParser } from 'eventsource-parser';
import type { StreamEvent } from '../dialects/dialect';

/**
 * The largest single SSE event or NDJSON line accepted, in characters. Real events are a few hundred bytes; the
 * cap keeps a hostile or broken server (an endless line, an event that never ends) from growing memory.
 */
export const MAX_STREAM_EVENT_CHARS = 1024 * 1024;

export interface Feeder {
  feed(bytes: Uint8Array): void;
  /** The body ended cleanly. */
  end(): void;
}

export type EventSink = (event: StreamEvent) => void;

export function sseFeeder(accept: EventSink, tooLarge: () => void): Feeder {
  const decoder = new TextDecoder();
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
  const feedText = (text: string): void => {
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
  return { feed: (bytes) => feedText(decoder.decode(bytes, { stream: true })), end: () => feedText(decoder.decode()) };
}

export function ndjsonFeeder(accept: EventSink, tooLarge: () => void): Feeder {
  const decoder = new TextDecoder();
  let buffer = '';
  let stopped = false;
  const take = (line: string): void => {
    const trimmed = line.trim();
    if (trimmed.length > MAX_STREAM_EVENT_CHARS) {
      stopped = true;
      tooLarge();
    } else if (trimmed !== '') accept({ data: trimmed });
  };
  const feedText = (text: string): void => {
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
  };
  return {
    feed: (bytes) => feedText(decoder.decode(bytes, { stream: true })),
    end() {
      feedText(decoder.decode());
      if (!stopped && buffer !== '') take(buffer);
      buffer = '';
    },
  };
}
