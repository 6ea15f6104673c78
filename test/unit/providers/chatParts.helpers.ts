// Shared by the streamChatParts tests of every dialect: collecting parts, and a tool round trip's history.
import type { ChatPart, RichChatMessage } from '../../../src/providers';

export interface CollectedParts {
  parts: ChatPart[];
  error?: unknown;
}

export async function collectParts(iterable: AsyncIterable<ChatPart>): Promise<CollectedParts> {
  const parts: ChatPart[] = [];
  try {
    for await (const part of iterable) parts.push(part);
    return { parts };
  } catch (error) {
    return { parts, error };
  }
}

export const toolCallsOf = (parts: readonly ChatPart[]) => parts.filter((p): p is Extract<ChatPart, { type: 'toolCall' }> => p.type === 'toolCall');
export const textOfParts = (parts: readonly ChatPart[]) => parts.filter((p) => p.type === 'text').map((p) => (p as { text: string }).text).join('');

export const WEATHER_TOOL = {
  name: 'get_weather',
  description: 'The weather in a city',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
export const TIME_TOOL = { name: 'get_time', description: 'The current time' };

/** A history in which the assistant called two tools and the user turn carries both results (VS Code's shape). */
export function toolRoundTrip(ids: [string, string], extra: { thinking?: Extract<RichChatMessage['content'], unknown[]>[number] } = {}): RichChatMessage[] {
  return [
    { role: 'system', content: 'You are a helpful agent.' },
    { role: 'user', content: 'Weather in Paris, and the time?' },
    {
      role: 'assistant',
      content: [
        ...(extra.thinking ? [extra.thinking] : []),
        { type: 'text', text: 'Let me check.' },
        { type: 'toolCall', id: ids[0], name: 'get_weather', input: { city: 'Paris' } },
        { type: 'toolCall', id: ids[1], name: 'get_time', input: {} },
      ],
    },
    { role: 'user', content: [{ type: 'toolResult', callId: ids[0], content: 'Sunny, 21°C' }] },
    { role: 'user', content: [{ type: 'toolResult', callId: ids[1], content: '12:00', isError: false }] },
  ];
}
