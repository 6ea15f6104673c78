// Inline reasoning: some servers (Perplexity sonar-reasoning, GLM and Qwen builds behind vLLM or llama.cpp) put the
// model's reasoning in the reply text between <think> and </think>. It is thinking, never reply text. The tags
// may be split across deltas, so the splitter holds back what could be the start of one.
import type { ChatPart } from '../types';

const OPEN = '<think>';
const CLOSE = '</think>';

export class ThinkTagSplitter {
  private held = '';
  private inside = false;
  /** Only a reply that opens with <think> has inline reasoning; once text has been seen, tags are text. */
  private sawText = false;
  /** A think block has closed and no text has followed yet: whitespace there is no part of the reply. */
  private afterThink = false;

  push(delta: string): ChatPart[] {
    const parts: ChatPart[] = [];
    let text = this.held + delta;
    this.held = '';
    for (;;) {
      if (this.inside) {
        const end = text.indexOf(CLOSE);
        if (end < 0) {
          const keep = partialSuffix(text, CLOSE);
          emit(parts, 'thinking', text.slice(0, text.length - keep));
          this.held = text.slice(text.length - keep);
          return parts;
        }
        emit(parts, 'thinking', text.slice(0, end));
        this.inside = false;
        this.afterThink = true;
        text = text.slice(end + CLOSE.length).replace(/^\s+/, '');
        continue;
      }
      if (!this.sawText) {
        const trimmed = text.replace(/^\s+/, '');
        if (trimmed.startsWith(OPEN)) {
          this.inside = true;
          text = trimmed.slice(OPEN.length);
          continue;
        }
        if (trimmed === '' || OPEN.startsWith(trimmed)) {
          this.held = text;
          return parts;
        }
        if (this.afterThink) text = trimmed;
      }
      if (text !== '') this.sawText = true;
      emit(parts, 'text', text);
      return parts;
    }
  }

  /** What is still held at the end of the reply. */
  flush(): ChatPart[] {
    const parts: ChatPart[] = [];
    emit(parts, this.inside ? 'thinking' : 'text', this.afterThink && !this.sawText ? this.held.replace(/^\s+/, '') : this.held);
    this.held = '';
    return parts;
  }
}

function emit(parts: ChatPart[], type: 'text' | 'thinking', text: string): void {
  if (text !== '') parts.push({ type, text });
}

/** How many characters at the end of `text` could begin `tag`. */
function partialSuffix(text: string, tag: string): number {
  for (let n = Math.min(tag.length - 1, text.length); n > 0; n--) if (tag.startsWith(text.slice(text.length - n))) return n;
  return 0;
}
