// VS Code's language-model parts to the providers module's parts and back. What VS Code sends that is not
// content (cache markers, stateful markers, usage) is skipped, never sent upstream as text or as an image.
import * as vscode from 'vscode';
import type { ChatContentPart, ChatPart, RichChatMessage } from '../providers';

/** The image types VS Code's chat treats as images. */
const IMAGE_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/jpg', 'image/gif', 'image/webp', 'image/bmp']);
/** VS Code 1.139 sends the system prompt with role 3 (the `languageModelSystem` proposal; not in the stable enum). */
const SYSTEM_ROLE = 3;

/** The proposed thinking part class, where the running VS Code has it (1.139 exports it without a proposal check). */
type ThinkingPartClass = new (value: string | string[], id?: string, metadata?: Record<string, unknown>) => object;
export function thinkingPartClass(): ThinkingPartClass | undefined {
  const candidate = (vscode as unknown as { LanguageModelThinkingPart?: unknown }).LanguageModelThinkingPart;
  return typeof candidate === 'function' ? (candidate as ThinkingPartClass) : undefined;
}

/**
 * What a wire attached to a tool call and needs back with it (Gemini's thought signature). VS Code's tool call part
 * has no room for it, so it is kept here by call id for the agent loop that will send the call back.
 */
export class CallMetadata {
  private readonly entries = new Map<string, Record<string, unknown>>();
  constructor(private readonly capacity = 2000) {}

  remember(callId: string, metadata: Record<string, unknown> | undefined): void {
    if (metadata === undefined) return;
    this.entries.delete(callId);
    this.entries.set(callId, metadata);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  get(callId: string): Record<string, unknown> | undefined {
    return this.entries.get(callId);
  }
}

function textOfResult(content: readonly unknown[]): string {
  let text = '';
  for (const inner of content) {
    if (inner instanceof vscode.LanguageModelTextPart) text += inner.value;
    else if (inner instanceof vscode.LanguageModelDataPart && inner.mimeType.startsWith('text/')) text += new TextDecoder().decode(inner.data);
    else if (typeof (inner as { value?: unknown })?.value === 'string') text += (inner as { value: string }).value;
  }
  return text;
}

function toPart(part: unknown, calls: CallMetadata): ChatContentPart | undefined {
  if (part instanceof vscode.LanguageModelTextPart) return part.value === '' ? undefined : { type: 'text', text: part.value };
  if (part instanceof vscode.LanguageModelToolCallPart) {
    const metadata = calls.get(part.callId);
    return { type: 'toolCall', id: part.callId, name: part.name, input: (part.input ?? {}) as Record<string, unknown>, ...(metadata ? { metadata } : {}) };
  }
  if (part instanceof vscode.LanguageModelToolResultPart) {
    const isError = (part as { isError?: unknown }).isError === true;
    return { type: 'toolResult', callId: part.callId, content: textOfResult(part.content), ...(isError ? { isError } : {}) };
  }
  if (part instanceof vscode.LanguageModelDataPart) {
    return IMAGE_TYPES.has(part.mimeType) ? { type: 'image', mimeType: part.mimeType === 'image/jpg' ? 'image/jpeg' : part.mimeType, data: part.data } : undefined;
  }
  const Thinking = thinkingPartClass();
  if (Thinking && part instanceof Thinking) {
    const { value, metadata } = part as { value: string | string[]; metadata?: Record<string, unknown> };
    return { type: 'thinking', text: Array.isArray(value) ? value.join('') : value, ...(metadata ? { metadata } : {}) };
  }
  return undefined;
}

export function toRichMessages(messages: readonly vscode.LanguageModelChatRequestMessage[], calls: CallMetadata): RichChatMessage[] {
  return messages.map((m): RichChatMessage => {
    const role = m.role === vscode.LanguageModelChatMessageRole.Assistant ? 'assistant' : (m.role as number) === SYSTEM_ROLE ? 'system' : 'user';
    const content: ChatContentPart[] = [];
    for (const part of m.content) {
      const mapped = toPart(part, calls);
      if (mapped) content.push(mapped);
    }
    return { role, content };
  });
}

/** Reports a streamed part to VS Code; returns whether it was reply content (text or a tool call). */
export function reportPart(part: ChatPart, progress: vscode.Progress<vscode.LanguageModelResponsePart>, calls: CallMetadata): boolean {
  switch (part.type) {
    case 'text':
      progress.report(new vscode.LanguageModelTextPart(part.text));
      return part.text !== '';
    case 'toolCall':
      calls.remember(part.id, part.metadata);
      progress.report(new vscode.LanguageModelToolCallPart(part.id, part.name, part.input));
      return true;
    case 'thinking': {
      const Thinking = thinkingPartClass();
      if (Thinking) progress.report(new Thinking(part.text, undefined, part.metadata) as vscode.LanguageModelResponsePart);
      return false;
    }
    case 'usage': {
      const cached = part.cachedInputTokens ?? 0;
      progress.report(
        vscode.LanguageModelDataPart.json(
          {
            prompt_tokens: part.inputTokens,
            completion_tokens: part.outputTokens,
            total_tokens: part.inputTokens + part.outputTokens,
            prompt_tokens_details: { cached_tokens: cached },
          },
          'usage',
        ),
      );
      return false;
    }
  }
}
