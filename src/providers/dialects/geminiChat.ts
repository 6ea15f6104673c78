// The generateContent wire with tools, shared by Gemini (AI Studio) and Vertex: the request built from a rich
// history (functionDeclarations with reduced schemas, functionCall parts with their thought signatures, every
// result of a turn in one user turn of functionResponse parts named after their calls, images as inlineData) and
// the stream read into parts (text, thoughts, complete calls with minted ids, usage at the end).
import type { CallContext } from '../callContext';
import { mintCallId } from '../chat/callIds';
import { isEmptyObjectSchema, reduceGeminiSchema } from '../chat/geminiSchema';
import { base64Of, partsOf, systemPrompt } from '../chat/messages';
import { classifyStreamError } from '../classify';
import { asRecord, nonEmptyString } from '../modelList';
import { ProviderError } from '../providerError';
import type { ChatPart, ChatTool, ChatToolOptions, RichChatMessage } from '../types';
import { eventJson, presetFields, usagePart, type ChatStreamSpec, type StreamEvent, type StreamStep } from './dialect';

type WirePart = Record<string, unknown>;

/**
 * Google's documented stand-in for a call that has no signature of its own (a history another provider or an older
 * model made): Gemini 3 refuses a function call without one.
 */
export const SKIP_SIGNATURE = 'skip_thought_signature_validator';

/**
 * Reduced schemas, per schema object and per schema text. VS Code's chat sends the same ~40 tools with every request
 * of an agent loop, but as new objects each time (they cross from the workbench over IPC), so the object cache only
 * serves callers that pass the same objects again (the API); the text of a schema (JSON.stringify, ~5 µs a tool) is
 * the key that hits for the chat. Reducing one costs ~20 µs. The text cache is bounded (the oldest entry goes).
 */
const schemaCache = new WeakMap<object, Record<string, unknown> | null>();
const schemaByText = new Map<string, Record<string, unknown> | null>();
const MAX_SCHEMA_TEXTS = 512;

function parametersOf(tool: ChatTool): Record<string, unknown> | undefined {
  const schema = tool.inputSchema;
  if (schema === undefined || schema === null || typeof schema !== 'object') return undefined;
  let reduced = schemaCache.get(schema);
  if (reduced === undefined) {
    const text = JSON.stringify(schema);
    reduced = schemaByText.get(text);
    if (reduced === undefined) {
      const candidate = reduceGeminiSchema(schema);
      reduced = isEmptyObjectSchema(candidate) ? null : candidate;
      if (schemaByText.size >= MAX_SCHEMA_TEXTS) schemaByText.delete(schemaByText.keys().next().value as string);
      schemaByText.set(text, reduced);
    }
    schemaCache.set(schema, reduced);
  }
  return reduced ?? undefined;
}

export function geminiTools(tools: readonly ChatTool[]): unknown[] {
  const functionDeclarations = tools.map((tool) => {
    const parameters = parametersOf(tool);
    return { name: tool.name, ...(tool.description === '' ? {} : { description: tool.description }), ...(parameters === undefined ? {} : { parameters }) };
  });
  return [{ functionDeclarations }];
}

interface Turn {
  role: 'user' | 'model';
  /** functionResponse parts, with the position of their call in the model turn before (the order Gemini wants). */
  responses: { order: number; part: WirePart }[];
  parts: WirePart[];
}

/** Whether a model needs a signature on every function call turn (Gemini 3 and anything newer; not 1.x/2.x). */
function needsSignatures(model: string): boolean {
  return !/^gemini-[12](\.|-)/.test(model);
}

/** `contents` for a history: roles user/model, same-role turns merged, no thinking text sent back. */
export function geminiContents(messages: readonly RichChatMessage[], model: string): unknown[] {
  const nameOf = new Map<string, string>();
  for (const m of messages) if (m.role === 'assistant') for (const p of partsOf(m)) if (p.type === 'toolCall') nameOf.set(p.id, p.name);
  const turns: Turn[] = [];
  let lastCalls: string[] = [];
  const turnFor = (role: Turn['role']): Turn => {
    const last = turns.at(-1);
    if (last?.role === role) return last;
    const turn: Turn = { role, responses: [], parts: [] };
    turns.push(turn);
    return turn;
  };
  for (const message of messages) {
    if (message.role === 'system') continue;
    const parts = partsOf(message);
    if (message.role === 'assistant') {
      // The calls of this model turn (consecutive assistant messages are one turn), in order.
      if (turns.at(-1)?.role !== 'model') lastCalls = [];
      const turn = turnFor('model');
      // A signature that arrived on its own (an empty thinking part) belongs to the call after it.
      let pendingSignature: string | undefined;
      for (const part of parts) {
        if (part.type === 'text' && part.text !== '') turn.parts.push({ text: part.text });
        else if (part.type === 'thinking') pendingSignature = nonEmptyString(part.metadata?.['thoughtSignature']) ?? pendingSignature;
        else if (part.type === 'toolCall') {
          const signature = nonEmptyString(part.metadata?.['thoughtSignature']) ?? pendingSignature;
          pendingSignature = undefined;
          turn.parts.push({ functionCall: { name: part.name, args: part.input }, ...(signature === undefined ? {} : { thoughtSignature: signature }) });
          lastCalls.push(part.id);
        }
      }
      continue;
    }
    const turn = turnFor('user');
    for (const part of parts) {
      if (part.type === 'text' && part.text !== '') turn.parts.push({ text: part.text });
      else if (part.type === 'image') turn.parts.push({ inlineData: { mimeType: part.mimeType, data: base64Of(part.data) } });
      else if (part.type === 'toolResult') {
        const name = nameOf.get(part.callId);
        // A result whose call is not in the history (trimmed away) cannot be a functionResponse: Gemini pairs them.
        if (name === undefined) turn.parts.push({ text: `Result of tool call ${part.callId}:\n${part.content}` });
        else {
          const response = part.isError === true ? { error: part.content } : { result: part.content };
          const order = lastCalls.indexOf(part.callId);
          turn.responses.push({ order: order < 0 ? lastCalls.length : order, part: { functionResponse: { name, response } } });
        }
      }
    }
  }
  const signatures = needsSignatures(model);
  const contents: unknown[] = [];
  for (const turn of turns) {
    const parts = [...[...turn.responses].sort((a, b) => a.order - b.order).map((r) => r.part), ...turn.parts];
    if (parts.length === 0) continue;
    const firstCall = parts.find((p) => 'functionCall' in p);
    if (signatures && firstCall !== undefined && firstCall['thoughtSignature'] === undefined) firstCall['thoughtSignature'] = SKIP_SIGNATURE;
    contents.push({ role: turn.role, parts });
  }
  return contents;
}

/** The `generateContent` body: `systemInstruction`, `contents`, tools, and presets under `generationConfig`. */
export function geminiChatBody(messages: RichChatMessage[], options: ChatToolOptions, model: string): Record<string, unknown> {
  const system = systemPrompt(messages);
  const generationConfig = presetFields(options, { temperature: 'temperature', topP: 'topP', maxTokens: 'maxOutputTokens', stop: 'stopSequences' });
  const tools = options.tools !== undefined && options.tools.length > 0 ? options.tools : undefined;
  return {
    contents: geminiContents(messages, model),
    ...(system === '' ? {} : { systemInstruction: { parts: [{ text: system }] } }),
    ...(tools === undefined ? {} : { tools: geminiTools(tools) }),
    ...(tools !== undefined && options.toolChoice === 'required' ? { toolConfig: { functionCallingConfig: { mode: 'ANY' } } } : {}),
    ...(Object.keys(generationConfig).length === 0 ? {} : { generationConfig }),
  };
}

/** The parts of one response part: text, a thought, a complete call, or a signature on its own. */
function partsOfCandidate(raw: unknown): ChatPart[] {
  const part = asRecord(raw);
  if (!part) return [];
  const signature = nonEmptyString(part['thoughtSignature']);
  const metadata = signature === undefined ? undefined : { thoughtSignature: signature };
  const call = asRecord(part['functionCall']);
  if (call) {
    const name = nonEmptyString(call['name']);
    if (name === undefined) throw new ProviderError('bad_response', 'The provider asked for a tool call without naming the tool.');
    const args = call['args'] ?? {};
    const input = asRecord(args);
    if (!input) throw new ProviderError('bad_response', `The provider asked for the tool "${name}" with arguments that are not a JSON object, so the call cannot be made.`);
    return [{ type: 'toolCall', id: mintCallId(), name, input, ...(metadata === undefined ? {} : { metadata }) }];
  }
  const text = typeof part['text'] === 'string' ? part['text'] : '';
  if (part['thought'] === true) return text === '' && metadata === undefined ? [] : [{ type: 'thinking', text, ...(metadata === undefined ? {} : { metadata }) }];
  const out: ChatPart[] = text === '' ? [] : [{ type: 'text', text }];
  if (metadata !== undefined) out.push({ type: 'thinking', text: '', metadata });
  return out;
}

/**
 * Reads `streamGenerateContent?alt=sse` chunks: the first candidate's parts in order; the chunk with a
 * `finishReason` is the last. `usageMetadata` (cumulative, in most chunks) is reported once, at the end. An `error`
 * object is the provider failing mid-stream.
 */
export function geminiStreamReader(): Pick<ChatStreamSpec, 'read' | 'finish'> {
  let usage: ChatPart[] = [];
  return {
    read(event: StreamEvent, ctx: CallContext): StreamStep {
      const chunk = eventJson(event);
      const error = asRecord(chunk['error']);
      if (error) {
        const code = error['code'];
        throw classifyStreamError(event.data, ctx, typeof code === 'number' ? code : undefined);
      }
      const reported = asRecord(chunk['usageMetadata']);
      if (reported) {
        const candidates = typeof reported['candidatesTokenCount'] === 'number' ? reported['candidatesTokenCount'] : 0;
        const thoughts = typeof reported['thoughtsTokenCount'] === 'number' ? reported['thoughtsTokenCount'] : 0;
        usage = usagePart(reported['promptTokenCount'], candidates + thoughts, reported['cachedContentTokenCount']);
      }
      const candidate = asRecord(Array.isArray(chunk['candidates']) ? (chunk['candidates'] as unknown[])[0] : undefined);
      if (!candidate) {
        const blocked = nonEmptyString(asRecord(chunk['promptFeedback'])?.['blockReason']);
        if (blocked !== undefined) throw new ProviderError('bad_response', `The provider refused to answer this prompt (blocked: ${blocked}).`);
        return {};
      }
      const raw = asRecord(candidate['content'])?.['parts'];
      const parts = (Array.isArray(raw) ? raw : []).flatMap(partsOfCandidate);
      const finishReason = nonEmptyString(candidate['finishReason']);
      if (finishReason === 'MALFORMED_FUNCTION_CALL') {
        throw new ProviderError('bad_response', 'The model produced a tool call the provider could not read (MALFORMED_FUNCTION_CALL). Try again.');
      }
      return { ...(parts.length > 0 ? { parts } : {}), ...(finishReason === undefined ? {} : { done: true }) };
    },
    finish: () => usage,
  };
}
