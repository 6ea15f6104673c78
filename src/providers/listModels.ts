import type { CallContext } from './callContext';
import type { Dialect, DialectCall } from './dialects/dialect';
import { finalizeModels } from './modelList';
import { abortError } from './providerError';
import { prepareCall, toPublicError } from './prepareCall';
import type { ModelInfo, ProviderInfo, ProviderTarget } from './types';

/** Inside a prepared call: the provider's list, or its known ids when it has no list endpoint. */
export async function fetchModelList(info: ProviderInfo, dialect: Dialect, call: DialectCall, ctx: CallContext): Promise<ModelInfo[]> {
  if (!info.hasModelList) return finalizeModels((info.knownModels ?? []).map((id) => ({ id })));
  return finalizeModels(await ctx.race(dialect.listModels(call)));
}

/**
 * Every model of the provider (every page, de-duplicated, in the order listed; views sort). Rejects with a ProviderError carrying the
 * category testConnection would report — never a silent empty list — or with an AbortError when `signal` aborts.
 */
export async function listModels(target: ProviderTarget, options: { signal?: AbortSignal } = {}): Promise<ModelInfo[]> {
  if (options.signal?.aborted) throw abortError();
  let prepared: ReturnType<typeof prepareCall> | undefined;
  try {
    prepared = prepareCall(target, options.signal);
    const { info, dialect, call, ctx } = prepared;
    const models = await fetchModelList(info, dialect, call, ctx);
    return dialect.describeModels ? await ctx.race(dialect.describeModels(call, models)) : models;
  } catch (error) {
    throw toPublicError(error, prepared?.ctx);
  } finally {
    prepared?.ctx.dispose();
  }
}
