// Connections offered by the environment: the variable names the providers' official SDKs read
// (shared facts: import-discovery.md §2). A find names the variable (`apiKeyEnv`), never its value: the key is
// read at request time, so rotating it in the environment just works and nothing secret is copied anywhere.
import type { ImportedConnection } from './types';

interface EnvProvider {
  provider: string;
  /** The connection's name: the provider as users call it. */
  name: string;
  /** Key variables, the first set one wins (the SDK's own order). */
  keys: readonly string[];
  /** Base-URL variables, the first set one wins. */
  urls?: readonly string[];
  /** A base-URL variable the connection cannot do without (Azure's endpoint). */
  requiresUrl?: boolean;
  /** Turns the variable's value into our API URL (Azure's endpoint is the resource, the API is below it). */
  url?: (value: string) => string;
}

const ENV_PROVIDERS: readonly EnvProvider[] = [
  { provider: 'openai', name: 'OpenAI', keys: ['OPENAI_API_KEY'], urls: ['OPENAI_BASE_URL', 'OPENAI_API_BASE'] },
  // The SDK sends ANTHROPIC_AUTH_TOKEN as Bearer; our Anthropic wire sends x-api-key, so only the API key counts.
  { provider: 'anthropic', name: 'Anthropic', keys: ['ANTHROPIC_API_KEY'], urls: ['ANTHROPIC_BASE_URL'] },
  // js-genai: GOOGLE_API_KEY wins over GEMINI_API_KEY; the AI SDK's name comes last.
  {
    provider: 'google',
    name: 'Google Gemini',
    keys: ['GOOGLE_API_KEY', 'GEMINI_API_KEY', 'GOOGLE_GENERATIVE_AI_API_KEY'],
    urls: ['GOOGLE_GEMINI_BASE_URL'],
  },
  {
    provider: 'azure-openai',
    name: 'Azure OpenAI',
    keys: ['AZURE_OPENAI_API_KEY'],
    urls: ['AZURE_OPENAI_ENDPOINT'],
    requiresUrl: true,
    url: azureApiUrl,
  },
  { provider: 'cohere', name: 'Cohere', keys: ['CO_API_KEY', 'COHERE_API_KEY'] },
  { provider: 'openrouter', name: 'OpenRouter', keys: ['OPENROUTER_API_KEY'], urls: ['OPENROUTER_BASE_URL'] },
  { provider: 'mistral', name: 'Mistral AI', keys: ['MISTRAL_API_KEY'] },
  { provider: 'groq', name: 'Groq', keys: ['GROQ_API_KEY'], urls: ['GROQ_BASE_URL'] },
  { provider: 'deepseek', name: 'DeepSeek', keys: ['DEEPSEEK_API_KEY'], urls: ['DEEPSEEK_API_BASE'] },
  { provider: 'xai', name: 'xAI', keys: ['XAI_API_KEY'] },
  { provider: 'together', name: 'Together AI', keys: ['TOGETHER_API_KEY', 'TOGETHER_AI_API_KEY', 'TOGETHERAI_API_KEY'], urls: ['TOGETHER_BASE_URL'] },
  { provider: 'fireworks', name: 'Fireworks AI', keys: ['FIREWORKS_API_KEY'] },
  { provider: 'perplexity', name: 'Perplexity', keys: ['PERPLEXITY_API_KEY', 'PERPLEXITYAI_API_KEY'], urls: ['PERPLEXITY_API_BASE'] },
  { provider: 'moonshot', name: 'Moonshot AI', keys: ['MOONSHOT_API_KEY'] },
  { provider: 'ai21', name: 'AI21 Labs', keys: ['AI21_API_KEY'], urls: ['AI21_API_BASE'] },
  { provider: 'cerebras', name: 'Cerebras', keys: ['CEREBRAS_API_KEY'], urls: ['CEREBRAS_BASE_URL'] },
  { provider: 'chutes', name: 'Chutes', keys: ['CHUTES_API_KEY'] },
  { provider: 'nanogpt', name: 'NanoGPT', keys: ['NANO_GPT_API_KEY'] },
  { provider: 'zai', name: 'Z.ai', keys: ['ZAI_API_KEY', 'ZHIPU_API_KEY'], urls: ['ZAI_BASE_URL'] },
  { provider: 'siliconflow', name: 'SiliconFlow', keys: ['SILICONFLOW_API_KEY'] },
];

const isSet = (v: string | undefined): v is string => typeof v === 'string' && v.trim() !== '';

/** `https://x.openai.azure.com/` → `https://x.openai.azure.com/openai/v1` (our Azure wire is the v1 API). */
function azureApiUrl(endpoint: string): string {
  const base = endpoint.trim().replace(/\/+$/, '');
  if (/\/openai\/v1$/.test(base)) return base;
  return /\/openai$/.test(base) ? `${base}/v1` : `${base}/openai/v1`;
}

/** One connection per provider whose key variable is set (non-empty), in the order of the table above. */
export function discoverEnv(env: Record<string, string | undefined>): ImportedConnection[] {
  const found: ImportedConnection[] = [];
  for (const p of ENV_PROVIDERS) {
    const keyVar = p.keys.find((k) => isSet(env[k]));
    if (!keyVar) continue;
    const urlVar = p.urls?.find((u) => isSet(env[u]));
    if (p.requiresUrl && !urlVar) continue;
    const connection: ImportedConnection = { name: p.name, provider: p.provider, apiKeyEnv: keyVar, source: `$${keyVar}` };
    if (urlVar) {
      const value = (env[urlVar] as string).trim();
      connection.apiUrl = p.url ? p.url(value) : value.replace(/\/+$/, '');
      connection.source += ` + $${urlVar}`;
    }
    found.push(connection);
  }
  return found;
}
