// Bedrock ConverseStream: the request built from a rich history (content blocks `text`, `image`, `toolUse`,
// `toolResult`, `reasoningContent`; consecutive same-role turns merged; tools as `toolSpec`s), and the
// event-stream reply read into parts (text, reasoning with its signature, tool calls joined from their
// fragments, usage from the closing `metadata` event). The reply is complete at `messageStop`.
import type { CallContext } from '../callContext';
import { BAD_FRAME_EVENT, EXCEPTION_EVENT_PREFIX } from '../chat/awsEventStream';
import { wireCallId } from '../chat/callIds';
import { base64Of, partsOf, textOf } from '../chat/messages';
import { ToolCallAssembler } from '../chat/toolCalls';
import { classifyStreamError } from '../classify';
import { asRecord, nonEmptyString } from '../modelList';
import { ProviderError } from '../providerError';
import type { ChatContentPart, ChatPart, ChatTool, ChatToolOptions, RichChatMessage } from '../types';
import { eventJson, presetFields, usagePart, type ChatStreamSpec, type StreamEvent, type StreamStep } from './dialect';

type Block = Record<string, unknown>;
interface Turn {
  role: 'user' | 'assistant';
  content: Block[];
}

/** The image formats Converse takes, by MIME type. */
const IMAGE_FORMATS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpeg', 'image/jpg': 'jpeg', 'image/gif': 'gif', 'image/webp': 'webp' };

const EMPTY_SCHEMA = { type: 'object', properties: {} };

function imageBlock(part: Extract<ChatContentPart, { type: 'image' }>): Block {
  const format = IMAGE_FORMATS[part.mimeType.toLowerCase()];
  if (format === undefined) {
    throw new ProviderError('bad_response', `Bedrock takes PNG, JPEG, GIF and WebP images, not ${part.mimeType}. Convert the image to one of those and try again.`);
  }
  return { image: { format, source: { bytes: base64Of(part.data) } } };
}

/** An assistant turn: its signed reasoning first (one block), then text and calls in order. */
function assistantBlocks(parts: readonly ChatContentPart[]): Block[] {
  let reasoning = '';
  let signature: string | undefined;
  const rest: Block[] = [];
  for (const part of parts) {
    if (part.type === 'thinking') {
      reasoning += part.text;
      const signed = part.metadata?.['signature'];
      if (typeof signed === 'string' && signed !== '') signature = signed;
    } else if (part.type === 'text') {
      if (part.text !== '') rest.push({ text: part.text });
    } else if (part.type === 'toolCall') {
      rest.push({ toolUse: { toolUseId: wireCallId(part.id, 'bedrock'), name: part.name, input: part.input } });
    }
  }
  // Claude checks the signature of reasoning sent back; unsigned reasoning is of no use to any model, so it stays out.
  if (signature === undefined) return rest;
  return [{ reasoningContent: { reasoningText: { text: reasoning, signature } } }, ...rest];
}

/** A user turn: its tool results first, then what the user said. */
function userBlocks(parts: readonly ChatContentPart[]): Block[] {
  const results: Block[] = [];
  const said: Block[] = [];
  for (const part of parts) {
    if (part.type === 'toolResult') {
      results.push({
        toolResult: {
          toolUseId: wireCallId(part.callId, 'bedrock'),
          content: part.content === '' ? [] : [{ text: part.content }],
          ...(part.isError === true ? { status: 'error' } : {}),
        },
      });
    } else if (part.type === 'text') {
      if (part.text !== '') said.push({ text: part.text });
    } else if (part.type === 'image') {
      said.push(imageBlock(part));
    }
  }
  return [...results, ...said];
}

export function bedrockMessages(messages: readonly RichChatMessage[]): Turn[] {
  const turns: Turn[] = [];
  for (const message of messages) {
    if (message.role === 'system') continue;
    const parts = partsOf(message);
    const content = message.role === 'assistant' ? assistantBlocks(parts) : userBlocks(parts);
    if (content.length === 0) continue;
    const last = turns.at(-1);
    if (last?.role === message.role) {
      // Merged: the tool results of VS Code's one-message-per-result still come before any text of the turn.
      const isResult = (b: Block): boolean => 'toolResult' in b;
      last.content = message.role === 'user' ? [...last.content.filter(isResult), ...content.filter(isResult), ...last.content.filter((b) => !isResult(b)), ...content.filter((b) => !isResult(b))] : [...last.content, ...content];
    } else {
      turns.push({ role: message.role, content });
    }
  }
  return turns;
}

/** Tool specs per tool list: VS Code sends the same ~40 tools on every request of an agent loop. */
const toolCache = new WeakMap<readonly ChatTool[], unknown[]>();

function toolSpecs(tools: readonly ChatTool[]): unknown[] {
  let wire = toolCache.get(tools);
  if (wire === undefined) {
    wire = tools.map((t) => ({
      toolSpec: { name: t.name, ...(t.description === '' ? {} : { description: t.description }), inputSchema: { json: t.inputSchema ?? EMPTY_SCHEMA } },
    }));
    toolCache.set(tools, wire);
  }
  return wire;
}

/**
 * Converse refuses toolUse/toolResult blocks without a toolConfig. When the caller sends a tool history but no
 * tools, the tools named in it are declared (schema-less) so the history can still be sent.
 */
function toolsOfHistory(turns: readonly Turn[]): ChatTool[] {
  const names = new Set<string>();
  for (const turn of turns) for (const block of turn.content) {
    const name = asRecord(block['toolUse'])?.['name'];
    if (typeof name === 'string') names.add(name);
  }
  return [...names].map((name) => ({ name, description: '' }));
}

export function bedrockChatStream(model: string, messages: RichChatMessage[], options: ChatToolOptions): ChatStreamSpec {
  const system = messages.filter((m) => m.role === 'system').map(textOf).filter((t) => t !== '').map((text) => ({ text }));
  const turns = bedrockMessages(messages);
  const usesTools = turns.some((t) => t.content.some((b) => 'toolUse' in b || 'toolResult' in b));
  const given = options.tools !== undefined && options.tools.length > 0 ? options.tools : undefined;
  const tools = given ?? (usesTools ? toolsOfHistory(turns) : undefined);
  // Claude (as on Anthropic's own API) refuses temperature and topP together: temperature wins.
  const sampling = /(^|\.)anthropic\./.test(model) && options.temperature !== undefined ? { ...options, topP: undefined } : options;
  const inferenceConfig = presetFields(sampling, { temperature: 'temperature', topP: 'topP', maxTokens: 'maxTokens', stop: 'stopSequences' });
  return {
    path: `model/${encodeURIComponent(model)}/converse-stream`,
    format: 'aws-eventstream',
    body: {
      messages: turns,
      ...(system.length === 0 ? {} : { system }),
      ...(Object.keys(inferenceConfig).length === 0 ? {} : { inferenceConfig }),
      ...(tools === undefined || tools.length === 0
        ? {}
        : { toolConfig: { tools: toolSpecs(tools), ...(given !== undefined && options.toolChoice === 'required' ? { toolChoice: { any: {} } } : {}) } }),
    },
    ...bedrockStreamReader(),
  };
}

/** What an exception's type means for classifyStreamError (which reads `__type` like an HTTP error's). */
function exceptionFailure(type: string, data: string, ctx: CallContext): ProviderError {
  let payload: Record<string, unknown> = {};
  try {
    payload = asRecord(JSON.parse(data)) ?? {};
  } catch {
    if (data.trim() !== '') payload = { message: data.trim() };
  }
  const code = /^throttling/i.test(type) ? 429 : undefined;
  return classifyStreamError(JSON.stringify({ ...payload, __type: type }), ctx, code);
}

/**
 * Reads ConverseStream events: `contentBlockDelta` text is reply text, `reasoningContent` thinking (its
 * `signature` in the metadata of an empty thinking part), `toolUse` input fragments are joined per block and the
 * calls yielded at `messageStop`, which completes the reply; `metadata` (after it) carries the usage.
 */
export function bedrockStreamReader(): Pick<ChatStreamSpec, 'read' | 'finish'> {
  const calls = new ToolCallAssembler();
  let usage: ChatPart[] = [];
  return {
    read(event: StreamEvent, ctx: CallContext): StreamStep {
      if (event.event === BAD_FRAME_EVENT) {
        throw new ProviderError('bad_response', `The provider sent a damaged part of the reply (${event.data}), so the reply cannot be read. Try again.`);
      }
      if (event.event?.startsWith(EXCEPTION_EVENT_PREFIX)) throw exceptionFailure(event.event.slice(EXCEPTION_EVENT_PREFIX.length), event.data, ctx);
      const body = eventJson(event);
      const index = typeof body['contentBlockIndex'] === 'number' ? body['contentBlockIndex'] : undefined;
      const at = index === undefined ? {} : { index };
      switch (event.event) {
        case 'contentBlockStart': {
          const toolUse = asRecord(asRecord(body['start'])?.['toolUse']);
          if (toolUse) {
            const id = nonEmptyString(toolUse['toolUseId']);
            const name = nonEmptyString(toolUse['name']);
            calls.add({ ...at, ...(id === undefined ? {} : { id }), ...(name === undefined ? {} : { name }), arguments: '' });
          }
          return {};
        }
        case 'contentBlockDelta': {
          const delta = asRecord(body['delta']);
          const parts: ChatPart[] = [];
          if (typeof delta?.['text'] === 'string' && delta['text'] !== '') parts.push({ type: 'text', text: delta['text'] });
          const reasoning = asRecord(delta?.['reasoningContent']);
          const thought = nonEmptyString(reasoning?.['text']);
          if (thought !== undefined) parts.push({ type: 'thinking', text: thought });
          const signature = nonEmptyString(reasoning?.['signature']);
          if (signature !== undefined) parts.push({ type: 'thinking', text: '', metadata: { signature } });
          const toolUse = asRecord(delta?.['toolUse']);
          if (toolUse) {
            const input = toolUse['input'];
            calls.add({ ...at, arguments: typeof input === 'string' ? input : input === undefined || input === null ? '' : JSON.stringify(input) });
          }
          return parts.length > 0 ? { parts } : {};
        }
        case 'messageStop': {
          const parts = calls.take();
          return { complete: true, ...(parts.length > 0 ? { parts } : {}) };
        }
        case 'metadata': {
          const reported = asRecord(body['usage']);
          if (reported) usage = usagePart(reported['inputTokens'], reported['outputTokens'], reported['cacheReadInputTokens']);
          return {};
        }
        default:
          return {};
      }
    },
    finish: () => [...calls.take(), ...usage],
  };
}
