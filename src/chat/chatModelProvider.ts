// Every usable connection as a language model in VS Code's chat (vendor `ai-connections`), with the capabilities
// agent mode needs: tools both ways, images, its real context window, thinking, usage, errors in words.
import * as vscode from 'vscode';
import { getProvider, ProviderError, supportsChat, type ModelCapabilities } from '../providers';
import type { ConnectionLookup } from '../connections/allConnections';
import { isTeamConnection } from '../connections/teamFile';
import type { KeyVault } from '../connections/keyVault';
import { maxInputTokens } from '../connections/capabilities';
import type { Connection } from '../shared/connection';
import type { ResolvedSidecar } from '../connections/sidecar';
import { SIDECAR_CHAT_MODEL_ID } from '../ids';
import { connectionChatParts, type ConnectionChatDeps } from './connectionChat';
import { countTokens } from './tokenCount';
import { CallMetadata, reportPart, toRichMessages } from './vscodeParts';

export const CHAT_VENDOR = 'ai-connections';

type Subscribe = (listener: () => unknown) => { dispose(): unknown };

export interface ChatModelsDeps extends ConnectionChatDeps {
  /** Reads the provider's list in the background when nothing has described the connection's model yet. */
  learnInBackground(connection: Connection): void;
  /** Whether a list (or the user) has described the connection's model (else its limits are estimates). */
  hasFacts(connection: Connection): boolean;
  /** The sidecar (its connection, model override and sampling), offered as one more model: chat's utility model. */
  sidecar(): ResolvedSidecar | undefined;
}

export class ConnectionChatModels implements vscode.LanguageModelChatProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeLanguageModelChatInformation = this.changed.event;
  private readonly subscriptions: { dispose(): unknown }[];
  private readonly calls = new CallMetadata();

  constructor(
    private readonly store: Pick<ConnectionLookup, 'list' | 'get' | 'onDidChange'>,
    private readonly vault: KeyVault,
    private readonly deps: ChatModelsDeps,
    /** What else a model's information depends on: presets and the sidecar (settings), learned model facts. */
    changes: { onDidChangePresetsOrSidecar: Subscribe; onDidChangeModelFacts: Subscribe },
  ) {
    const fire = () => this.changed.fire();
    this.subscriptions = [store.onDidChange(fire), vault.onDidChange(fire), changes.onDidChangePresetsOrSidecar(fire), changes.onDidChangeModelFacts(fire), this.changed];
  }

  /** Connections without a model, a key their provider needs, or a provider that can chat are not offered. Never prompts. */
  async provideLanguageModelChatInformation(_options: vscode.PrepareLanguageModelChatModelOptions): Promise<vscode.LanguageModelChatInformation[]> {
    const withKey = await this.vault.ready();
    const usable = (c: Connection, model: string | undefined) => {
      const provider = getProvider(c.provider);
      return model && provider && supportsChat(c.provider) && !(provider.keyRequired && !withKey.has(c.id)) ? provider : undefined;
    };
    const offered = this.store.list().flatMap((c): vscode.LanguageModelChatInformation[] => {
      const provider = usable(c, c.model);
      if (!provider || !c.model) return [];
      if (!this.deps.hasFacts(c)) this.deps.learnInBackground(c);
      const caps = this.deps.capabilities(c);
      // A team connection is labelled with its folder: its name may also be a personal connection's.
      const label = isTeamConnection(c) ? vscode.l10n.t('{0} · {1} (team {2})', c.model, c.name, c.team.folderName) : `${c.model} · ${c.name}`;
      return [information(c.id, label, c.model, caps, describe(c.model, c.name, provider.label, caps), provider.label)];
    });
    const sidecar = this.deps.sidecar();
    const sidecarProvider = sidecar && usable(sidecar.connection, sidecar.model);
    if (sidecar?.model && sidecarProvider) {
      const caps = this.deps.capabilities(sidecar.connection, sidecar.model);
      const name = vscode.l10n.t('{0} · {1} (sidecar)', sidecar.model, sidecar.connection.name);
      offered.push({
        ...information(SIDECAR_CHAT_MODEL_ID, name, sidecar.model, caps, describe(sidecar.model, sidecar.connection.name, sidecarProvider.label, caps), sidecarProvider.label),
        // For chat's background work, not the picker (1.139 honours this without a proposal; older builds ignore it).
        ...({ isUserSelectable: false } as object),
      });
    }
    return offered;
  }

  async provideLanguageModelChatResponse(
    model: vscode.LanguageModelChatInformation,
    messages: readonly vscode.LanguageModelChatRequestMessage[],
    options: vscode.ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<vscode.LanguageModelResponsePart>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    const sidecar = model.id === SIDECAR_CHAT_MODEL_ID ? this.deps.sidecar() : undefined;
    const connection = sidecar?.connection ?? this.store.get(model.id);
    if (!connection) throw vscode.LanguageModelError.NotFound(vscode.l10n.t('The AI connection behind this model was deleted.'));
    const sidecarSampling = sidecar ? { temperature: sidecar.temperature, topP: sidecar.topP, maxTokens: sidecar.maxTokens } : {};
    const required = options.toolMode === vscode.LanguageModelChatToolMode.Required;
    const tools = (options.tools ?? []).map((t) => ({ name: t.name, description: t.description, ...(t.inputSchema ? { inputSchema: t.inputSchema } : {}) }));
    if (required && tools.length === 0) throw new Error(vscode.l10n.t('{0}: a tool call was required, but no tools were given.', connection.name));
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    let answered = false;
    try {
      const parts = connectionChatParts(this.deps, {
        connection,
        ...(sidecar?.model ? { model: sidecar.model } : {}),
        messages: toRichMessages(messages, this.calls),
        options: { signal: abort.signal, ...sidecarSampling, ...sampling(options.modelOptions), ...(tools.length > 0 ? { tools } : {}), ...(required ? { toolChoice: 'required' as const } : {}) },
      });
      for await (const part of parts) answered = reportPart(part, progress, this.calls) || answered;
    } catch (err) {
      if (token.isCancellationRequested) return;
      if (err instanceof ProviderError) {
        const message = vscode.l10n.t('{0}: {1}', connection.name, err.message);
        throw err.category === 'invalid_key' || err.category === 'missing_key' ? vscode.LanguageModelError.NoPermissions(message) : new Error(message);
      }
      throw err;
    } finally {
      sub.dispose();
    }
    // Copilot turns an empty reply into "No response from language model"; say what happened instead.
    if (!answered && !token.isCancellationRequested) {
      throw new Error(vscode.l10n.t('{0}: the model finished without any text or tool call (its output limit, a content filter, or a model that cannot follow this request).', connection.name));
    }
  }

  async provideTokenCount(_model: vscode.LanguageModelChatInformation, text: string | vscode.LanguageModelChatRequestMessage): Promise<number> {
    return countTokens(text);
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

/** Sampling settings from VS Code's model options; its own keys (those starting with `_`) never go upstream. */
function sampling(modelOptions: { readonly [name: string]: unknown } | undefined): { temperature?: number; topP?: number; maxTokens?: number } {
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  const o = modelOptions ?? {};
  const out: { temperature?: number; topP?: number; maxTokens?: number } = {};
  const temperature = num(o['temperature']);
  const topP = num(o['topP'] ?? o['top_p']);
  const maxTokens = num(o['maxTokens'] ?? o['max_tokens']);
  if (temperature !== undefined) out.temperature = temperature;
  if (topP !== undefined) out.topP = topP;
  if (maxTokens !== undefined) out.maxTokens = maxTokens;
  return out;
}

function information(id: string, name: string, model: string, caps: ModelCapabilities, tooltip: string, detail: string): vscode.LanguageModelChatInformation {
  return {
    id,
    name,
    family: caps.family,
    version: model,
    tooltip,
    detail,
    maxInputTokens: maxInputTokens(caps),
    maxOutputTokens: caps.maxOutputTokens,
    capabilities: { toolCalling: caps.toolCalling, imageInput: caps.imageInput },
  };
}

function describe(model: string, connectionName: string, providerLabel: string, caps: ModelCapabilities): string {
  const k = (n: number) => (n >= 1000 ? `${Math.round(n / 1000)}K` : String(n));
  return vscode.l10n.t(
    '{0} through the AI connection "{1}" ({2}): {3} context, {4} output, tools {5}, images {6}',
    model,
    connectionName,
    providerLabel,
    k(caps.contextWindow),
    k(caps.maxOutputTokens),
    caps.toolCalling ? vscode.l10n.t('yes') : vscode.l10n.t('no'),
    caps.imageInput ? vscode.l10n.t('yes') : vscode.l10n.t('no'),
  );
}
