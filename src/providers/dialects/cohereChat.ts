// Cohere's v2 chat with tools: the request built from a rich history (`tool_calls` with JSON-string arguments,
// the turn's reasoning as `tool_plan`, results as `role: "tool"` messages holding a document, images as data-URL
// `image_url` parts), and the SSE stream read into parts (text, thinking and tool plan, whole calls, usage).
import type { CallContext } from '../callContext';
import { wireCallId } from '../chat/callIds';
import { assistantParts, base64Of, partsOf, textOf } from '../chat/messages';
import { ToolCallAssembler } from '../chat/toolCalls';
import { classifyStreamError } from '../classify';
import { asRecord, nonEmptyString } from '../modelList';
import type { ChatPart, ChatToolOptions, RichChatMessage } from '../types';
import { eventJson, presetFields, usagePart, type ChatStreamSpec, type StreamEvent, type StreamStep } from './dialect';
import { openAiTools } from './openaiChat';

type WireMessage = Record<string, unknown>;

export function cohereMessages(messages: readonly RichChatMessage[]): WireMessage[] {
  const out: WireMessage[] = [];
  for (const message of messages) {
    if (message.role === 'system') {
      out.push({ role: 'system', content: textOf(message) });
      continue;
    }
    const parts = partsOf(message);
    if (message.role === 'assistant') {
      const { text, thinking: plan, calls: toolCalls } = assistantParts(message);
      const calls = toolCalls.map((part) => ({ id: wireCallId(part.id, 'openai'), type: 'function', function: { name: part.name, arguments: JSON.stringify(part.input) } }));
      if (calls.length === 0) {
        out.push({ role: 'assistant', content: text });
        continue;
      }
      // The reasoning before a tool turn is its plan; Cohere wants it back with the calls.
      out.push({ role: 'assistant', ...(plan === '' ? {} : { tool_plan: plan }), tool_calls: calls, ...(text === '' ? {} : { content: text }) });
      continue;
    }
    // A user turn: its results first (each its own "tool" message, right after the assistant's calls), then what
    // the user said and showed.
    const content: unknown[] = [];
    for (const part of parts) {
      if (part.type === 'toolResult') {
        out.push({ role: 'tool', tool_call_id: wireCallId(part.callId, 'openai'), content: [{ type: 'document', document: { data: part.content } }] });
      } else if (part.type === 'text') content.push({ type: 'text', text: part.text });
      else if (part.type === 'image') content.push({ type: 'image_url', image_url: { url: `data:${part.mimeType};base64,${base64Of(part.data)}` } });
    }
    if (content.length === 0) {
      if (parts.length === 0) out.push({ role: 'user', content: '' });
      continue;
    }
    const onlyText = content.every((c) => (c as { type: string }).type === 'text');
    out.push({ role: 'user', content: onlyText ? content.map((c) => (c as { text: string }).text).join('') : content });
  }
  return out;
}

export function cohereChatStream(model: string, messages: RichChatMessage[], options: ChatToolOptions): ChatStreamSpec {
  const tools = options.tools !== undefined && options.tools.length > 0 ? options.tools : undefined;
  return {
    path: 'v2/chat',
    format: 'sse',
    body: {
      model,
      messages: cohereMessages(messages),
      stream: true,
      ...(tools === undefined ? {} : { tools: openAiTools(tools), ...(options.toolChoice === 'required' ? { tool_choice: 'REQUIRED' } : {}) }),
      ...presetFields(options, { temperature: 'temperature', topP: 'p', maxTokens: 'max_tokens', stop: 'stop_sequences' }),
    },
    ...cohereStreamReader(),
  };
}

/**
 * v2 chat stream events: text in `content-delta` (`delta.message.content.text`; `.thinking` is reasoning), the
 * plan before tool calls in `tool-plan-delta` (thinking), calls as `tool-call-start` (id, name) + `tool-call-delta`
 * (argument fragments) + `tool-call-end`, keyed by the event's `index`; `message-end` ends the reply with the
 * usage, or reports an error in `delta.error` (finish reason `ERROR`).
 */
export function cohereStreamReader(): Pick<ChatStreamSpec, 'read' | 'finish'> {
  const calls = new ToolCallAssembler();
  return {
    read(event: StreamEvent, ctx: CallContext): StreamStep {
      const json = eventJson(event);
      const type = typeof json['type'] === 'string' ? json['type'] : event.event;
      const delta = asRecord(json['delta']);
      const message = asRecord(delta?.['message']);
      const index = typeof json['index'] === 'number' ? json['index'] : undefined;
      switch (type) {
        case 'content-start':
        case 'content-delta': {
          const content = asRecord(message?.['content']);
          const thinking = content?.['thinking'];
          if (typeof thinking === 'string' && thinking !== '') return { parts: [{ type: 'thinking', text: thinking }] };
          if (content?.['type'] === 'thinking') return {};
          const text = content?.['text'];
          return typeof text === 'string' && text !== '' ? { parts: [{ type: 'text', text }] } : {};
        }
        case 'tool-plan-delta': {
          const plan = message?.['tool_plan'];
          return typeof plan === 'string' && plan !== '' ? { parts: [{ type: 'thinking', text: plan }] } : {};
        }
        case 'tool-call-start':
        case 'tool-call-delta': {
          const call = asRecord(message?.['tool_calls']);
          const fn = asRecord(call?.['function']);
          const args = fn?.['arguments'];
          calls.add({
            ...(nonEmptyString(call?.['id']) === undefined ? {} : { id: call?.['id'] as string }),
            ...(index === undefined ? {} : { index }),
            ...(nonEmptyString(fn?.['name']) === undefined ? {} : { name: fn?.['name'] as string }),
            arguments: typeof args === 'string' ? args : '',
          });
          return {};
        }
        case 'tool-call-end': {
          const parts = calls.take();
          return parts.length > 0 ? { parts } : {};
        }
        case 'message-end': {
          const error = delta?.['error'];
          if ((typeof error === 'string' && error !== '') || delta?.['finish_reason'] === 'ERROR') {
            throw classifyStreamError(JSON.stringify({ message: typeof error === 'string' ? error : 'generation failed', code: delta?.['finish_reason'] }), ctx);
          }
          const usage = asRecord(delta?.['usage']);
          const tokens = asRecord(usage?.['tokens']) ?? asRecord(usage?.['billed_units']);
          const parts: ChatPart[] = [...calls.take(), ...usagePart(tokens?.['input_tokens'], tokens?.['output_tokens'], usage?.['cached_tokens'])];
          return { ...(parts.length > 0 ? { parts } : {}), done: true };
        }
        default:
          return {};
      }
    },
    finish: () => calls.take(),
  };
}
