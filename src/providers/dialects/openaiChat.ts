// The OpenAI chat-completions wire with tools: the request built from a rich history (tools/tool_calls/role
// "tool", images as data-URL `image_url` parts, reasoning sent back where the provider demands it), and the
// stream read into parts (text, reasoning, tool calls joined from their fragments, usage).
import type { CallContext } from '../callContext';
import { wireCallId, type CallIdRule } from '../chat/callIds';
import { assistantParts, base64Of, partsOf, textOf } from '../chat/messages';
import { ThinkTagSplitter } from '../chat/thinkTags';
import { ToolCallAssembler } from '../chat/toolCalls';
import { classifyStreamError } from '../classify';
import { asRecord, nonEmptyString } from '../modelList';
import type { ChatPart, ChatTool, ChatToolOptions, RichChatMessage } from '../types';
import { eventJson, presetFields, usagePart, type ChatStreamSpec, type DialectCall, type StreamEvent, type StreamStep } from './dialect';

type WireMessage = Record<string, unknown>;

/**
 * Tool definitions in the `{type:'function', function:{name, description, parameters}}` shape OpenAI, Cohere v2
 * and Ollama share, per tool list (a request that converts the same list twice pays once).
 */
const toolCache = new WeakMap<readonly ChatTool[], unknown[]>();

export function openAiTools(tools: readonly ChatTool[]): unknown[] {
  let wire = toolCache.get(tools);
  if (wire === undefined) {
    wire = tools.map((t) => ({
      type: 'function',
      function: { name: t.name, description: t.description, parameters: t.inputSchema ?? { type: 'object', properties: {} } },
    }));
    toolCache.set(tools, wire);
  }
  return wire;
}

export function openAiMessages(messages: readonly RichChatMessage[], rule: CallIdRule, sendReasoningBack: boolean): WireMessage[] {
  const out: WireMessage[] = [];
  for (const message of messages) {
    if (message.role === 'system') {
      out.push({ role: 'system', content: textOf(message) });
      continue;
    }
    const parts = partsOf(message);
    if (message.role === 'assistant') {
      const { text, thinking: reasoning, calls: toolCalls } = assistantParts(message);
      const calls = toolCalls.map((part) => {
        const signature = part.metadata?.['thoughtSignature'];
        return {
          id: wireCallId(part.id, rule),
          type: 'function',
          function: { name: part.name, arguments: JSON.stringify(part.input) },
          // Gemini's OpenAI endpoint needs its signature back on the call.
          ...(typeof signature === 'string' ? { extra_content: { google: { thought_signature: signature } } } : {}),
        };
      });
      // A turn with nothing to say (only thinking, or markers VS Code keeps) is left out: some servers refuse it.
      if (text === '' && calls.length === 0) continue;
      out.push({
        role: 'assistant',
        content: text === '' ? null : text,
        ...(calls.length > 0 ? { tool_calls: calls } : {}),
        ...(sendReasoningBack && reasoning !== '' ? { reasoning_content: reasoning } : {}),
      });
      continue;
    }
    // A user turn: its tool results first (each its own "tool" message, right after the assistant's calls), then
    // what the user said.
    const content: unknown[] = [];
    for (const part of parts) {
      if (part.type === 'toolResult') out.push({ role: 'tool', tool_call_id: wireCallId(part.callId, rule), content: part.content });
      else if (part.type === 'text') content.push({ type: 'text', text: part.text });
      else if (part.type === 'image') content.push({ type: 'image_url', image_url: { url: `data:${part.mimeType};base64,${base64Of(part.data)}` } });
    }
    if (content.length === 0) continue;
    const onlyText = content.every((c) => (c as { type: string }).type === 'text');
    out.push({ role: 'user', content: onlyText ? content.map((c) => (c as { text: string }).text).join('') : content });
  }
  return out;
}

export function openAiChatStream(call: DialectCall, model: string, messages: RichChatMessage[], options: ChatToolOptions): ChatStreamSpec {
  const quirks = call.info.chatQuirks ?? {};
  const rule: CallIdRule = quirks.nineCharacterCallIds ? 'nine-alphanumerics' : 'openai';
  const tools = options.tools !== undefined && options.tools.length > 0 ? options.tools : undefined;
  return {
    path: 'chat/completions',
    format: 'sse',
    body: {
      model,
      messages: openAiMessages(messages, rule, quirks.sendReasoningBack === true),
      stream: true,
      ...(quirks.noStreamOptions ? {} : { stream_options: { include_usage: true } }),
      ...(tools === undefined ? {} : { tools: openAiTools(tools), ...(options.toolChoice === 'required' ? { tool_choice: 'required' } : {}) }),
      ...presetFields(options, { temperature: 'temperature', topP: 'top_p', maxTokens: call.info.maxTokensField ?? 'max_tokens', stop: 'stop' }),
    },
    ...openAiStreamReader(),
  };
}

/**
 * Reads `chat.completion.chunk`s. `delta.content` is reply text (with inline <think> reasoning split off);
 * `reasoning_content` (DeepSeek, vLLM), `reasoning` (OpenRouter, Groq) and `reasoning_text` are thinking. Tool
 * calls are yielded complete at the finish reason; usage (the last chunk, with no choices) at the end. An `error`
 * object (OpenAI, OpenRouter) or an `error` event is the provider failing mid-stream.
 */
export function openAiStreamReader(): Pick<ChatStreamSpec, 'read' | 'finish'> {
  const calls = new ToolCallAssembler();
  const think = new ThinkTagSplitter();
  let usage: ChatPart[] = [];
  return {
    read(event: StreamEvent, ctx: CallContext): StreamStep {
      if (event.data.trim() === '[DONE]') return { done: true };
      const chunk = eventJson(event);
      const error = chunk['error'];
      if (event.event === 'error' || (error !== undefined && error !== null)) {
        const code = asRecord(error)?.['code'];
        throw classifyStreamError(event.data, ctx, typeof code === 'number' ? code : undefined);
      }
      const reported = asRecord(chunk['usage']);
      if (reported) {
        const details = asRecord(reported['prompt_tokens_details']);
        usage = usagePart(reported['prompt_tokens'], reported['completion_tokens'], details?.['cached_tokens']);
      }
      const choices = Array.isArray(chunk['choices']) ? (chunk['choices'] as unknown[]) : [];
      // Azure opens with a chunk of prompt filter results and no choices.
      const choice = asRecord(choices[0]);
      const delta = asRecord(choice?.['delta']);
      const parts: ChatPart[] = [];
      const reasoning = nonEmptyString(delta?.['reasoning_content']) ?? nonEmptyString(delta?.['reasoning']) ?? nonEmptyString(delta?.['reasoning_text']);
      if (reasoning !== undefined) parts.push({ type: 'thinking', text: reasoning });
      const content = delta?.['content'];
      if (typeof content === 'string' && content !== '') parts.push(...think.push(content));
      const toolCalls = delta?.['tool_calls'];
      for (const raw of Array.isArray(toolCalls) ? toolCalls : []) {
        const fragment = asRecord(raw);
        if (!fragment) continue;
        const fn = asRecord(fragment['function']);
        const signature = nonEmptyString(asRecord(asRecord(fragment['extra_content'])?.['google'])?.['thought_signature']);
        const args = fn?.['arguments'];
        calls.add({
          ...(nonEmptyString(fragment['id']) === undefined ? {} : { id: fragment['id'] as string }),
          ...(typeof fragment['index'] === 'number' ? { index: fragment['index'] } : {}),
          ...(nonEmptyString(fn?.['name']) === undefined ? {} : { name: fn?.['name'] as string }),
          // Some servers send the arguments as an object rather than a JSON string.
          arguments: typeof args === 'string' ? args : args === undefined || args === null ? '' : JSON.stringify(args),
          ...(signature === undefined ? {} : { metadata: { thoughtSignature: signature } }),
        });
      }
      const finished = typeof choice?.['finish_reason'] === 'string';
      if (finished) parts.push(...think.flush(), ...calls.take());
      return { ...(parts.length > 0 ? { parts } : {}), ...(finished ? { complete: true } : {}) };
    },
    finish: () => [...think.flush(), ...calls.take(), ...usage],
  };
}
