// One way to generate through a connection, used by VS Code chat, the public API and *Send Prompt*:
// the connection's key and preset are applied here, in the extension host.
import { streamChat, type ChatMessage, type ChatOptions } from '../providers';
import type { Connection } from '../shared/connection';
import { findPreset, optionsWithPreset, type Preset } from '../connections/presets';
import { targetFromConnection } from '../connections/target';
import type { KeyVault } from '../connections/keyVault';

export interface GenerateDeps {
  vault: KeyVault;
  presets: () => readonly Preset[];
  requestTimeoutSeconds: () => number;
  warn: (message: string) => void;
}

export interface GenerateRequest {
  connection: Connection;
  messages: ChatMessage[];
  /** Overrides the connection's model (the sidecar's model setting). */
  model?: string;
  options?: ChatOptions;
}

/** Streams the reply text. The preset's system prompt goes first; explicit options win over the preset's. */
export async function* generate(deps: GenerateDeps, req: GenerateRequest): AsyncGenerator<string> {
  const { connection } = req;
  const preset = findPreset(deps.presets(), connection.presetName);
  if (connection.presetName && !preset) {
    // Reported, not fatal: the request goes out without the preset.
    deps.warn(`connection "${connection.name}" names preset "${connection.presetName}", which is not in aiConnections.presets`);
  }
  const target = targetFromConnection(connection, await deps.vault.get(connection.id), deps.requestTimeoutSeconds());
  if (req.model) target.model = req.model;
  const messages = preset?.systemPrompt ? [{ role: 'system' as const, content: preset.systemPrompt }, ...req.messages] : req.messages;
  yield* streamChat(target, messages, optionsWithPreset(preset, req.options ?? {}));
}
