// Which of our providers an imported entry becomes, and its API URL in our form. The rules (DESIGN.md, "Import
// and discovery"): an OpenAI-compatible entry whose URL is on a catalogued provider's default host becomes that
// provider, any other URL makes it `custom`; an unknown provider with a URL is `custom`, without one it is skipped;
// an apiUrl equal to the provider's default is dropped.
import { getProvider, providers } from '../providers/catalogue';
import { hasPlaceholder, normalizeBaseUrl } from '../providers/url';

/** How a source's provider id maps to ours (see providerIds.ts and each format's table). */
export interface ProviderChoice {
  /** Our provider id; absent when the source's provider is not one we know. */
  id?: string;
  /** A generic OpenAI-compatible entry: its URL decides the provider (a catalogued host, else custom). */
  compatible?: boolean;
  /** The URL the source uses when the entry names none (a gateway or local server we file under custom). */
  defaultUrl?: string;
  /** Our own file: provider and URL are ours already, kept exactly as written. */
  exact?: boolean;
}

export type Target = { provider: string; apiUrl?: string } | { skip: string };

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
/** Providers whose wire is not the OpenAI one at their host: an OpenAI-compatible URL there stays custom. */
const NOT_BY_HOST = new Set(['custom', 'bedrock', 'vertex', 'cohere']);

function hostKey(url: URL, local: boolean): string {
  const host = url.hostname.toLowerCase();
  return local ? `${LOOPBACK.has(host) ? 'loopback' : host}:${url.port}` : host;
}

const byHost = new Map<string, string>();
for (const info of providers) {
  if (NOT_BY_HOST.has(info.id) || hasPlaceholder(info.defaultUrl)) continue;
  const key = hostKey(new URL(info.defaultUrl), info.local);
  if (!byHost.has(key)) byHost.set(key, info.id);
}

/** The catalogued provider whose default host serves this URL, if any. */
export function providerAtHost(url: string): string | undefined {
  const parsed = new URL(url);
  const host = parsed.hostname.toLowerCase();
  if (host.endsWith('.openai.azure.com') || host.endsWith('.cognitiveservices.azure.com')) return 'azure-openai';
  return byHost.get(hostKey(parsed, true)) ?? byHost.get(hostKey(parsed, false));
}

function withPath(url: string, transform: (path: string) => string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}${transform(parsed.pathname.replace(/\/+$/, ''))}`;
}

/** The URL in the form our dialect for the provider takes (DESIGN.md: each provider's base URL form). */
export function nativeUrl(provider: string, url: string): string {
  switch (provider) {
    case 'ollama':
      return withPath(url, (p) => p.replace(/\/(v1|api)$/i, ''));
    case 'anthropic':
      return withPath(url, (p) => p.replace(/\/v1$/i, ''));
    case 'google':
      return withPath(url, (p) => p.replace(/\/openai$/i, '') || '/v1beta');
    case 'azure-openai':
      return withPath(url, (p) => `${p.replace(/\/openai(\/.*)?$/i, '')}/openai/v1`);
    case 'openrouter':
      return withPath(url, (p) => p || '/api/v1');
    case 'lmstudio':
    case 'llamacpp':
    case 'vllm':
      return withPath(url, (p) => p || '/v1');
    default:
      return url;
  }
}

function sameUrl(a: string, b: string): boolean {
  return a.replace(/\/+$/, '').toLowerCase() === b.replace(/\/+$/, '').toLowerCase();
}

/**
 * Our provider and API URL for an entry. `label` names the source's provider in a skip reason (never a secret).
 */
export function resolveTarget(choice: ProviderChoice, url: string | undefined, label: string): Target {
  if (choice.exact) return exactTarget(choice.id ?? '', url, label);
  const raw = url ?? choice.defaultUrl;
  let normalized: string | undefined;
  if (raw !== undefined) {
    try {
      normalized = normalizeBaseUrl(raw);
    } catch {
      return { skip: 'its API URL is not a valid http(s) URL' };
    }
  }
  let provider = choice.id;
  if (provider === undefined || choice.compatible) {
    if (normalized !== undefined) provider = providerAtHost(normalized) ?? 'custom';
    else if (provider === undefined) return { skip: `provider "${label}" is not one AI Connections supports, and it names no URL` };
  }
  const info = getProvider(provider);
  if (!info) return { skip: `provider "${label}" is not one AI Connections supports` };
  let apiUrl = normalized === undefined ? undefined : nativeUrl(provider, normalized);
  if (apiUrl !== undefined && sameUrl(apiUrl, normalizeBaseUrl(info.defaultUrl.replace(/\{[a-z]+\}/gi, 'x')))) apiUrl = undefined;
  if (apiUrl === undefined && hasPlaceholder(info.defaultUrl)) return { skip: `${info.label} needs its resource URL, and the entry names none` };
  return apiUrl === undefined ? { provider } : { provider, apiUrl };
}

function exactTarget(provider: string, url: string | undefined, label: string): Target {
  if (!getProvider(provider)) return { skip: `provider "${label}" is not one this version of AI Connections supports` };
  if (url === undefined || url.trim() === '') return { provider };
  try {
    normalizeBaseUrl(url);
  } catch {
    return { skip: 'its API URL is not a valid http(s) URL' };
  }
  return { provider, apiUrl: url.trim() };
}
