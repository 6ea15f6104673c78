// Paging with caps, and the final shape of every model list (de-duplicated, in the provider's order).
import type { CallContext } from './callContext';
import type { ModelInfo } from './types';

export const MAX_PAGES = 50;
export const MAX_MODELS = 10_000;
/**
 * Longer ids are not model names (the longest real ones, Bedrock ARNs and Fireworks paths, stay under 200):
 * a hostile list of huge ids is dropped entry by entry instead of being carried into pickers, storage and
 * "did you mean" distances. Labels are cut to the same length.
 */
export const MAX_MODEL_ID_LENGTH = 512;

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

/**
 * De-duplicates by id (keeping any label, context length or capability a duplicate adds), in the order the
 * provider listed them. Not sorted: a list is read far more often than it is shown (the connection test, model
 * facts, chat capabilities), and each view that shows one sorts it (`byModelId`).
 */
export function finalizeModels(models: readonly ModelInfo[]): ModelInfo[] {
  // Nearly every list has unique, clean entries: a Set pass proves it and returns them as they are (a Map of
  // indexes, needed only to merge duplicates, costs twice as much on a 5,000-model list).
  const seen = new Set<string>();
  let plain = true;
  for (const model of models) {
    const { id } = model;
    if (id === '' || id.length > MAX_MODEL_ID_LENGTH || seen.has(id) || !isClean(id.trim(), model)) {
      plain = false;
      break;
    }
    seen.add(id);
  }
  return plain ? [...models] : mergeDuplicates(models);
}

function mergeDuplicates(models: readonly ModelInfo[]): ModelInfo[] {
  const out: ModelInfo[] = [];
  const at = new Map<string, number>();
  for (const model of models) {
    const id = model.id.trim();
    if (id === '' || id.length > MAX_MODEL_ID_LENGTH) continue;
    const index = at.get(id);
    if (index === undefined) {
      at.set(id, out.length);
      // Most entries are already in their final shape (the dialects' parsers build them so): kept as they are.
      out.push(isClean(id, model) ? model : cleaned(id, model, undefined));
      continue;
    }
    const known = out[index] as ModelInfo;
    if (known.label !== undefined && known.contextLength !== undefined) continue;
    out[index] = cleaned(id, model, known);
  }
  return out;
}

/** Whether an entry is already what `cleaned` would make of it (same id, only usable fields). */
function isClean(id: string, model: ModelInfo): boolean {
  const { label, contextLength, maxOutputTokens } = model;
  return (
    model.id === id &&
    (label === undefined || (label !== '' && label !== id && label.length <= MAX_MODEL_ID_LENGTH)) &&
    (contextLength === undefined || (Number.isFinite(contextLength) && contextLength > 0)) &&
    (maxOutputTokens === undefined || (Number.isFinite(maxOutputTokens) && maxOutputTokens > 0)) &&
    // A field present but undefined would be kept as such; `cleaned` leaves it out.
    (label !== undefined || !('label' in model)) &&
    (contextLength !== undefined || !('contextLength' in model)) &&
    (maxOutputTokens !== undefined || !('maxOutputTokens' in model)) &&
    (model.toolCalling !== undefined || !('toolCalling' in model)) &&
    (model.imageInput !== undefined || !('imageInput' in model))
  );
}

/** One entry as lists keep it: only usable fields, what an earlier duplicate said winning over this one. */
function cleaned(id: string, model: ModelInfo, known: ModelInfo | undefined): ModelInfo {
  const merged: ModelInfo = { id };
  const label = known?.label ?? model.label;
  const contextLength = known?.contextLength ?? model.contextLength;
  if (label !== undefined && label !== '' && label !== id) merged.label = label.slice(0, MAX_MODEL_ID_LENGTH);
  if (contextLength !== undefined && Number.isFinite(contextLength) && contextLength > 0) merged.contextLength = contextLength;
  // What the list says the model can do (OpenRouter, Ollama's /api/show, …) survives the merge.
  const maxOutputTokens = known?.maxOutputTokens ?? model.maxOutputTokens;
  const toolCalling = known?.toolCalling ?? model.toolCalling;
  const imageInput = known?.imageInput ?? model.imageInput;
  if (maxOutputTokens !== undefined && Number.isFinite(maxOutputTokens) && maxOutputTokens > 0) merged.maxOutputTokens = maxOutputTokens;
  if (toolCalling !== undefined) merged.toolCalling = toolCalling;
  if (imageInput !== undefined) merged.imageInput = imageInput;
  return merged;
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
