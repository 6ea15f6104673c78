// OpenAI Codex CLI `config.toml` (codex-rs/core/src/model_provider_info.rs; import-discovery.md §1.8): one
// connection per `[model_providers.<id>]` table, and the built-ins (openai, ollama, lmstudio) when the
// top-level `model_provider` or a profile uses them. Keys live in the environment (`env_key`) or, for the
// openai built-in, in auth.json beside the config.
import { dirnameOf, joinPath, readOptional } from '../paths';
import { parseJson, shapeError } from '../parse';
import { PlanBuilder, type Entry } from '../planBuilder';
import type { ProviderChoice } from '../providerTarget';
import { keyFromVariable, lookup } from '../secretRefs';
import { isRecord, str, stringRecord, type Json } from '../shape';
import type { ImportContext, ImportPlan } from '../types';

const BUILT_INS: Record<string, { choice: ProviderChoice; name: string; url?: (ctx: ImportContext) => string | undefined }> = {
  openai: { choice: { id: 'openai', compatible: true }, name: 'OpenAI', url: (ctx) => lookup('OPENAI_BASE_URL', [ctx.env]) },
  ollama: { choice: { id: 'ollama' }, name: 'Ollama', url: (ctx) => lookup('CODEX_OSS_BASE_URL', [ctx.env]) },
  lmstudio: { choice: { id: 'lmstudio' }, name: 'LM Studio' },
};

export function isCodex(data: unknown): boolean {
  return isRecord(data) && (isRecord(data['model_providers']) || typeof data['model_provider'] === 'string' || isRecord(data['profiles']));
}

export function planCodex(fileName: string, data: unknown, ctx: ImportContext): ImportPlan {
  if (!isRecord(data)) throw shapeError(fileName, 'is not a Codex config');
  const tables = data['model_providers'] ?? {};
  if (!isRecord(tables)) throw shapeError(fileName, 'is not a Codex config: "model_providers" is not a table');
  const models = referencedModels(data);
  const plan = new PlanBuilder('codex');
  for (const [id, table] of Object.entries(tables)) {
    const source = `[model_providers.${id}]`;
    if (!isRecord(table)) plan.skip(source, 'it is not a table');
    else plan.add(tableEntry(id, table, source, models.get(id), ctx));
  }
  for (const [id, model] of models) {
    if (id in tables) continue;
    const builtIn = BUILT_INS[id];
    const source = `model_provider = "${id}"`;
    if (!builtIn) plan.skip(source, `provider "${id}" is neither built into Codex nor defined in [model_providers]`);
    else plan.add({ name: builtIn.name, source, providerLabel: id, choice: builtIn.choice, model, url: builtIn.url?.(ctx), ...builtInKey(id, fileName, ctx) });
  }
  return plan.plan();
}

/** Provider id → the model used with it: the top-level pair first, then each `[profiles.*]`. */
function referencedModels(data: Json): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  const note = (t: Json, fallback: string | undefined) => {
    const provider = str(t['model_provider']) ?? fallback;
    if (provider && (!out.has(provider) || out.get(provider) === undefined)) out.set(provider, str(t['model']));
  };
  note(data, str(data['model']) ? 'openai' : undefined); // Codex's default provider
  const profiles = isRecord(data['profiles']) ? data['profiles'] : {};
  for (const p of Object.values(profiles)) if (isRecord(p)) note(p, undefined);
  return out;
}

function tableEntry(id: string, t: Json, source: string, model: string | undefined, ctx: ImportContext): Entry {
  const headers: Record<string, string> = { ...stringRecord(t['http_headers']) };
  const headerNames: string[] = [];
  for (const [header, variable] of Object.entries(stringRecord(t['env_http_headers']) ?? {})) {
    const value = lookup(variable, [ctx.env]);
    if (value !== undefined) headers[header] = value;
    else headerNames.push(header);
  }
  const envKey = str(t['env_key']);
  const bearer = str(t['experimental_bearer_token']);
  return {
    name: str(t['name']) ?? id,
    source,
    providerLabel: id,
    choice: BUILT_INS[id]?.choice ?? { compatible: true },
    model,
    url: str(t['base_url']),
    ...(bearer ? { apiKey: bearer } : envKey ? keyFromVariable(envKey, [ctx.env]) : {}),
    headers: Object.keys(headers).length ? headers : undefined,
    headerNames: headerNames.length ? headerNames : undefined,
  };
}

/** The openai built-in's key: OPENAI_API_KEY in the environment, else auth.json's (not its ChatGPT tokens). */
function builtInKey(id: string, fileName: string, ctx: ImportContext): { apiKey?: string; apiKeyEnv?: string } {
  if (id !== 'openai') return {};
  const fromEnv = lookup('OPENAI_API_KEY', [ctx.env]);
  if (fromEnv) return { apiKey: fromEnv };
  const path = joinPath(dirnameOf(fileName), 'auth.json');
  const text = readOptional(ctx.readFile, path);
  if (text !== undefined) {
    try {
      const auth = parseJson(path, text);
      const key = isRecord(auth) ? str(auth['OPENAI_API_KEY']) : undefined;
      if (key) return { apiKey: key };
    } catch {
      // An unreadable auth.json is no key, not a failed import.
    }
  }
  return { apiKeyEnv: 'OPENAI_API_KEY' };
}
