// Roo Code / Kilo Code (≤ v5) "Export settings" JSON: `providerProfiles.apiConfigs`, one profile per name, keys
// included in plaintext (import-discovery.md §1.3). One connection per profile.
import { isRecord, firstStr, str, stringRecord, type Json } from '../shape';
import { PlanBuilder, type Entry } from '../planBuilder';
import { shapeError } from '../parse';
import type { ImportPlan } from '../types';
import { ROO_PROVIDERS, ROO_SIGN_IN_ONLY, ZAI_LINES } from './rooProviders';

export function isRooExport(data: unknown): boolean {
  return isRecord(data) && isRecord(data['providerProfiles']);
}

export function planRoo(fileName: string, data: unknown): ImportPlan {
  const profiles = isRecord(data) && isRecord(data['providerProfiles']) ? data['providerProfiles'] : undefined;
  const configs = profiles?.['apiConfigs'];
  if (!isRecord(configs)) throw shapeError(fileName, 'has no providerProfiles.apiConfigs object, so it is not a Roo Code settings export');
  const plan = new PlanBuilder('roo');
  for (const [name, profile] of Object.entries(configs)) {
    const source = `providerProfiles.apiConfigs["${name}"]`;
    if (!isRecord(profile)) {
      plan.skip(source, 'the profile is not an object');
      continue;
    }
    const entry = rooEntry(name, profile, source);
    if (typeof entry === 'string') plan.skip(source, entry);
    else plan.add(entry);
  }
  return plan.plan();
}

/** One profile as an entry, or the reason it cannot be one. */
function rooEntry(name: string, profile: Json, source: string): Entry | string {
  const apiProvider = str(profile['apiProvider']) ?? 'anthropic'; // Roo's default when unset
  if (ROO_SIGN_IN_ONLY.has(apiProvider)) return `provider "${apiProvider}" signs in through another app or extension; there is no key to import`;
  if (apiProvider === 'bedrock') return bedrockEntry(name, profile, source);
  if (apiProvider === 'vertex') return vertexEntry(name, profile, source);
  const known = ROO_PROVIDERS[apiProvider];
  if (!known) return `provider "${apiProvider}" is not one AI Connections supports`;
  const entry: Entry = {
    name,
    source,
    providerLabel: apiProvider,
    choice: known.choice,
    model: firstStr(profile, ...known.modelFields),
    apiKey: known.keyField ? str(profile[known.keyField]) : undefined,
    url: known.urlField ? str(profile[known.urlField]) : undefined,
    headers: known.headersField ? stringRecord(profile[known.headersField]) : undefined,
  };
  if (apiProvider === 'openai' && profile['openAiUseAzure'] === true) entry.choice = { id: 'azure-openai' };
  if (apiProvider === 'zai') entry.url = ZAI_LINES[str(profile['zaiApiLine']) ?? ''];
  return entry;
}

/** Bedrock with a Bedrock API key; AWS access keys and profiles need SigV4, which AI Connections does not sign. */
function bedrockEntry(name: string, profile: Json, source: string): Entry | string {
  const apiKey = str(profile['awsApiKey']);
  if (!apiKey) return 'it signs in with AWS access keys or a profile; AI Connections takes a Bedrock API key';
  const region = str(profile['awsRegion']);
  const url = str(profile['awsBedrockEndpoint']) ?? (region ? `https://bedrock-runtime.${region}.amazonaws.com` : undefined);
  return { name, source, providerLabel: 'bedrock', choice: { id: 'bedrock' }, apiKey, url, model: str(profile['apiModelId']) };
}

/** Vertex with a service-account JSON (the credentials themselves; a key file path is not read). */
function vertexEntry(name: string, profile: Json, source: string): Entry | string {
  const apiKey = str(profile['vertexJsonCredentials']);
  if (!apiKey) return 'it signs in with a key file or Google application credentials; paste the service-account JSON as the key instead';
  const region = str(profile['vertexRegion']);
  const url = region && region !== 'global' ? `https://${region}-aiplatform.googleapis.com/v1` : undefined;
  return { name, source, providerLabel: 'vertex', choice: { id: 'vertex' }, apiKey, url, model: str(profile['apiModelId']) };
}
