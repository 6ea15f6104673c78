// One way to generate through a connection, used by VS Code chat, the public API and *Send Prompt*:
// the connection's key, preset and model capabilities are applied here, in the extension host.
import { streamChatParts, type ChatOptions, type ChatPart, type ChatToolOptions, type ModelCapabilities, type ProviderTarget, type RichChatMessage } from '../providers';
import type { Connection } from '../shared/connection';
import { findPreset, optionsWithPreset, type Preset } from '../connections/presets';
import { targetFromConnection } from '../connections/targetFromConnection';
import type { KeyVault } from '../connections/keyVault';

export interface ConnectionChatDeps {
  vault: KeyVault;
  presets: () => readonly Preset[];
  requestTimeoutSeconds: () => number;
  warn: (message: string) => void;
  /** The connection's model capabilities (detected, then its overrides). */
  capabilities: (connection: Connection, model?: string) => ModelCapabilities;
  /** Asks (or remembers) before the key goes over plain http to a remote host; false: nothing may be sent. */
  confirmPlainHttp: (connection: Connection, target: ProviderTarget) => Promise<boolean>;
}

export interface ConnectionChatRequest {
  connection: Connection;
  messages: RichChatMessage[];
  /** Overrides the connection's model (the sidecar's model setting). */
  model?: string;
  options?: ChatToolOptions;
}

/** Streams the reply's parts. The preset's system prompt goes first; explicit options win over the preset's. */
export async function* connectionChatParts(deps: ConnectionChatDeps, req: ConnectionChatRequest): AsyncGenerator<ChatPart, void, undefined> {
  const { connection } = req;
  const preset = findPreset(deps.presets(), connection.presetName);
  if (connection.presetName && !preset) {
    // Reported, not fatal: the request goes out without the preset.
    deps.warn(`connection "${connection.name}" names preset "${connection.presetName}", which is not in aiConnections.presets`);
  }
  const target = targetFromConnection(connection, await deps.vault.get(connection.id), deps.requestTimeoutSeconds(), await deps.vault.headerValues(connection.id));
  if (req.model) target.model = req.model;
  if (!(await deps.confirmPlainHttp(connection, target))) {
    throw new PlainHttpRefused(connection.name);
  }
  const capabilities = deps.capabilities(connection, req.model);
  target.contextWindow = capabilities.contextWindow;
  target.maxOutputTokens = capabilities.maxOutputTokens;
  target.imageInput = capabilities.imageInput;
  const messages: RichChatMessage[] = preset?.systemPrompt ? [{ role: 'system', content: preset.systemPrompt }, ...req.messages] : req.messages;
  const { tools, toolChoice, ...sampling } = req.options ?? {};
  const options: ChatToolOptions = { ...optionsWithPreset(preset, sampling as ChatOptions), ...(tools ? { tools } : {}), ...(toolChoice ? { toolChoice } : {}) };
  yield* streamChatParts(target, messages, options);
}

/** Nothing was sent: the key would have gone over plain http to a remote host, and the user did not say yes. */
export class PlainHttpRefused extends Error {
  constructor(connectionName: string) {
    super(`${connectionName}: nothing was sent. Its API URL uses plain http to a remote host, and sending the API key unencrypted was not confirmed. Use https, or answer "Send Anyway".`);
    this.name = 'PlainHttpRefused';
  }
}

/** The reply text only (Send Prompt, the API's `chat`). */
export async function* connectionChatText(deps: ConnectionChatDeps, req: ConnectionChatRequest): AsyncGenerator<string, void, undefined> {
  for await (const part of connectionChatParts(deps, req)) if (part.type === 'text') yield part.text;
}
