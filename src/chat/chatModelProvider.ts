// Every usable connection as a language model in VS Code's chat (vendor `ai-connections`).
import * as vscode from 'vscode';
import type { ChatMessage } from '../providers';
import { getProvider, ProviderError } from '../providers';
import type { ConnectionStore } from '../connections/connectionStore';
import type { KeyVault } from '../connections/keyVault';
import { findPreset, type Preset } from '../connections/presets';
import { generate, type GenerateDeps } from './generate';

export const CHAT_VENDOR = 'ai-connections';
/** When a provider does not say, assume a modest window; VS Code uses it only to budget prompts. */
const DEFAULT_INPUT_TOKENS = 128_000;
const DEFAULT_OUTPUT_TOKENS = 4_096;

export class ConnectionChatModels implements vscode.LanguageModelChatProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeLanguageModelChatInformation = this.changed.event;
  private readonly subscriptions: { dispose(): unknown }[];

  constructor(
    private readonly store: ConnectionStore,
    private readonly vault: KeyVault,
    private readonly deps: GenerateDeps,
    /** Presets changed: a model's output limit comes from its connection's preset. */
    onDidChangePresets: (listener: () => unknown) => { dispose(): unknown },
  ) {
    const fire = () => this.changed.fire();
    this.subscriptions = [store.onDidChange(fire), vault.onDidChange(fire), onDidChangePresets(fire), this.changed];
  }

  /** Connections without a model, or without a key their provider needs, are not offered. Never prompts. */
  async provideLanguageModelChatInformation(): Promise<vscode.LanguageModelChatInformation[]> {
    const withKey = await this.vault.ready();
    const presets = this.deps.presets();
    return this.store.list().flatMap((c) => {
      const provider = getProvider(c.provider);
      if (!c.model || !provider || (provider.keyRequired && !withKey.has(c.id))) return [];
      const preset: Preset | undefined = findPreset(presets, c.presetName);
      return [
        {
          id: c.id,
          name: `${c.model} · ${c.name}`,
          family: c.provider,
          version: c.model,
          tooltip: vscode.l10n.t('{0} through the AI connection "{1}"', c.model, c.name),
          detail: provider.label,
          maxInputTokens: DEFAULT_INPUT_TOKENS,
          maxOutputTokens: preset?.maxTokens ?? DEFAULT_OUTPUT_TOKENS,
          capabilities: {},
        },
      ];
    });
  }

  async provideLanguageModelChatResponse(
    model: vscode.LanguageModelChatInformation,
    messages: readonly vscode.LanguageModelChatRequestMessage[],
    options: vscode.ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<vscode.LanguageModelResponsePart>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    const connection = this.store.get(model.id);
    if (!connection) throw vscode.LanguageModelError.NotFound(vscode.l10n.t('The AI connection behind this model was deleted.'));
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    try {
      const modelOptions = options.modelOptions ?? {};
      const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
      const chunks = generate(this.deps, {
        connection,
        messages: messages.map(toChatMessage),
        options: {
          signal: abort.signal,
          temperature: num(modelOptions.temperature),
          topP: num(modelOptions.topP ?? modelOptions.top_p),
          maxTokens: num(modelOptions.maxTokens ?? modelOptions.max_tokens),
        },
      });
      for await (const text of chunks) progress.report(new vscode.LanguageModelTextPart(text));
    } catch (err) {
      if (token.isCancellationRequested) return;
      if (err instanceof ProviderError) {
        throw err.category === 'invalid_key' || err.category === 'missing_key'
          ? vscode.LanguageModelError.NoPermissions(err.message)
          : new Error(err.message);
      }
      throw err;
    } finally {
      sub.dispose();
    }
  }

  /** An estimate (about four characters a token): no provider-neutral tokenizer ships with VS Code. */
  async provideTokenCount(_model: vscode.LanguageModelChatInformation, text: string | vscode.LanguageModelChatRequestMessage): Promise<number> {
    const value = typeof text === 'string' ? text : textOf(text);
    return Math.ceil(value.length / 4);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

function textOf(m: vscode.LanguageModelChatRequestMessage): string {
  return m.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('');
}

function toChatMessage(m: vscode.LanguageModelChatRequestMessage): ChatMessage {
  // Chat sends User and Assistant turns; anything else (a future System role) is passed as system.
  const role = m.role === vscode.LanguageModelChatMessageRole.User ? 'user' : m.role === vscode.LanguageModelChatMessageRole.Assistant ? 'assistant' : 'system';
  return { role, content: textOf(m) };
}
