// AWS event-stream frames (application/vnd.amazon.eventstream) as Bedrock writes them: prelude (total length,
// headers length, prelude CRC32), headers, payload, message CRC32, big-endian. The test servers' own encoder
// (the client's decoder is a separate program and must not be trusted to check itself).

const CRC_TABLE: number[] = [];
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  CRC_TABLE.push(c >>> 0);
}

/** CRC32, IEEE polynomial (zlib's). */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A header value: a string (type 7) unless typed; the other types exist so decoders can be made to skip them. */
export type HeaderValue =
  | string
  | { type: 'bool'; value: boolean }
  | { type: 'byte' | 'short' | 'int'; value: number }
  | { type: 'long' | 'timestamp'; value: bigint }
  | { type: 'bytes'; value: Uint8Array }
  | { type: 'uuid'; value: Uint8Array };

function headerBytes(name: string, value: HeaderValue): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const head = Buffer.concat([Buffer.from([nameBytes.length]), nameBytes]);
  if (typeof value === 'string') {
    const text = Buffer.from(value, 'utf8');
    const length = Buffer.alloc(2);
    length.writeUInt16BE(text.length);
    return Buffer.concat([head, Buffer.from([7]), length, text]);
  }
  switch (value.type) {
    case 'bool':
      return Buffer.concat([head, Buffer.from([value.value ? 0 : 1])]);
    case 'byte':
      return Buffer.concat([head, Buffer.from([2, value.value & 0xff])]);
    case 'short': {
      const b = Buffer.alloc(3);
      b[0] = 3;
      b.writeInt16BE(value.value, 1);
      return Buffer.concat([head, b]);
    }
    case 'int': {
      const b = Buffer.alloc(5);
      b[0] = 4;
      b.writeInt32BE(value.value, 1);
      return Buffer.concat([head, b]);
    }
    case 'long':
    case 'timestamp': {
      const b = Buffer.alloc(9);
      b[0] = value.type === 'long' ? 5 : 8;
      b.writeBigInt64BE(value.value, 1);
      return Buffer.concat([head, b]);
    }
    case 'bytes': {
      const b = Buffer.alloc(3);
      b[0] = 6;
      b.writeUInt16BE(value.value.length, 1);
      return Buffer.concat([head, b, Buffer.from(value.value)]);
    }
    case 'uuid':
      return Buffer.concat([head, Buffer.from([9]), Buffer.from(value.value.subarray(0, 16))]);
  }
}

/** One whole frame. */
export function eventStreamFrame(headers: Record<string, HeaderValue>, payload: string | Uint8Array): Buffer {
  const headerBlock = Buffer.concat(Object.entries(headers).map(([name, value]) => headerBytes(name, value)));
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : Buffer.from(payload);
  const total = 12 + headerBlock.length + body.length + 4;
  const prelude = Buffer.alloc(12);
  prelude.writeUInt32BE(total, 0);
  prelude.writeUInt32BE(headerBlock.length, 4);
  prelude.writeUInt32BE(crc32(prelude.subarray(0, 8)), 8);
  const withoutCrc = Buffer.concat([prelude, headerBlock, body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(withoutCrc));
  return Buffer.concat([withoutCrc, crc]);
}

/** An `event` message as Bedrock sends it: JSON payload, with the `p` padding field Bedrock adds to hide lengths. */
export function eventFrame(type: string, payload: Record<string, unknown>): Buffer {
  const padding = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.slice(0, 4 + (type.length % 20));
  return eventStreamFrame({ ':event-type': type, ':content-type': 'application/json', ':message-type': 'event' }, JSON.stringify({ ...payload, p: padding }));
}

/** An `exception` message: the provider failing mid-stream. */
export function exceptionFrame(type: string, message: string): Buffer {
  return eventStreamFrame({ ':exception-type': type, ':content-type': 'application/json', ':message-type': 'exception' }, JSON.stringify({ message }));
}
