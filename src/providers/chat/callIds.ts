// Tool call ids, rewritten per wire. VS Code hands back whatever id we gave it; each wire has its own rule for
// what an id may look like (Mistral: exactly 9 alphanumerics; OpenAI chat: at most 40 characters; Anthropic:
// `^[a-zA-Z0-9_-]+$`; Bedrock: the same, at most 64 characters). A rewrite is a pure function of the id, so the call in an assistant turn and its result in
// the next user turn always agree, and distinct ids stay distinct (a hash, never a truncation).

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 128 bits of an id, as four 32-bit lanes (FNV-1a with distinct offsets, each lane finalised by a murmur mix). */
function hash128(text: string): number[] {
  const lanes = [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x85ebca6b];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    for (let l = 0; l < 4; l++) lanes[l] = Math.imul((lanes[l] ?? 0) ^ c ^ l, 0x01000193 + 2 * l);
  }
  return lanes.map((h) => {
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
  });
}

/** `length` characters of ALPHANUMERIC drawn from the id's hash. */
function alphanumericDigest(id: string, length: number): string {
  const lanes = hash128(id);
  let out = '';
  for (let i = 0; i < length; i++) {
    const lane = i % 4;
    const value = lanes[lane] ?? 0;
    out += ALPHANUMERIC[value % 62];
    lanes[lane] = Math.floor(value / 62) ^ Math.imul(value, 0x9e3779b1 + i);
    lanes[lane] = (lanes[lane] ?? 0) >>> 0;
  }
  return out;
}

export type CallIdRule = 'openai' | 'nine-alphanumerics' | 'anthropic' | 'bedrock';

/** The id to put on the wire for the caller's `id`; unchanged where the wire accepts it as it is. */
export function wireCallId(id: string, rule: CallIdRule): string {
  switch (rule) {
    case 'nine-alphanumerics':
      return /^[a-zA-Z0-9]{9}$/.test(id) ? id : alphanumericDigest(id, 9);
    case 'openai':
      return id !== '' && id.length <= 40 ? id : `call_${alphanumericDigest(id, 32)}`;
    case 'anthropic':
      return /^[a-zA-Z0-9_-]+$/.test(id) ? id : `toolu_${alphanumericDigest(id, 32)}`;
    case 'bedrock':
      return /^[a-zA-Z0-9_-]{1,64}$/.test(id) ? id : `tooluse_${alphanumericDigest(id, 32)}`;
  }
}

/** A fresh id for a wire that sends none (Gemini, Ollama): unique within the conversation. */
export function mintCallId(): string {
  return `call_${crypto.randomUUID().replace(/-/g, '').slice(0, 24)}`;
}
