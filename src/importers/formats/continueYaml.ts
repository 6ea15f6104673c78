// Continue `config.yaml` (import-discovery.md §1.1): `models[]`, one connection per model whose roles include
// chat; `${{ secrets.X }}` resolved through Continue's .env files, then the environment.
import { locateYaml } from '../locate';
import { shapeError } from '../parse';
import { PlanBuilder } from '../planBuilder';
import { isRecord, str } from '../shape';
import type { ImportContext, ImportPlan } from '../types';
import { continueEntry } from './continueModel';
import { continueSecretSources } from './continueSecrets';

export function isContinueYaml(data: unknown): boolean {
  if (!isRecord(data)) return false;
  return data['schema'] === 'v1' || (Array.isArray(data['models']) && (data['name'] !== undefined || data['version'] !== undefined));
}

export function planContinueYaml(fileName: string, text: string, data: unknown, ctx: ImportContext): ImportPlan {
  if (!isRecord(data)) throw shapeError(fileName, 'is not a Continue config: its top level is not a mapping', 1, 1);
  const models = data['models'] ?? [];
  if (!Array.isArray(models)) {
    const at = locateYaml(text, ['models']);
    throw shapeError(fileName, 'is not a Continue config: "models" is not a list', at?.line, at?.column);
  }
  const sources = continueSecretSources(ctx);
  const plan = new PlanBuilder('continue-yaml');
  models.forEach((m: unknown, i) => {
    const label = isRecord(m) ? (str(m['name']) ?? str(m['uses'])) : undefined;
    const source = `models[${i}]${label ? ` "${label}"` : ''}`;
    if (!isRecord(m)) return plan.skip(source, 'the entry is not a mapping');
    const uses = str(m['uses']);
    if (uses) return plan.skip(source, `a Continue Hub block (uses: ${uses}): its settings live on the hub, not in this file`);
    const entry = continueEntry(m, source, sources, 'yaml');
    if (typeof entry === 'string') plan.skip(source, entry);
    else plan.add(entry);
  });
  return plan.plan();
}
