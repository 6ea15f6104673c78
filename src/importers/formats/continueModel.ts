// One Continue model (config.yaml `models[]` or config.json `models[]`) as an entry. The two files name a few
// fields differently (YAML `name`/`defaultCompletionOptions`, JSON `title`/`contextLength`/`engine`).
import type { Entry } from '../planBuilder';
import { isRecord, str, stringRecord, timeoutSecondsOf, num, type Json } from '../shape';
import { continueKey, continueValue, type SecretSources } from './continueSecrets';
import { continueCapabilities, continueProvider } from './continueProviders';

/** Roles Continue gives a model that lists none (docs/reference.mdx). */
const DEFAULT_ROLES = ['chat', 'edit', 'apply', 'summarize'];

export function continueEntry(m: Json, source: string, sources: SecretSources, dialect: 'yaml' | 'json'): Entry | string {
  const provider = str(m['provider']);
  if (!provider) return 'it names no provider';
  const roles = Array.isArray(m['roles']) ? m['roles'].filter((r): r is string => typeof r === 'string') : DEFAULT_ROLES;
  if (!roles.includes('chat')) return `its roles (${roles.join(', ') || 'none'}) do not include chat`;
  const env = isRecord(m['env']) ? m['env'] : {};
  const options = isRecord(m['requestOptions']) ? m['requestOptions'] : {};
  const completion = isRecord(m['defaultCompletionOptions']) ? m['defaultCompletionOptions'] : {};
  let model = str(m['model']);
  if (model === 'AUTODETECT') model = undefined;
  // An Azure connection's model is the deployment name.
  if (provider === 'azure') model = str(env['deployment']) ?? str(m['engine']) ?? str(m['deployment']) ?? model;
  const url = continueValue(m['apiBase'], sources);
  const contextLength = dialect === 'json' ? m['contextLength'] : completion['contextLength'];
  return {
    name: str(dialect === 'json' ? m['title'] : m['name']) ?? model,
    source,
    providerLabel: provider,
    choice: continueProvider(provider),
    model,
    url: str(url),
    ...continueKey(m['apiKey'], sources),
    headers: resolveHeaders(options['headers'], sources),
    timeoutSeconds: timeoutSecondsOf(num(options['timeout'])),
    capabilities: continueCapabilities(m['capabilities'], contextLength),
  };
}

function resolveHeaders(value: unknown, sources: SecretSources): Record<string, string> | undefined {
  const headers = stringRecord(value);
  if (!headers) return undefined;
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(headers)) {
    const resolved = continueValue(v, sources);
    if (resolved !== undefined) out[name] = resolved;
  }
  return Object.keys(out).length ? out : undefined;
}
