// Reading a rich history: the helpers every dialect's request conversion shares, and the check made before
// anything is sent (a malformed history is the caller's bug, refused with a TypeError; an image for a model
// that takes none is refused in words).
import { ProviderError } from '../providerError';
import type { ChatContentPart, ChatTool, RichChatMessage } from '../types';

const ROLES: ReadonlySet<string> = new Set(['system', 'user', 'assistant']);
const PART_TYPES: ReadonlySet<string> = new Set(['text', 'image', 'toolCall', 'toolResult', 'thinking']);

/** A message's content as parts (a string is one text part; an empty string none). */
export function partsOf(message: RichChatMessage): ChatContentPart[] {
  if (typeof message.content === 'string') return message.content === '' ? [] : [{ type: 'text', text: message.content }];
  return message.content;
}

/** The text parts of a message, joined (for wires and roles that take text only). */
export function textOf(message: RichChatMessage): string {
  if (typeof message.content === 'string') return message.content;
  let text = '';
  for (const part of message.content) if (part.type === 'text') text += part.text;
  return text;
}

/** Every system message's text, joined by a blank line (the wires that take one top-level system prompt). */
export function systemPrompt(messages: readonly RichChatMessage[]): string {
  return messages
    .filter((m) => m.role === 'system')
    .map(textOf)
    .filter((t) => t !== '')
    .join('\n\n');
}

export function hasImages(messages: readonly RichChatMessage[]): boolean {
  return messages.some((m) => typeof m.content !== 'string' && m.content.some((p) => p.type === 'image'));
}

type Base64Buffer = { from(data: ArrayBufferLike, offset: number, length: number): { toString(encoding: 'base64'): string } };
/** Node's Buffer where there is one (the extension host); this module does not depend on it. */
const NodeBuffer = (globalThis as { Buffer?: Base64Buffer }).Buffer;

/**
 * Standard base64 of an image's bytes: the runtime's own encoder (`Uint8Array.prototype.toBase64`, or Node's Buffer),
 * else by hand. Images are re-sent with every request of an agent loop, and the hand-made way (String.fromCharCode
 * over chunks, then btoa) took ~25 ms for a few screenshots where Buffer takes ~0.2 ms.
 */
export function base64Of(data: Uint8Array): string {
  const native = (data as { toBase64?: () => string }).toBase64;
  if (typeof native === 'function') return native.call(data);
  if (NodeBuffer !== undefined) return NodeBuffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < data.length; i += CHUNK) binary += String.fromCharCode(...data.subarray(i, i + CHUNK));
  return btoa(binary);
}

/** A copy of the caller's history and tools, checked, so that what is sent is what was passed at the call. */
export function snapshotMessages(messages: unknown): RichChatMessage[] {
  if (!Array.isArray(messages)) throw malformed();
  return messages.map((m: unknown): RichChatMessage => {
    if (typeof m !== 'object' || m === null) throw malformed();
    const { role, content } = m as { role?: unknown; content?: unknown };
    if (typeof role !== 'string' || !ROLES.has(role)) throw malformed();
    if (typeof content === 'string') return { role: role as RichChatMessage['role'], content };
    if (!Array.isArray(content) || content.some((p) => typeof p !== 'object' || p === null || !PART_TYPES.has((p as { type?: string }).type ?? ''))) {
      throw malformed();
    }
    return { role: role as RichChatMessage['role'], content: content.map((p: ChatContentPart) => ({ ...p })) };
  });
}

export function snapshotTools(tools: unknown): ChatTool[] | undefined {
  if (tools === undefined) return undefined;
  if (!Array.isArray(tools) || tools.some((t) => typeof t?.name !== 'string' || t.name === '')) {
    throw new TypeError('streamChatParts: tools must be an array of { name, description, inputSchema? }.');
  }
  return tools.map((t: ChatTool) => ({ ...t, description: typeof t.description === 'string' ? t.description : '' }));
}

function malformed(): TypeError {
  return new TypeError(
    'streamChatParts: messages must be an array of { role: "system" | "user" | "assistant", content: string | parts }, each part of type text, image, toolCall, toolResult or thinking.',
  );
}

/** Refused before anything is sent: the model cannot see images (its capabilities, or the wire, say so). */
export function imagesRefused(model: string): ProviderError {
  return new ProviderError(
    'bad_response',
    `The model "${model}" of this connection does not take images. Remove the image, or choose a model that accepts images (or turn on image input in the connection's Advanced settings if it does).`,
  );
}

/** An assistant turn's parts by kind: its text, its reasoning, and its tool calls, in order. */
export function assistantParts(message: RichChatMessage): { text: string; thinking: string; calls: Extract<ChatContentPart, { type: 'toolCall' }>[] } {
  let text = '';
  let thinking = '';
  const calls: Extract<ChatContentPart, { type: 'toolCall' }>[] = [];
  for (const part of partsOf(message)) {
    if (part.type === 'text') text += part.text;
    else if (part.type === 'thinking') thinking += part.text;
    else if (part.type === 'toolCall') calls.push(part);
  }
  return { text, thinking, calls };
}
