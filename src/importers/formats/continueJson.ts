// Continue `config.json` (deprecated, still on many disks; import-discovery.md §1.2): `models[]` with `title`,
// plaintext `apiKey`. The single autocomplete / embeddings / reranker models are not chat models.
import { locateJson } from '../locate';
import { shapeError } from '../parse';
import { PlanBuilder } from '../planBuilder';
import { isRecord, str } from '../shape';
import type { ImportContext, ImportPlan } from '../types';
import { continueEntry } from './continueModel';
import { continueSecretSources } from './continueSecrets';

const NOT_CHAT: Record<string, string> = {
  tabAutocompleteModel: 'the autocomplete model, not a chat model',
  embeddingsProvider: 'the embeddings provider, not a chat model',
  reranker: 'the reranker, not a chat model',
};

export function isContinueJson(data: unknown): boolean {
  return isRecord(data) && Array.isArray(data['models']) && data['models'].some((m) => isRecord(m) && 'title' in m);
}

export function planContinueJson(fileName: string, text: string, data: unknown, ctx: ImportContext): ImportPlan {
  if (!isRecord(data)) throw shapeError(fileName, 'is not a Continue config: its top level is not an object', 1, 1);
  const models = data['models'] ?? [];
  if (!Array.isArray(models)) {
    const at = locateJson(text, ['models']);
    throw shapeError(fileName, 'is not a Continue config: "models" is not an array', at?.line, at?.column);
  }
  const sources = continueSecretSources(ctx);
  const plan = new PlanBuilder('continue-json');
  models.forEach((m: unknown, i) => {
    const title = isRecord(m) ? str(m['title']) : undefined;
    const source = `models[${i}]${title ? ` "${title}"` : ''}`;
    if (!isRecord(m)) return plan.skip(source, 'the entry is not an object');
    const entry = continueEntry(m, source, sources, 'json');
    if (typeof entry === 'string') plan.skip(source, entry);
    else plan.add(entry);
  });
  for (const [field, reason] of Object.entries(NOT_CHAT)) {
    if (data[field] !== undefined) plan.skip(field, reason);
  }
  return plan.plan();
}
