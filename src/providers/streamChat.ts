// Text-only chat: streamChatParts with the reply's text parts, nothing else (no reasoning, no tool calls, no usage).
import { streamChatParts } from './streamChatParts';
import type { ChatMessage, ChatOptions, ProviderTarget } from './types';

/** The reply text as the provider streams it, untrimmed; every rule of streamChatParts holds. */
export async function* streamChat(target: ProviderTarget, messages: ChatMessage[], options: ChatOptions = {}): AsyncGenerator<string, void, undefined> {
  for await (const part of streamChatParts(target, messages, options)) if (part.type === 'text') yield part.text;
}
