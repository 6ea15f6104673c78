// Paging with caps, and the final shape of every model list (de-duplicated, sorted).
import type { CallContext } from './callContext';
import type { ModelInfo } from './types';

export const MAX_PAGES = 50;
export const MAX_MODELS = 10_000;

export interface Page {
  models: ModelInfo[];
  /** The cursor for the next page; absent on the last page. */
  next?: string;
}

/**
 * Reads pages until there is no cursor, a cursor repeats (a server stuck on one page), or a cap is reached
 * (MAX_PAGES pages or MAX_MODELS models), returning what it has: a misbehaving server cannot loop the call.
 */
export async function collectPages(ctx: CallContext, fetchPage: (cursor: string | undefined) => Promise<Page>): Promise<ModelInfo[]> {
  const models: ModelInfo[] = [];
  const seenCursors = new Set<string>();
  let cursor: string | undefined;
  for (let pages = 0; pages < MAX_PAGES && models.length < MAX_MODELS; pages++) {
    ctx.throwIfEnded();
    const page = await fetchPage(cursor);
    models.push(...page.models);
    if (page.next === undefined || page.next === '' || seenCursors.has(page.next)) break;
    if (page.models.length === 0) break; // an empty page that still offers a cursor would page forever
    seenCursors.add(page.next);
    cursor = page.next;
  }
  return models.slice(0, MAX_MODELS);
}

/** De-duplicates by id (keeping any label/context length a duplicate adds) and sorts by id. */
export function finalizeModels(models: readonly ModelInfo[]): ModelInfo[] {
  const byId = new Map<string, ModelInfo>();
  for (const model of models) {
    const id = model.id.trim();
    if (id === '') continue;
    const known = byId.get(id);
    if (known && known.label !== undefined && known.contextLength !== undefined) continue;
    const merged: ModelInfo = { id };
    const label = known?.label ?? model.label;
    const contextLength = known?.contextLength ?? model.contextLength;
    if (label !== undefined && label !== '' && label !== id) merged.label = label;
    if (contextLength !== undefined && Number.isFinite(contextLength) && contextLength > 0) merged.contextLength = contextLength;
    // What the list says the model can do (OpenRouter, Ollama's /api/show, …) survives the merge.
    const maxOutputTokens = known?.maxOutputTokens ?? model.maxOutputTokens;
    const toolCalling = known?.toolCalling ?? model.toolCalling;
    const imageInput = known?.imageInput ?? model.imageInput;
    if (maxOutputTokens !== undefined && Number.isFinite(maxOutputTokens) && maxOutputTokens > 0) merged.maxOutputTokens = maxOutputTokens;
    if (toolCalling !== undefined) merged.toolCalling = toolCalling;
    if (imageInput !== undefined) merged.imageInput = imageInput;
    byId.set(id, merged);
  }
  // The default sort (UTF-16 code units, the same order as `<`) runs natively; a comparator callback per
  // comparison made sorting the largest part of listing 5,000 models.
  return [...byId.keys()].sort().map((id) => byId.get(id) as ModelInfo);
}

/** Reads an optional positive integer from untrusted JSON. */
export function positiveInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

export function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
