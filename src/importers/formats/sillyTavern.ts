// SillyTavern `settings.json` connection profiles (`extension_settings.connectionManager.profiles[]`), with the
// keys from `secrets.json` beside it: the profile's `secret-id`, else the active key of its source
// (import-discovery.md §1.5). One connection per profile.
import { dirnameOf, joinPath, readOptional } from '../paths';
import { parseJson } from '../parse';
import { PlanBuilder, type Entry } from '../planBuilder';
import { isRecord, str, type Json } from '../shape';
import type { ImportContext, ImportPlan } from '../types';
import { ST_APPEND_V1, ST_CHAT_SOURCES, ST_TEXT_SOURCES, stSecretKey } from './sillyTavernProviders';

export function isSillyTavern(data: unknown): boolean {
  return isRecord(data) && (isRecord(data['extension_settings']) || isRecord(data['oai_settings']) || isRecord(data['power_user']));
}

export function planSillyTavern(fileName: string, data: unknown, ctx: ImportContext): ImportPlan {
  const plan = new PlanBuilder('sillytavern');
  const extensions = isRecord(data) ? data['extension_settings'] : undefined;
  const manager = isRecord(extensions) ? extensions['connectionManager'] : undefined;
  const profiles = isRecord(manager) ? manager['profiles'] : undefined;
  if (!Array.isArray(profiles) || profiles.length === 0) {
    plan.skip('extension_settings.connectionManager.profiles', 'the file has no connection profiles (SillyTavern: Connection Profiles, Create)');
    return plan.plan();
  }
  const secrets = readSecrets(fileName, ctx);
  profiles.forEach((p: unknown, i) => {
    const name = isRecord(p) ? str(p['name']) : undefined;
    const source = `connectionManager.profiles[${i}]${name ? ` "${name}"` : ''}`;
    if (!isRecord(p)) return plan.skip(source, 'the profile is not an object');
    const entry = stEntry(p, source, secrets);
    if (typeof entry === 'string') plan.skip(source, entry);
    else plan.add(entry);
  });
  return plan.plan();
}

type Secrets = Json | undefined;

/** secrets.json beside settings.json. Unreadable is no keys (the profiles still import), never an error. */
function readSecrets(fileName: string, ctx: ImportContext): Secrets {
  const path = joinPath(dirnameOf(fileName), 'secrets.json');
  const text = readOptional(ctx.readFile, path);
  if (text === undefined) return undefined;
  try {
    const data = parseJson(path, text);
    return isRecord(data) ? data : undefined;
  } catch {
    return undefined;
  }
}

function stEntry(p: Json, source: string, secrets: Secrets): Entry | string {
  const mode = str(p['mode']) ?? 'cc';
  const api = str(p['api']);
  if (!api) return 'it names no API';
  const choice = (mode === 'tc' ? ST_TEXT_SOURCES : ST_CHAT_SOURCES)[api];
  if (api === 'vertexai') return 'Vertex AI profiles use an express-mode key or service account that SillyTavern keeps apart; set the key in AI Connections';
  if (!choice) return `API "${api}" is not one AI Connections supports`;
  let url = str(p['api-url']);
  if (url && mode === 'tc' && ST_APPEND_V1.has(api) && !/\/v1\/?$/.test(url)) url = `${url.replace(/\/+$/, '')}/v1`;
  const keyName = stSecretKey(api);
  return {
    name: str(p['name']) ?? str(p['id']),
    source,
    providerLabel: api,
    choice,
    model: str(p['model']),
    url,
    apiKey: keyName ? secretOf(secrets, keyName, str(p['secret-id'])) : undefined,
  };
}

/** The key with this id (under its source's name, else anywhere), else the source's active key. */
function secretOf(secrets: Secrets, keyName: string, secretId: string | undefined): string | undefined {
  if (!secrets) return undefined;
  const own = secrets[keyName];
  if (typeof own === 'string') return str(own); // before multiple keys per source: one plain value
  const lists = [own, ...Object.values(secrets)].filter(Array.isArray) as unknown[][];
  if (secretId) {
    for (const list of lists) {
      const hit = list.find((s) => isRecord(s) && s['id'] === secretId);
      if (isRecord(hit)) return str(hit['value']);
    }
  }
  if (!Array.isArray(own)) return undefined;
  const active = own.find((s) => isRecord(s) && s['active'] === true) ?? (own.length === 1 ? own[0] : undefined);
  return isRecord(active) ? str(active['value']) : undefined;
}
