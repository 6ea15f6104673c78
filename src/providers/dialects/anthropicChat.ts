// The Anthropic Messages wire with tools: the request built from a rich history (system at the top level, turns
// alternating user/assistant, `tool_use`/`tool_result` blocks, base64 images, signed thinking sent back), and the
// stream read into parts (text, thinking with its signature, tool calls joined from `input_json_delta`s, usage).
import type { CallContext } from '../callContext';
import { wireCallId } from '../chat/callIds';
import { base64Of, partsOf, systemPrompt } from '../chat/messages';
import { ToolCallAssembler } from '../chat/toolCalls';
import { classifyStreamError } from '../classify';
import { asRecord, nonEmptyString } from '../modelList';
import type { ChatPart, ChatTool, ChatToolOptions, RichChatMessage } from '../types';
import { eventJson, presetFields, usagePart, type ChatStreamSpec, type StreamEvent, type StreamStep } from './dialect';

/** `max_tokens` is required by the Messages API; used when the preset sets none. */
export const ANTHROPIC_DEFAULT_MAX_TOKENS = 1024;

type Block = Record<string, unknown>;

/** Tool definitions per tool list: VS Code sends the same ~40 tools on every request of an agent loop. */
const toolCache = new WeakMap<readonly ChatTool[], unknown[]>();

/** A tool's schema as Anthropic takes it: a JSON Schema whose root is `type: "object"`, without `$schema`. */
function inputSchema(schema: object | undefined): Record<string, unknown> {
  if (schema === undefined || typeof schema !== 'object' || schema === null || Array.isArray(schema)) return { type: 'object' };
  const { $schema: _ignored, ...rest } = schema as Record<string, unknown>;
  return { ...rest, type: 'object' };
}

export function anthropicTools(tools: readonly ChatTool[]): unknown[] {
  let wire = toolCache.get(tools);
  if (wire === undefined) {
    wire = tools.map((t) => ({ name: t.name, ...(t.description === '' ? {} : { description: t.description }), input_schema: inputSchema(t.inputSchema) }));
    toolCache.set(tools, wire);
  }
  return wire;
}

/** One turn being built; merged with the next message of the same role. */
interface Turn {
  role: 'user' | 'assistant';
  /** Assistant: the turn's reasoning, sent back as one block only when it carries a signature. */
  thinking: string;
  signature?: string;
  redacted: Block[];
  /** User: tool results, which must come first in the turn. */
  results: Block[];
  blocks: Block[];
}

function addParts(turn: Turn, message: RichChatMessage): void {
  for (const part of partsOf(message)) {
    switch (part.type) {
      case 'text':
        // Anthropic refuses empty (and whitespace-only) text blocks.
        if (part.text.trim() !== '') turn.blocks.push({ type: 'text', text: part.text });
        break;
      case 'image':
        turn.blocks.push({ type: 'image', source: { type: 'base64', media_type: part.mimeType, data: base64Of(part.data) } });
        break;
      case 'toolCall':
        if (turn.role === 'assistant') turn.blocks.push({ type: 'tool_use', id: wireCallId(part.id, 'anthropic'), name: part.name, input: part.input });
        break;
      case 'toolResult':
        if (turn.role === 'user') {
          turn.results.push({
            type: 'tool_result',
            tool_use_id: wireCallId(part.callId, 'anthropic'),
            ...(part.content === '' ? {} : { content: part.content }),
            ...(part.isError === true ? { is_error: true } : {}),
          });
        }
        break;
      case 'thinking': {
        if (turn.role !== 'assistant') break;
        const redacted = nonEmptyString(part.metadata?.['redactedData']);
        if (redacted !== undefined) turn.redacted.push({ type: 'redacted_thinking', data: redacted });
        turn.thinking += part.text;
        turn.signature = nonEmptyString(part.metadata?.['signature']) ?? turn.signature;
        break;
      }
    }
  }
}

function content(turn: Turn): string | Block[] {
  const thinking: Block[] = turn.signature === undefined ? [] : [{ type: 'thinking', thinking: turn.thinking, signature: turn.signature }];
  const blocks: Block[] = [...thinking, ...turn.redacted, ...turn.results, ...turn.blocks];
  const only = blocks[0];
  // A turn of one text block goes as a plain string (what the text-only wire always sent).
  return blocks.length === 1 && only?.['type'] === 'text' ? (only['text'] as string) : blocks;
}

/** The `messages` array: turns alternate, consecutive same-role messages merged, empty messages left out. */
export function anthropicMessages(messages: readonly RichChatMessage[]): { role: string; content: string | Block[] }[] {
  const turns: Turn[] = [];
  for (const message of messages) {
    if (message.role === 'system') continue;
    const turn: Turn = { role: message.role, thinking: '', redacted: [], results: [], blocks: [] };
    addParts(turn, message);
    // Dropped before merging, so that what is left on either side of it merges too.
    if (content(turn).length === 0) continue;
    const last = turns.at(-1);
    if (last?.role !== turn.role) {
      turns.push(turn);
      continue;
    }
    last.thinking += turn.thinking;
    last.signature = turn.signature ?? last.signature;
    last.redacted.push(...turn.redacted);
    last.results.push(...turn.results);
    last.blocks.push(...turn.blocks);
  }
  return turns.map((turn) => ({ role: turn.role, content: content(turn) }));
}

export function anthropicChatStream(model: string, messages: RichChatMessage[], options: ChatToolOptions): ChatStreamSpec {
  const system = systemPrompt(messages);
  const tools = options.tools !== undefined && options.tools.length > 0 ? options.tools : undefined;
  return {
    path: 'v1/messages',
    format: 'sse',
    body: {
      model,
      // The Messages API takes the system prompt at the top level; a `system` role in `messages` is refused.
      ...(system === '' ? {} : { system }),
      messages: anthropicMessages(messages),
      stream: true,
      max_tokens: ANTHROPIC_DEFAULT_MAX_TOKENS,
      // Recent Claude models refuse temperature and top_p together (400): temperature wins when both are set.
      ...presetFields(options.temperature === undefined ? options : { ...options, topP: undefined }, {
        temperature: 'temperature',
        topP: 'top_p',
        maxTokens: 'max_tokens',
        stop: 'stop_sequences',
      }),
      ...(tools === undefined ? {} : { tools: anthropicTools(tools), ...(options.toolChoice === 'required' ? { tool_choice: { type: 'any' } } : {}) }),
    },
    ...anthropicStreamReader(),
  };
}

const count = (value: unknown): number => (typeof value === 'number' && value > 0 ? value : 0);

/**
 * Reads Messages stream events. `text_delta` is text; `thinking_delta` is thinking, and the block's
 * `signature_delta`s come out as one empty thinking part with `metadata.signature` at its `content_block_stop`;
 * a `redacted_thinking` block is a thinking part with `metadata.redactedData`. A `tool_use` block's
 * `input_json_delta`s are joined by block index and the call yielded complete at its stop. Input tokens come from
 * `message_start` (plus cache reads and writes), output tokens from the last `message_delta` (cumulative).
 */
export function anthropicStreamReader(): Pick<ChatStreamSpec, 'read' | 'finish'> {
  const calls = new ToolCallAssembler();
  const signatures = new Map<number, string>();
  const toolBlocks = new Set<number>();
  let input = 0;
  let cached = 0;
  let output = 0;
  const readInput = (usage: Record<string, unknown> | undefined): void => {
    if (typeof usage?.['input_tokens'] !== 'number') return;
    cached = count(usage['cache_read_input_tokens']);
    input = count(usage['input_tokens']) + cached + count(usage['cache_creation_input_tokens']);
  };
  return {
    read(event: StreamEvent, ctx: CallContext): StreamStep {
      const json = eventJson(event);
      const type = typeof json['type'] === 'string' ? json['type'] : event.event;
      const index = typeof json['index'] === 'number' ? json['index'] : -1;
      switch (type) {
        case 'error':
          throw classifyStreamError(event.data, ctx);
        case 'message_stop':
          return { done: true };
        case 'message_start': {
          const usage = asRecord(asRecord(json['message'])?.['usage']);
          readInput(usage);
          output = count(usage?.['output_tokens']);
          return {};
        }
        case 'message_delta': {
          const usage = asRecord(json['usage']);
          // Newer servers repeat the (cumulative) input counts here too.
          readInput(usage);
          if (typeof usage?.['output_tokens'] === 'number') output = count(usage['output_tokens']);
          return typeof asRecord(json['delta'])?.['stop_reason'] === 'string' ? { complete: true } : {};
        }
        case 'content_block_start':
          return blockStart(index, asRecord(json['content_block']));
        case 'content_block_delta':
          return blockDelta(index, asRecord(json['delta']));
        case 'content_block_stop': {
          const signature = signatures.get(index);
          signatures.delete(index);
          if (signature !== undefined && signature !== '') return { parts: [{ type: 'thinking', text: '', metadata: { signature } }] };
          if (toolBlocks.delete(index)) return { parts: calls.take() };
          return {};
        }
        default:
          // ping, and event types added later.
          return {};
      }
    },
    finish: () => [...calls.take(), ...usagePart(input, output, cached)],
  };

  function blockStart(index: number, block: Record<string, unknown> | undefined): StreamStep {
    switch (block?.['type']) {
      case 'text':
        return textStep(block['text']);
      case 'thinking': {
        signatures.set(index, typeof block['signature'] === 'string' ? block['signature'] : '');
        const text = nonEmptyString(block['thinking']);
        return text === undefined ? {} : { parts: [{ type: 'thinking', text }] };
      }
      case 'redacted_thinking': {
        const data = nonEmptyString(block['data']);
        return data === undefined ? {} : { parts: [{ type: 'thinking', text: '', metadata: { redactedData: data } }] };
      }
      case 'tool_use': {
        toolBlocks.add(index);
        const id = nonEmptyString(block['id']);
        const name = nonEmptyString(block['name']);
        calls.add({ index, ...(id === undefined ? {} : { id }), ...(name === undefined ? {} : { name }), arguments: '' });
        return {};
      }
      default:
        // Server tools' blocks (web search and the like) are the provider's own business.
        return {};
    }
  }

  function blockDelta(index: number, delta: Record<string, unknown> | undefined): StreamStep {
    switch (delta?.['type']) {
      case 'text_delta':
        return textStep(delta['text']);
      case 'thinking_delta': {
        const text = nonEmptyString(delta['thinking']);
        return text === undefined ? {} : { parts: [{ type: 'thinking', text }] };
      }
      case 'signature_delta':
        if (typeof delta['signature'] === 'string') signatures.set(index, (signatures.get(index) ?? '') + delta['signature']);
        return {};
      case 'input_json_delta':
        if (toolBlocks.has(index) && typeof delta['partial_json'] === 'string') calls.add({ index, arguments: delta['partial_json'] });
        return {};
      default:
        return {};
    }
  }
}

function textStep(text: unknown): StreamStep {
  const parts: ChatPart[] = typeof text === 'string' && text !== '' ? [{ type: 'text', text }] : [];
  return parts.length > 0 ? { parts } : {};
}
