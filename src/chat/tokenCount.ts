// Token estimates for VS Code's prompt budgeting. Copilot calls provideTokenCount for every part and every whole
// message of a long agent history, so this must be cheap: tokenx (a 2 KB heuristic estimator, within a few
// per cent of real BPE counts on prose and code) instead of a tokenizer with a multi-megabyte vocabulary.
import { estimateTokenCount } from 'tokenx';
import * as vscode from 'vscode';

/** What an image costs a prompt on most providers (OpenAI's 512 px tiles land between 85 and ~1 500). */
export const IMAGE_TOKENS = 765;
/** Role and framing tokens per message (Copilot adds the same 3). */
const PER_MESSAGE = 3;

/**
 * Counts of longer texts, most recently used last. An agent loop re-counts its whole history on every request, and
 * each message twice (its text parts alone, then the whole message): the estimator reads ~10 characters a
 * microsecond, a lookup hashes the text ~50× faster. Bounded by the characters it holds (~8 MB of strings).
 */
const counted = new Map<string, number>();
const MIN_CACHED_CHARS = 256;
const MAX_CACHED_CHARS = 4_000_000;
let cachedChars = 0;

export function countText(text: string): number {
  if (text.length < MIN_CACHED_CHARS) return text === '' ? 0 : estimateTokenCount(text);
  const known = counted.get(text);
  if (known !== undefined) {
    counted.delete(text);
    counted.set(text, known);
    return known;
  }
  const count = estimateTokenCount(text);
  if (text.length <= MAX_CACHED_CHARS / 4) {
    counted.set(text, count);
    cachedChars += text.length;
    for (const oldest of counted.keys()) {
      if (cachedChars <= MAX_CACHED_CHARS) break;
      counted.delete(oldest);
      cachedChars -= oldest.length;
    }
  }
  return count;
}

function countPart(part: unknown): number {
  if (part instanceof vscode.LanguageModelTextPart) return countText(part.value);
  if (part instanceof vscode.LanguageModelToolCallPart) return countText(part.name) + countText(JSON.stringify(part.input ?? {})) + PER_MESSAGE;
  if (part instanceof vscode.LanguageModelToolResultPart) {
    let total = PER_MESSAGE;
    for (const inner of part.content) total += countPart(inner);
    return total;
  }
  if (part instanceof vscode.LanguageModelDataPart) return part.mimeType.startsWith('image/') ? IMAGE_TOKENS : 0;
  // Thinking parts (a proposed class) and prompt-tsx parts: count their text where they have one.
  const value = (part as { value?: unknown } | undefined)?.value;
  if (typeof value === 'string') return countText(value);
  if (Array.isArray(value)) return value.reduce<number>((n, v) => n + (typeof v === 'string' ? countText(v) : 0), 0);
  return 0;
}

export function countTokens(input: string | vscode.LanguageModelChatRequestMessage): number {
  if (typeof input === 'string') return countText(input);
  let total = PER_MESSAGE;
  for (const part of input.content) total += countPart(part);
  return total;
}
