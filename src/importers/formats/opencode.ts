// opencode `opencode.json` / `opencode.jsonc` (packages/web/src/content/docs/providers.mdx; import-discovery.md
// §1.9): one connection per `provider.<id>` × model (a provider that lists none gives one connection, with the
// top-level `model` where it names that provider). `{env:X}` and `{file:path}` are substituted as opencode does.
import { locateJson } from '../locate';
import { dirnameOf, readOptional, resolvePath } from '../paths';
import { shapeError } from '../parse';
import { PlanBuilder, type Entry } from '../planBuilder';
import { keyFromVariable, lookup, type KeyRef } from '../secretRefs';
import { isRecord, num, str, stringRecord, timeoutSecondsOf, tokenCountOf, type Json } from '../shape';
import type { CapabilityOverrides } from '../../shared/connection';
import type { ImportContext, ImportPlan } from '../types';
import { opencodeProvider } from './opencodeProviders';

const ENV_WHOLE = /^\{env:([A-Za-z_][A-Za-z0-9_]*)\}$/;
const REF = /\{(env|file):([^}]+)\}/g;

export function isOpencode(data: unknown): boolean {
  return isRecord(data) && (isRecord(data['provider']) || (typeof data['$schema'] === 'string' && data['$schema'].includes('opencode')));
}

export function planOpencode(fileName: string, text: string, data: unknown, ctx: ImportContext): ImportPlan {
  if (!isRecord(data)) throw shapeError(fileName, 'is not an opencode config: its top level is not an object', 1, 1);
  const providers = data['provider'] ?? {};
  if (!isRecord(providers)) {
    const at = locateJson(text, ['provider']);
    throw shapeError(fileName, 'is not an opencode config: "provider" is not an object', at?.line, at?.column);
  }
  const disabled = new Set(Array.isArray(data['disabled_providers']) ? data['disabled_providers'] : []);
  const [topProvider, ...rest] = (str(data['model']) ?? '').split('/');
  const topModel = rest.join('/') || undefined;
  const subst = substitution(fileName, ctx);
  const plan = new PlanBuilder('opencode');
  for (const [id, p] of Object.entries(providers)) {
    const source = `provider.${id}`;
    if (!isRecord(p)) {
      plan.skip(source, 'it is not an object');
      continue;
    }
    if (disabled.has(id)) {
      plan.skip(source, 'it is in disabled_providers');
      continue;
    }
    const base = providerEntry(id, p, source, subst);
    const models = isRecord(p['models']) ? Object.entries(p['models']) : [];
    if (models.length === 0) plan.add({ ...base, model: id === topProvider ? topModel : undefined });
    for (const [modelId, m] of models) {
      const model = isRecord(m) ? m : {};
      plan.add({
        ...base,
        name: str(model['name']) ?? modelId,
        source: `${source}.models["${modelId}"]`,
        model: str(model['id']) ?? modelId,
        capabilities: capabilitiesOf(model),
      });
    }
  }
  return plan.plan();
}

interface Subst {
  text: (value: unknown) => string | undefined;
  key: (value: unknown) => KeyRef;
}

function substitution(fileName: string, ctx: ImportContext): Subst {
  const dir = dirnameOf(fileName);
  const replace = (value: string) =>
    value.replace(REF, (_all, kind: string, arg: string) => {
      if (kind === 'env') return lookup(arg.trim(), [ctx.env]) ?? '';
      const path = resolvePath(arg.trim(), dir, ctx.homeDir);
      return (path === undefined ? undefined : readOptional(ctx.readFile, path)?.trim()) ?? '';
    });
  const text = (value: unknown) => (typeof value === 'string' ? str(replace(value)) : undefined);
  const key = (value: unknown): KeyRef => {
    if (typeof value !== 'string') return {};
    const whole = ENV_WHOLE.exec(value.trim())?.[1];
    if (whole) return keyFromVariable(whole, [ctx.env]);
    const apiKey = text(value);
    return apiKey ? { apiKey } : {};
  };
  return { text, key };
}

function providerEntry(id: string, p: Json, source: string, subst: Subst): Entry {
  const options = isRecord(p['options']) ? p['options'] : {};
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(stringRecord(options['headers']) ?? {})) {
    const resolved = subst.text(value);
    if (resolved !== undefined) headers[name] = resolved;
  }
  const timeoutMs = num(options['timeout']);
  return {
    name: str(p['name']) ?? id,
    source,
    providerLabel: id,
    choice: opencodeProvider(id, str(p['npm'])),
    url: subst.text(options['baseURL']),
    ...subst.key(options['apiKey']),
    headers: Object.keys(headers).length ? headers : undefined,
    timeoutSeconds: timeoutMs === undefined ? undefined : timeoutSecondsOf(timeoutMs / 1000),
  };
}

function capabilitiesOf(model: Json): CapabilityOverrides | undefined {
  const limit = isRecord(model['limit']) ? model['limit'] : {};
  const out: CapabilityOverrides = {};
  const context = tokenCountOf(limit['context']);
  const output = tokenCountOf(limit['output']);
  if (context) out.contextWindow = context;
  if (output) out.maxOutputTokens = output;
  if (typeof model['tool_call'] === 'boolean') out.toolCalling = model['tool_call'];
  if (typeof model['attachment'] === 'boolean') out.imageInput = model['attachment'];
  return Object.keys(out).length ? out : undefined;
}
