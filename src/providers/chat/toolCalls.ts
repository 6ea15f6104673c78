// Streamed tool calls, put back together. Providers stream a call as fragments of its JSON arguments; which call a
// fragment belongs to is said by its id (most), its index (OpenAI after the first fragment), or nothing at all
// (the call in progress). Ollama numbers every call 0 and Gemini's OpenAI endpoint sends no index, so the id is
// asked first, then the index, then "the current call". A call is yielded once, complete, with its input parsed.
import { ProviderError } from '../providerError';
import type { ChatPart } from '../types';
import { mintCallId } from './callIds';

export interface ToolCallFragment {
  id?: string;
  index?: number;
  name?: string;
  /** A piece of the JSON arguments, in order. */
  arguments?: string;
  /** What the wire attached to the call (Gemini's thought signature), merged into the call's metadata. */
  metadata?: Record<string, unknown>;
}

interface PendingCall {
  id?: string;
  name: string;
  args: string;
  metadata?: Record<string, unknown>;
}

type ToolCallPart = Extract<ChatPart, { type: 'toolCall' }>;

/** Parses a call's arguments: `""` is `{}`; anything but a JSON object is the provider's fault. */
export function parseToolInput(name: string, text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ProviderError('bad_response', `The provider asked for the tool "${name}" with arguments that are not a JSON object, so the call cannot be made.`);
  }
  return value as Record<string, unknown>;
}

export class ToolCallAssembler {
  private readonly calls: PendingCall[] = [];
  private readonly byId = new Map<string, PendingCall>();
  private readonly byIndex = new Map<number, PendingCall>();

  get pending(): boolean {
    return this.calls.length > 0;
  }

  add(fragment: ToolCallFragment): void {
    let call = fragment.id === undefined ? undefined : this.byId.get(fragment.id);
    if (call === undefined && fragment.index !== undefined) {
      const atIndex = this.byIndex.get(fragment.index);
      // The same index under a new id is a new call (Ollama numbers every call 0).
      if (atIndex !== undefined && (fragment.id === undefined || atIndex.id === undefined)) call = atIndex;
    }
    if (call === undefined && fragment.id === undefined && fragment.index === undefined) call = this.calls.at(-1);
    if (call === undefined) {
      call = { name: '', args: '' };
      this.calls.push(call);
    }
    if (fragment.id !== undefined && call.id === undefined) {
      call.id = fragment.id;
      this.byId.set(fragment.id, call);
    }
    if (fragment.index !== undefined) this.byIndex.set(fragment.index, call);
    if (fragment.name !== undefined && fragment.name !== '') call.name = call.name === '' ? fragment.name : call.name;
    if (fragment.arguments !== undefined) call.args += fragment.arguments;
    if (fragment.metadata !== undefined) call.metadata = { ...call.metadata, ...fragment.metadata };
  }

  /** Every call so far, complete and in order; the assembler is empty afterwards. Throws `bad_response` for bad JSON. */
  take(): ToolCallPart[] {
    const parts = this.calls.map((call): ToolCallPart => {
      if (call.name === '') throw new ProviderError('bad_response', 'The provider asked for a tool call without naming the tool.');
      return {
        type: 'toolCall',
        id: call.id !== undefined && call.id !== '' ? call.id : mintCallId(),
        name: call.name,
        input: parseToolInput(call.name, call.args),
        ...(call.metadata === undefined ? {} : { metadata: call.metadata }),
      };
    });
    this.calls.length = 0;
    this.byId.clear();
    this.byIndex.clear();
    return parts;
  }
}
