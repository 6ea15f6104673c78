// The tiered connection test: reachable → key accepted (cheapest free check) → model exists → 1-token call
// (only where nothing free proves it, or when asked for a full test).
import type { CallContext } from './callContext';
import { requestJson } from './dialects/dialect';
import { fetchModelList } from './listModels';
import { asRecord } from './modelList';
import { ProviderError, abortError } from './providerError';
import { suggestModels } from './suggest';
import { prepareCall, toPublicError, type PreparedCall } from './prepareCall';
import type { ModelInfo, ProviderTarget, TestResult } from './types';

interface Success {
  message: string;
  modelCount: number;
}

async function runTiers({ info, dialect, call }: PreparedCall, model: string | undefined, full: boolean): Promise<Success> {
  if (info.testStrategy === 'free-check' && info.freeCheck) {
    const body = await requestJson(call, dialect, { purpose: 'key-check', method: info.freeCheck.method, path: info.freeCheck.path });
    // Cohere answers 200 {valid:false} for a key it does not know.
    if (asRecord(body)?.['valid'] === false) throw new ProviderError('invalid_key', 'The API key was rejected: the provider says it is not valid.');
  }

  const models: ModelInfo[] = await fetchModelList(info, dialect, call, call.ctx);
  const ids = models.map((m) => m.id);
  const countText = info.hasModelList ? `${models.length} model${models.length === 1 ? '' : 's'} available` : 'connected';

  // Azure's "model" is a deployment name, absent from the model list; only the call below can check it.
  const listIsAuthoritative = info.hasModelList && info.dialect !== 'azure-openai';
  if (model && listIsAuthoritative && !ids.some((id) => (dialect.sameModel ? dialect.sameModel(model, id) : id === model))) {
    throw new ProviderError('model_not_found', `The model "${model}" is not among the ${models.length} models ${info.label} lists.`, {
      suggestions: suggestModels(model, ids),
    });
  }

  const needsCompletion = info.testStrategy === 'completion' || full;
  if (!needsCompletion) return { message: `Connected to ${info.label}: ${countText}.`, modelCount: models.length };

  // Providers without a list endpoint test with their first known model when none is chosen.
  const probeModel = model || (info.hasModelList ? undefined : ids[0]);
  if (!probeModel) {
    return {
      message: `Connected to ${info.label}: the key works (${countText}). Set the ${info.dialect === 'azure-openai' ? 'deployment name' : 'model'} to test it too.`,
      modelCount: models.length,
    };
  }
  try {
    await dialect.probeCompletion(call, probeModel);
  } catch (error) {
    if (error instanceof ProviderError && error.category === 'model_not_found' && ids.length > 0) {
      throw new ProviderError(error.category, error.message, {
        ...(error.status === undefined ? {} : { status: error.status }),
        suggestions: suggestModels(probeModel, ids),
      });
    }
    throw error;
  }
  return { message: `Connected to ${info.label}: "${probeModel}" answered (${countText}).`, modelCount: models.length };
}

function failureResult(error: ProviderError, latencyMs: number): TestResult {
  return {
    ok: false,
    category: error.category,
    message: error.message,
    latencyMs,
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: error.retryAfterSeconds }),
    ...(error.suggestions === undefined ? {} : { suggestions: error.suggestions }),
  };
}

/**
 * Resolves with a categorised result for every provider or network failure; rejects only with an AbortError
 * when the caller's signal aborts (promptly: every step races the call's signal).
 */
export async function testConnection(
  target: ProviderTarget,
  options: { signal?: AbortSignal; full?: boolean } = {},
): Promise<TestResult> {
  const startedAt = Date.now();
  if (options.signal?.aborted) throw abortError();
  let ctx: CallContext | undefined;
  try {
    const prepared = prepareCall(target, options.signal);
    ctx = prepared.ctx;
    const model = target.model?.trim() || undefined;
    const success = await ctx.race(runTiers(prepared, model, options.full === true));
    return {
      ok: true,
      category: 'ok',
      message: ctx.redact(success.message),
      latencyMs: Date.now() - startedAt,
      modelCount: success.modelCount,
    };
  } catch (error) {
    const publicError = toPublicError(error, ctx);
    if (!(publicError instanceof ProviderError)) throw publicError; // the caller's abort
    return failureResult(publicError, Date.now() - startedAt);
  } finally {
    ctx?.dispose();
  }
}
