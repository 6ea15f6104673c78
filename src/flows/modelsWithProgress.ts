import * as vscode from 'vscode';
import { listModels, type ModelInfo, type ProviderTarget } from '../providers';
import type { ModelCache } from '../connections/modelCache';
import { listFingerprint } from '../connections/targetFromConnection';
import type { FlowLog } from './deps';
import { confirmPlainHttp, type ConsentMemory } from './plainHttpConsent';
import { withCancellableProgress } from './progress';

/**
 * The model list of a target, from the cache when fresh (5 minutes; *Refresh* empties it). Rejects with a
 * ProviderError (never a silent empty list); undefined when the user cancels. `cacheId` is the connection
 * the list belongs to; a form's unsaved draft passes undefined and is never cached.
 */
export async function modelsWithProgress(
  deps: { log: FlowLog; models: ModelCache },
  target: ProviderTarget,
  cacheId: string | undefined,
  consent?: ConsentMemory,
): Promise<ModelInfo[] | undefined> {
  const fingerprint = listFingerprint(target);
  const cached = cacheId ? deps.models.get(cacheId, fingerprint) : undefined;
  if (cached) return cached;
  if (!(await confirmPlainHttp(target, consent))) return undefined;
  return withCancellableProgress(vscode.l10n.t('Fetching models…'), async (signal) => {
    const models = await listModels(target, { signal });
    deps.log.info(`listModels ${target.provider}: ${models.length} models`);
    if (cacheId) deps.models.set(cacheId, fingerprint, models);
    return models;
  });
}
