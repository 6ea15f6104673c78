// AWS event-stream framing (application/vnd.amazon.eventstream), as Bedrock's ConverseStream sends it. Each
// message is [total length u32][headers length u32][prelude CRC32] [headers] [payload] [message CRC32], all
// big-endian; a header is [name length u8][name][type u8][value]. Both CRCs are checked: a frame that fails them,
// or does not add up, is reported in place of the event (BAD_FRAME_EVENT) and nothing after it is read.
import { MAX_STREAM_EVENT_CHARS, type EventSink, type Feeder } from './feeders';

/** `event` of a message of type `exception` (or `error`): this prefix and the exception type, e.g. `!exception:throttlingException`. */
export const EXCEPTION_EVENT_PREFIX = '!exception:';
/** `event` sent in place of a frame that fails its checks (`data` says what was wrong); the stream is not read further. */
export const BAD_FRAME_EVENT = '!bad-frame';

const PRELUDE_BYTES = 12;
/** Prelude plus the message CRC: the smallest frame there is. */
const OVERHEAD_BYTES = 16;

const CRC_TABLE = ((): Uint32Array => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC32 (IEEE 802.3, as zlib computes it) of `bytes[start, end)`. */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let crc = 0xffffffff;
  for (let i = start; i < end; i++) crc = (CRC_TABLE[(crc ^ (bytes[i] ?? 0)) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Bytes of a header's value after its type byte, for the types that are skipped (undefined: unknown type). */
function fixedValueBytes(type: number): number | undefined {
  switch (type) {
    case 0: // bool true
    case 1: // bool false
      return 0;
    case 2: // byte
      return 1;
    case 3: // short
      return 2;
    case 4: // int
      return 4;
    case 5: // long
    case 8: // timestamp
      return 8;
    case 9: // uuid
      return 16;
    default:
      return undefined;
  }
}

/** The string headers of a frame; throws a message for headers that do not add up. */
function readHeaders(frame: Uint8Array, view: DataView, start: number, end: number, decoder: InstanceType<typeof TextDecoder>): Map<string, string> {
  const headers = new Map<string, string>();
  let at = start;
  const need = (bytes: number): void => {
    if (at + bytes > end) throw new Error('a header runs past the end of the headers');
  };
  while (at < end) {
    need(1);
    const nameLength = view.getUint8(at);
    at += 1;
    need(nameLength + 1);
    const name = decoder.decode(frame.subarray(at, at + nameLength));
    at += nameLength;
    const type = view.getUint8(at);
    at += 1;
    if (type === 6 || type === 7) {
      need(2);
      const length = view.getUint16(at);
      at += 2;
      need(length);
      if (type === 7) headers.set(name, decoder.decode(frame.subarray(at, at + length)));
      at += length;
      continue;
    }
    const bytes = fixedValueBytes(type);
    if (bytes === undefined) throw new Error(`a header has the unknown type ${type}`);
    need(bytes);
    at += bytes;
  }
  return headers;
}

/**
 * Frames to events: an `event` message becomes `{event: its :event-type, data: its payload}`, an `exception`
 * (or `error`) message `{event: EXCEPTION_EVENT_PREFIX + its type, data: its payload}`. A frame larger than
 * MAX_STREAM_EVENT_CHARS bytes is refused through `tooLarge` as soon as its prelude says so.
 */
export function awsEventStreamFeeder(accept: EventSink, tooLarge: () => void): Feeder {
  const decoder = new TextDecoder();
  let buffer = new Uint8Array(1024);
  let length = 0;
  let stopped = false;

  const bad = (why: string): void => {
    stopped = true;
    length = 0;
    accept({ event: BAD_FRAME_EVENT, data: why });
  };

  /** Reads the whole frames at the start of the buffer; returns how many bytes they took. */
  const drain = (): number => {
    const view = new DataView(buffer.buffer, buffer.byteOffset, length);
    let at = 0;
    while (!stopped && length - at >= PRELUDE_BYTES) {
      const total = view.getUint32(at);
      const headersLength = view.getUint32(at + 4);
      if (view.getUint32(at + 8) !== crc32(buffer, at, at + 8)) {
        bad('the prelude of a frame failed its CRC check');
        return 0;
      }
      if (total < OVERHEAD_BYTES || headersLength > total - OVERHEAD_BYTES) {
        bad(`a frame declares ${total} bytes with ${headersLength} bytes of headers`);
        return 0;
      }
      if (total > MAX_STREAM_EVENT_CHARS) {
        stopped = true;
        length = 0;
        tooLarge();
        return 0;
      }
      if (length - at < total) break;
      const end = at + total;
      if (view.getUint32(end - 4) !== crc32(buffer, at, end - 4)) {
        bad('a frame failed its CRC check');
        return 0;
      }
      const frame = buffer.subarray(at, end);
      const frameView = new DataView(frame.buffer, frame.byteOffset, frame.length);
      let headers: Map<string, string>;
      try {
        headers = readHeaders(frame, frameView, PRELUDE_BYTES, PRELUDE_BYTES + headersLength, decoder);
      } catch (error) {
        bad((error as Error).message);
        return 0;
      }
      const data = decoder.decode(frame.subarray(PRELUDE_BYTES + headersLength, total - 4));
      at = end;
      const messageType = headers.get(':message-type') ?? 'event';
      if (messageType === 'exception') {
        accept({ event: `${EXCEPTION_EVENT_PREFIX}${headers.get(':exception-type') ?? 'unknownException'}`, data });
      } else if (messageType === 'error') {
        const message = headers.get(':error-message');
        accept({ event: `${EXCEPTION_EVENT_PREFIX}${headers.get(':error-code') ?? 'unknownError'}`, data: JSON.stringify(message === undefined ? {} : { message }) });
      } else {
        const type = headers.get(':event-type');
        accept(type === undefined ? { data } : { event: type, data });
      }
    }
    return at;
  };

  return {
    feed(bytes) {
      if (stopped || bytes.length === 0) return;
      if (length + bytes.length > buffer.length) {
        const grown = new Uint8Array(Math.max(buffer.length * 2, length + bytes.length));
        grown.set(buffer.subarray(0, length));
        buffer = grown;
      }
      buffer.set(bytes, length);
      length += bytes.length;
      const used = drain();
      if (used > 0) {
        buffer.copyWithin(0, used, length);
        length -= used;
      }
    },
    end() {
      // A clean end inside a frame is a frame cut short, never a reply to trust.
      if (!stopped && length > 0) bad('the stream ended partway through a frame');
    },
  };
}
