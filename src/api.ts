// The public API returned from activate(): what other extensions may use. Versioned and typed; keys never
// leave this extension (a caller can ask for a generation, never for a key).
//
//   const api = await vscode.extensions.getExtension<AiConnectionsApi>('ai-connections.ai-connections')?.activate();
//   for await (const text of api.chat([{ role: 'user', content: 'Hi' }], { connection: 'Work' })) { … }
import type * as vscode from 'vscode';
import type { ChatMessage, ChatPart, ChatTool, ModelCapabilities, RichChatMessage } from './providers';
import type { Connection } from './shared/connection';
import type { AllConnections } from './connections/allConnections';
import { isTeamConnection } from './connections/teamFile';
import type { KeyVault } from './connections/keyVault';
import { resolveSidecar, type SidecarSettingsValues } from './connections/sidecar';
import { connectionChatParts, connectionChatText, type ConnectionChatDeps, type ConnectionChatRequest } from './chat/connectionChat';
import { supportsChat } from './providers';
import { hasUsableKey, keySourceOf } from './connections/keySource';

export type { ChatMessage, ChatPart, ChatTool, ModelCapabilities, RichChatMessage };
export type { ChatContentPart } from './providers';

/** A connection as other extensions see it: metadata and whether a key is stored, never the key. */
export interface ConnectionInfo {
  id: string;
  name: string;
  provider: string;
  model?: string;
  apiUrl?: string;
  presetName?: string;
  /** The names of its custom headers; their values are secrets and never leave this extension. */
  headerNames?: string[];
  /** A key is stored on this machine, or the variable the connection reads it from is set. */
  hasApiKey: boolean;
  /** The environment variable the key is read from, when the connection names one (a name, never the value). */
  apiKeyEnv?: string;
  isDefault: boolean;
  /** Whether its provider can generate at all (only such connections take `chat` / `chatWithTools`). */
  canChat: boolean;
  /** What its model can do (detected from the provider's list or known models, then the user's overrides). */
  capabilities?: ModelCapabilities;
  /** Set for a team connection (a workspace folder's .vscode/ai-connections.json): the folder's name. */
  teamFolder?: string;
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

export interface ChatWithToolsOptions extends ChatRequestOptions {
  /** Tools the model may call; their calls come back as `toolCall` parts for you to run. */
  tools?: ChatTool[];
  /** `required`: the model must call one of the tools. */
  toolChoice?: 'auto' | 'required';
}

export interface AiConnectionsApi {
  readonly version: 1;
  /** Async because `hasApiKey` is read from SecretStorage, which may still be loading. */
  listConnections(): Promise<ConnectionInfo[]>;
  getDefault(): Promise<ConnectionInfo | undefined>;
  getSidecar(): Promise<SidecarInfo | undefined>;
  /** Streams the reply text through a connection with its preset applied. Throws when none matches. */
  chat(messages: ChatMessage[], options?: ChatRequestOptions): AsyncIterable<string>;
  /**
   * Streams the reply as parts — text, thinking, complete tool calls, usage — for a history that may hold images,
   * tool calls and tool results. Run the calls yourself and send their results back as `toolResult` parts in a user
   * message. Added in 0.2; check `typeof api.chatWithTools === 'function'` to support older versions.
   */
  chatWithTools(messages: RichChatMessage[], options?: ChatWithToolsOptions): AsyncIterable<ChatPart>;
  readonly onDidChangeConnections: vscode.Event<void>;
}

export function createApi(
  store: AllConnections,
  vault: KeyVault,
  sidecarSettings: () => SidecarSettingsValues,
  deps: ConnectionChatDeps,
  onDidChangeConnections: vscode.Event<void>,
): AiConnectionsApi {
  const info = (c: Connection): ConnectionInfo => ({
    id: c.id,
    name: c.name,
    provider: c.provider,
    ...(c.model ? { model: c.model } : {}),
    ...(c.apiUrl ? { apiUrl: c.apiUrl } : {}),
    ...(c.presetName ? { presetName: c.presetName } : {}),
    ...(c.headerNames?.length ? { headerNames: [...c.headerNames] } : {}),
    hasApiKey: hasUsableKey(keySourceOf(c, vault.hasKeySync(c.id))),
    ...(c.apiKeyEnv ? { apiKeyEnv: c.apiKeyEnv } : {}),
    isDefault: store.defaultId() === c.id,
    canChat: supportsChat(c.provider),
    ...(c.model ? { capabilities: deps.capabilities(c) } : {}),
    ...(isTeamConnection(c) ? { teamFolder: c.team.folderName } : {}),
  });
  /** The request for a call of `chat` or `chatWithTools`, or the error its first read throws. */
  const request = (messages: RichChatMessage[], options: ChatWithToolsOptions): ConnectionChatRequest | Error => {
    const { connection: wanted, sidecar, ...generation } = options;
    if (sidecar && wanted) return new Error('Pass either a connection or sidecar: true, not both.');
    if (sidecar) {
      const resolved = resolveSidecar(store, sidecarSettings());
      if (!resolved) return new Error('No sidecar connection and no default connection are set.');
      return {
        connection: resolved.connection,
        messages,
        ...(resolved.model ? { model: resolved.model } : {}),
        options: { temperature: resolved.temperature, topP: resolved.topP, maxTokens: resolved.maxTokens, ...definedOnly(generation) },
      };
    }
    const c = wanted ? (store.get(wanted) ?? store.findByName(wanted)) : store.getDefault();
    if (!c) return new Error(wanted ? `No AI connection named "${wanted}".` : 'No default AI connection is set.');
    if (!supportsChat(c.provider)) return new Error(`The AI connection "${c.name}" is of a provider that cannot chat.`);
    return { connection: c, messages, options: generation };
  };
  const getSidecar = async (): Promise<SidecarInfo | undefined> => {
    await Promise.all([vault.ready(), store.ready()]);
    const resolved = resolveSidecar(store, sidecarSettings());
    if (!resolved) return undefined;
    return { connection: info(resolved.connection), ...(resolved.model ? { model: resolved.model } : {}), temperature: resolved.temperature, topP: resolved.topP, maxTokens: resolved.maxTokens, isFallback: resolved.isFallback };
  };
  return Object.freeze({
    version: 1 as const,
    listConnections: async () => {
      await Promise.all([vault.ready(), store.ready()]);
      return store.list().map(info);
    },
    getDefault: async () => {
      await Promise.all([vault.ready(), store.ready()]);
      const d = store.getDefault();
      return d ? info(d) : undefined;
    },
    getSidecar,
    chat(messages: ChatMessage[], options: ChatRequestOptions = {}): AsyncIterable<string> {
      const r = request(messages, options);
      return r instanceof Error ? failing(r) : connectionChatText(deps, r);
    },
    chatWithTools(messages: RichChatMessage[], options: ChatWithToolsOptions = {}): AsyncIterable<ChatPart> {
      const r = request(messages, options);
      return r instanceof Error ? failing(r) : connectionChatParts(deps, r);
    },
    onDidChangeConnections,
  });
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** An iterable whose first read rejects: chat() returns iterables, so a bad request fails where it is read. */
function failing<T>(error: Error): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(error) }),
  };
}
