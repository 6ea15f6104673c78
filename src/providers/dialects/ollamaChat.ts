// Ollama's native `/api/chat` with tools: the request built from a rich history (`tool_calls` with object
// arguments, results as `role: "tool"` + `tool_name`, images as base64 in `images`, `options.num_ctx` sized from
// the model's context window), and the NDJSON stream read into parts (text, thinking, whole tool calls, usage).
import type { CallContext } from '../callContext';
import { mintCallId } from '../chat/callIds';
import { assistantParts, base64Of, partsOf, textOf } from '../chat/messages';
import { ThinkTagSplitter } from '../chat/thinkTags';
import { parseToolInput } from '../chat/toolCalls';
import { classifyStreamError } from '../classify';
import { asRecord, nonEmptyString } from '../modelList';
import { ProviderError } from '../providerError';
import type { ChatPart, ChatToolOptions, RichChatMessage } from '../types';
import { eventJson, presetFields, usagePart, type ChatStreamSpec, type StreamEvent, type StreamStep } from './dialect';
import { openAiTools } from './openaiChat';

/** `num_ctx` when the model's window is unknown. */
export const DEFAULT_NUM_CTX = 8192;
/** A bigger window makes Ollama allocate a huge KV cache (and can push the model off the GPU). */
export const MAX_NUM_CTX = 32_768;

type WireMessage = Record<string, unknown>;

/** The context Ollama is told to allocate: the model's window, capped; 8 192 when unknown. */
export function numCtx(contextWindow: number | undefined): number {
  if (typeof contextWindow !== 'number' || !Number.isFinite(contextWindow) || contextWindow <= 0) return DEFAULT_NUM_CTX;
  return Math.min(Math.floor(contextWindow), MAX_NUM_CTX);
}

/**
 * The history in Ollama's shape. Ollama's calls carry no ids, so a result names its tool instead: `tool_name` is
 * the name of the call with the result's id, looked up in the assistant turns before it.
 */
export function ollamaMessages(messages: readonly RichChatMessage[]): WireMessage[] {
  const out: WireMessage[] = [];
  const callNames = new Map<string, string>();
  for (const message of messages) {
    if (message.role === 'system') {
      out.push({ role: 'system', content: textOf(message) });
      continue;
    }
    const parts = partsOf(message);
    if (message.role === 'assistant') {
      const { text, thinking, calls: toolCalls } = assistantParts(message);
      for (const part of toolCalls) callNames.set(part.id, part.name);
      const calls = toolCalls.map((part) => ({ function: { name: part.name, arguments: part.input } }));
      out.push({
        role: 'assistant',
        content: text,
        ...(thinking === '' ? {} : { thinking }),
        ...(calls.length > 0 ? { tool_calls: calls } : {}),
      });
      continue;
    }
    // A user turn: its results first (right after the assistant's calls), then what the user said and showed.
    let text = '';
    const images: string[] = [];
    for (const part of parts) {
      if (part.type === 'toolResult') {
        const name = callNames.get(part.callId);
        out.push({ role: 'tool', content: part.content, ...(name === undefined ? {} : { tool_name: name }) });
      } else if (part.type === 'text') text += part.text;
      else if (part.type === 'image') images.push(base64Of(part.data));
    }
    if (text === '' && images.length === 0 && parts.length > 0) continue;
    out.push({ role: 'user', content: text, ...(images.length > 0 ? { images } : {}) });
  }
  return out;
}

export function ollamaChatStream(model: string, messages: RichChatMessage[], options: ChatToolOptions, contextWindow: number | undefined): ChatStreamSpec {
  const sampling = presetFields(options, { temperature: 'temperature', topP: 'top_p', maxTokens: 'num_predict', stop: 'stop' });
  const tools = options.tools !== undefined && options.tools.length > 0 ? options.tools : undefined;
  return {
    path: 'api/chat',
    format: 'ndjson',
    body: {
      model,
      messages: ollamaMessages(messages),
      stream: true,
      ...(tools === undefined ? {} : { tools: openAiTools(tools) }),
      options: { ...sampling, num_ctx: numCtx(contextWindow) },
    },
    ...ollamaStreamReader(),
  };
}

/**
 * One NDJSON line per step: `message.content` is reply text (inline <think> split off), `message.thinking` is
 * reasoning, `message.tool_calls` are whole calls (arguments an object, no ids: minted here; every call is
 * numbered 0, so each entry is its own call); `done: true` ends the reply, with the token counts.
 */
export function ollamaStreamReader(): Pick<ChatStreamSpec, 'read' | 'finish'> {
  const think = new ThinkTagSplitter();
  return {
    read(event: StreamEvent, ctx: CallContext): StreamStep {
      const line = eventJson(event);
      if (line['error'] !== undefined) throw classifyStreamError(event.data, ctx);
      const message = asRecord(line['message']);
      const parts: ChatPart[] = [];
      const thinking = message?.['thinking'];
      if (typeof thinking === 'string' && thinking !== '') parts.push({ type: 'thinking', text: thinking });
      const content = message?.['content'];
      if (typeof content === 'string' && content !== '') parts.push(...think.push(content));
      const toolCalls = message?.['tool_calls'];
      if (Array.isArray(toolCalls) && toolCalls.length > 0) {
        parts.push(...think.flush());
        for (const raw of toolCalls) parts.push(toolCallPart(raw));
      }
      if (line['done'] !== true) return parts.length > 0 ? { parts } : {};
      parts.push(...think.flush(), ...usagePart(line['prompt_eval_count'], line['eval_count']));
      return { parts, done: true };
    },
    finish: () => think.flush(),
  };
}

function toolCallPart(raw: unknown): ChatPart {
  const fn = asRecord(asRecord(raw)?.['function']);
  const name = nonEmptyString(fn?.['name']);
  if (name === undefined) throw new ProviderError('bad_response', 'The provider asked for a tool call without naming the tool.');
  const args = fn?.['arguments'];
  let input: Record<string, unknown>;
  if (args === undefined || args === null) input = {};
  else if (typeof args === 'string') input = parseToolInput(name, args);
  else {
    const record = asRecord(args);
    if (record === undefined) throw new ProviderError('bad_response', `The provider asked for the tool "${name}" with arguments that are not a JSON object, so the call cannot be made.`);
    input = record;
  }
  // Newer Ollama builds may give the call an id; older ones give none.
  const id = nonEmptyString(asRecord(raw)?.['id']) ?? mintCallId();
  return { type: 'toolCall', id, name, input };
}
