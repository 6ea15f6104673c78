// The public API returned from activate(): what other extensions may use. Versioned and typed; keys never
// leave this extension (a caller can ask for a generation, never for a key).
//
//   const api = await vscode.extensions.getExtension<AiConnectionsApi>('ai-connections.ai-connections')?.activate();
//   for await (const text of api.chat([{ role: 'user', content: 'Hi' }], { connection: 'Work' })) { … }
import type * as vscode from 'vscode';
import type { ChatMessage } from './providers';
import type { Connection } from './shared/connection';
import type { ConnectionStore } from './connections/connectionStore';
import type { KeyVault } from './connections/keyVault';
import { resolveSidecar, type SidecarSettingsValues } from './connections/sidecar';
import { generate, type GenerateDeps } from './chat/generate';

export type { ChatMessage };

/** A connection as other extensions see it: metadata and whether a key is stored, never the key. */
export interface ConnectionInfo {
  id: string;
  name: string;
  provider: string;
  model?: string;
  apiUrl?: string;
  presetName?: string;
  hasApiKey: boolean;
  isDefault: boolean;
}

export interface SidecarInfo {
  connection: ConnectionInfo;
  model?: string;
  temperature: number;
  topP: number;
  maxTokens: number;
  /** No sidecar is configured (or it names no connection): the default connection stands in. */
  isFallback: boolean;
}

export interface ChatRequestOptions {
  /** A connection's name or id; omitted: the default connection. */
  connection?: string;
  /** Generate through the sidecar (its model override and sampling settings apply). Not with `connection`. */
  sidecar?: boolean;
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  stop?: string[];
  signal?: AbortSignal;
}

export interface AiConnectionsApi {
  readonly version: 1;
  /** Async because `hasApiKey` is read from SecretStorage, which may still be loading. */
  listConnections(): Promise<ConnectionInfo[]>;
  getDefault(): Promise<ConnectionInfo | undefined>;
  getSidecar(): Promise<SidecarInfo | undefined>;
  /** Streams the reply text through a connection with its preset applied. Throws when none matches. */
  chat(messages: ChatMessage[], options?: ChatRequestOptions): AsyncIterable<string>;
  readonly onDidChangeConnections: vscode.Event<void>;
}

export function createApi(
  store: ConnectionStore,
  vault: KeyVault,
  sidecarSettings: () => SidecarSettingsValues,
  deps: GenerateDeps,
  onDidChangeConnections: vscode.Event<void>,
): AiConnectionsApi {
  const info = (c: Connection): ConnectionInfo => ({
    id: c.id,
    name: c.name,
    provider: c.provider,
    ...(c.model ? { model: c.model } : {}),
    ...(c.apiUrl ? { apiUrl: c.apiUrl } : {}),
    ...(c.presetName ? { presetName: c.presetName } : {}),
    hasApiKey: vault.has(c.id),
    isDefault: store.snapshot().defaultId === c.id,
  });
  const getSidecar = async (): Promise<SidecarInfo | undefined> => {
    await vault.ready();
    const s = resolveSidecar(store, sidecarSettings());
    if (!s) return undefined;
    return { connection: info(s.connection), ...(s.model ? { model: s.model } : {}), temperature: s.temperature, topP: s.topP, maxTokens: s.maxTokens, isFallback: s.isFallback };
  };
  return Object.freeze({
    version: 1 as const,
    listConnections: async () => {
      await vault.ready();
      return store.list().map(info);
    },
    getDefault: async () => {
      await vault.ready();
      const d = store.getDefault();
      return d ? info(d) : undefined;
    },
    getSidecar,
    chat(messages: ChatMessage[], options: ChatRequestOptions = {}): AsyncIterable<string> {
      const { connection: wanted, sidecar, ...generation } = options;
      if (sidecar && wanted) return failing(new Error('Pass either a connection or sidecar: true, not both.'));
      if (sidecar) {
        const s = resolveSidecar(store, sidecarSettings());
        if (!s) return failing(new Error('No sidecar connection and no default connection are set.'));
        return generate(deps, {
          connection: s.connection,
          messages,
          ...(s.model ? { model: s.model } : {}),
          options: { temperature: s.temperature, topP: s.topP, maxTokens: s.maxTokens, ...definedOnly(generation) },
        });
      }
      const c = wanted ? (store.get(wanted) ?? store.findByName(wanted)) : store.getDefault();
      if (!c) return failing(new Error(wanted ? `No AI connection named "${wanted}".` : 'No default AI connection is set.'));
      return generate(deps, { connection: c, messages, options: generation });
    },
    onDidChangeConnections,
  });
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** An iterable whose first read rejects: chat() returns iterables, so a bad request fails where it is read. */
function failing(error: Error): AsyncIterable<string> {
  return {
    [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(error) }),
  };
}
