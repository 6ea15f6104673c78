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
import { generate, generateParts, type GenerateDeps, type GenerateRequest } from './chat/generate';
import { supportsChat } from './providers';

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
  hasApiKey: boolean;
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
    isDefault: store.defaultId() === c.id,
    canChat: supportsChat(c.provider),
    ...(c.model ? { capabilities: deps.capabilities(c) } : {}),
    ...(isTeamConnection(c) ? { teamFolder: c.team.folderName } : {}),
  });
  /** The request for a call of `chat` or `chatWithTools`, or the error its first read throws. */
  const request = (messages: RichChatMessage[], options: ChatWithToolsOptions): GenerateRequest | Error => {
    const { connection: wanted, sidecar, ...generation } = options;
    if (sidecar && wanted) return new Error('Pass either a connection or sidecar: true, not both.');
    if (sidecar) {
      const s = resolveSidecar(store, sidecarSettings());
      if (!s) return new Error('No sidecar connection and no default connection are set.');
      return {
        connection: s.connection,
        messages,
        ...(s.model ? { model: s.model } : {}),
        options: { temperature: s.temperature, topP: s.topP, maxTokens: s.maxTokens, ...definedOnly(generation) },
      };
    }
    const c = wanted ? (store.get(wanted) ?? store.findByName(wanted)) : store.getDefault();
    if (!c) return new Error(wanted ? `No AI connection named "${wanted}".` : 'No default AI connection is set.');
    if (!supportsChat(c.provider)) return new Error(`The AI connection "${c.name}" is of a provider that cannot chat.`);
    return { connection: c, messages, options: generation };
  };
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
      const r = request(messages, options);
      return r instanceof Error ? failing(r) : generate(deps, r);
    },
    chatWithTools(messages: RichChatMessage[], options: ChatWithToolsOptions = {}): AsyncIterable<ChatPart> {
      const r = request(messages, options);
      return r instanceof Error ? failing(r) : generateParts(deps, r);
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
