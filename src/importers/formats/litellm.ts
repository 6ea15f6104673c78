// LiteLLM proxy `config.yaml` (docs.litellm.ai/docs/proxy/configs; import-discovery.md §1.7): one connection per
// `model_list` entry, its provider from the `model` prefix, `os.environ/X` resolved from the environment.
import { locateYaml } from '../locate';
import { shapeError } from '../parse';
import { PlanBuilder, type Entry } from '../planBuilder';
import { keyFromVariable, lookup, wholeReference, type KeyRef } from '../secretRefs';
import { isRecord, num, str, timeoutSecondsOf, tokenCountOf, type Json } from '../shape';
import type { ImportContext, ImportPlan } from '../types';
import { LITELLM_CLOUD_AUTH, LITELLM_PROVIDERS, splitLitellmModel } from './litellmProviders';

const ENV_REF = /^os\.environ\/([A-Za-z_][A-Za-z0-9_]*)$/;

export function isLitellm(data: unknown): boolean {
  return isRecord(data) && Array.isArray(data['model_list']);
}

export function planLitellm(fileName: string, text: string, data: unknown, ctx: ImportContext): ImportPlan {
  const list = isRecord(data) ? data['model_list'] : undefined;
  if (!Array.isArray(list)) {
    const at = isRecord(data) ? locateYaml(text, ['model_list']) : { line: 1, column: 1 };
    throw shapeError(fileName, 'is not a LiteLLM config: it has no "model_list" list', at?.line, at?.column);
  }
  const plan = new PlanBuilder('litellm');
  list.forEach((item: unknown, i) => {
    const name = isRecord(item) ? str(item['model_name']) : undefined;
    const source = `model_list[${i}]${name ? ` "${name}"` : ''}`;
    if (!isRecord(item)) return plan.skip(source, 'the entry is not a mapping');
    const entry = litellmEntry(item, name, source, ctx);
    if (typeof entry === 'string') plan.skip(source, entry);
    else plan.add(entry);
  });
  return plan.plan();
}

function litellmEntry(item: Json, name: string | undefined, source: string, ctx: ImportContext): Entry | string {
  const params = isRecord(item['litellm_params']) ? item['litellm_params'] : undefined;
  const model = params ? str(params['model']) : undefined;
  if (!params || !model) return 'it has no litellm_params.model';
  const { prefix, id } = splitLitellmModel(model);
  const cloud = LITELLM_CLOUD_AUTH[prefix];
  if (cloud) return cloud;
  const value = (field: string) => resolve(params[field], ctx);
  const base = params['api_base'];
  const url = value('api_base');
  if (typeof base === 'string' && url === undefined) return `its api_base comes from ${base.trim()}, which is not set`;
  const info = isRecord(item['model_info']) ? item['model_info'] : {};
  const contextWindow = tokenCountOf(info['max_input_tokens']);
  const maxOutputTokens = tokenCountOf(info['max_output_tokens'] ?? info['max_tokens']);
  const capabilities = { ...(contextWindow ? { contextWindow } : {}), ...(maxOutputTokens ? { maxOutputTokens } : {}) };
  return {
    name: name ?? model,
    source,
    providerLabel: prefix,
    choice: LITELLM_PROVIDERS[prefix] ?? { compatible: true },
    model: id,
    url,
    ...key(params['api_key'], ctx),
    timeoutSeconds: timeoutSecondsOf(num(params['timeout'])),
    capabilities: Object.keys(capabilities).length ? capabilities : undefined,
  };
}

function key(value: unknown, ctx: ImportContext): KeyRef {
  if (typeof value !== 'string' || value.trim() === '') return {};
  const name = wholeReference(value, ENV_REF);
  return name === undefined ? { apiKey: value.trim() } : keyFromVariable(name, [ctx.env]);
}

/** A string parameter, `os.environ/X` read from the environment (undefined when unset). */
function resolve(value: unknown, ctx: ImportContext): string | undefined {
  const text = str(value);
  if (text === undefined) return undefined;
  const name = wholeReference(text, ENV_REF);
  return name === undefined ? text : lookup(name, [ctx.env]);
}
