// Hosts the connection form webview: one panel per connection (and one for a new connection).
// The host owns everything: it validates every message, writes the store, keeps the key. The webview
// learns only whether a key is stored.
import * as vscode from 'vscode';
import { StoreError } from '../connections/connectionStore';
import { targetFromDraft } from '../connections/target';
import { providers, ProviderError } from '../providers';
import { draftFromConnection, EMPTY_DRAFT, type Connection, type ConnectionDraft } from '../shared/connection';
import { parseFromWebview, type FromWebview, type ProviderOption, type ToWebview } from '../shared/protocol';
import { hasErrors, headersFromRows, validateDraft } from '../shared/validation';
import type { Services } from '../services';
import { modelsWithProgress, promptForKey, summarizeTest, testWithProgress } from '../commands/support';
import { formStrings } from './formStrings';
import { renderFormHtml } from './formHtml';

const VIEW_TYPE = 'aiConnections.connectionForm';
const NEW_KEY = '<new>';

export class ConnectionForms implements vscode.Disposable {
  private readonly panels = new Map<string, ConnectionFormPanel>();
  private services: Services | undefined;

  constructor(private readonly extensionUri: vscode.Uri) {}

  /** Breaks the cycle services → forms → services: extension.ts calls this once after building both. */
  attach(services: Services): void {
    this.services = services;
  }

  openNew(): void {
    this.open(NEW_KEY, undefined);
  }

  openEdit(c: Connection): void {
    this.open(c.id, c);
  }

  closeFor(connectionId: string): void {
    this.panels.get(connectionId)?.dispose();
  }

  private open(key: string, connection: Connection | undefined): void {
    const existing = this.panels.get(key);
    if (existing) {
      existing.reveal();
      return;
    }
    if (!this.services) throw new Error('ConnectionForms used before attach()');
    const panel = new ConnectionFormPanel(this.extensionUri, this.services, connection?.id, () => this.panels.delete(key));
    this.panels.set(key, panel);
  }

  dispose(): void {
    for (const p of [...this.panels.values()]) p.dispose();
  }
}

class ConnectionFormPanel {
  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  /** A key entered for a connection not saved yet: held here, in the extension host, until Save. */
  private pendingKey: string | undefined;
  private disposed = false;

  constructor(
    extensionUri: vscode.Uri,
    private readonly s: Services,
    private connectionId: string | undefined,
    private readonly onDispose: () => void,
  ) {
    const distUri = vscode.Uri.joinPath(extensionUri, 'dist');
    this.panel = vscode.window.createWebviewPanel(VIEW_TYPE, this.title(), vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [distUri],
    });
    this.panel.iconPath = new vscode.ThemeIcon('plug');
    const nonce = makeNonce();
    this.panel.webview.html = renderFormHtml({
      cspSource: this.panel.webview.cspSource,
      nonce,
      scriptUri: this.panel.webview.asWebviewUri(vscode.Uri.joinPath(distUri, 'webview.js')).toString(),
      styleUri: this.panel.webview.asWebviewUri(vscode.Uri.joinPath(distUri, 'webview.css')).toString(),
      title: this.title(),
      lang: vscode.env.language,
    });
    this.disposables.push(
      this.panel.onDidDispose(() => this.dispose()),
      this.panel.webview.onDidReceiveMessage((raw) => this.receive(raw)),
      s.vault.onDidChange((id) => {
        if (id === this.connectionId) void this.postKeyState();
      }),
    );
  }

  reveal(): void {
    this.panel.reveal();
  }

  private connection(): Connection | undefined {
    return this.connectionId ? this.s.store.get(this.connectionId) : undefined;
  }

  private title(): string {
    const c = this.connection();
    return c ? vscode.l10n.t('Edit: {0}', c.name) : vscode.l10n.t('New Connection');
  }

  private post(msg: ToWebview): void {
    if (!this.disposed) void this.panel.webview.postMessage(msg);
  }

  private async hasKey(): Promise<boolean> {
    return this.pendingKey !== undefined || (this.connectionId !== undefined && (await this.s.vault.hasKey(this.connectionId)));
  }

  private async postKeyState(): Promise<void> {
    this.post({ type: 'keyState', hasApiKey: await this.hasKey() });
  }

  private async receive(raw: unknown): Promise<void> {
    const msg = parseFromWebview(raw);
    if (!msg) {
      // Only the shape is logged: a malformed message is ignored and changes nothing.
      const type = typeof raw === 'object' && raw !== null && 'type' in raw ? String((raw as { type: unknown }).type).slice(0, 40) : typeof raw;
      this.s.log.warn(`ignored a malformed message from the connection form (type: ${type})`);
      return;
    }
    try {
      await this.handle(msg);
    } catch (err) {
      this.s.log.error(`connection form: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private async handle(msg: FromWebview): Promise<void> {
    switch (msg.type) {
      case 'ready':
        return this.sendInit();
      case 'save':
        return this.save(msg.requestId, msg.draft);
      case 'fetchModels':
        return this.fetchModels(msg.requestId, msg.draft);
      case 'test':
        return this.test(msg.requestId, msg.draft);
      case 'setApiKey':
        return this.setKey();
      case 'cancel':
        return this.dispose();
      case 'delete': {
        if (!this.connectionId) return;
        await vscode.commands.executeCommand('aiConnections.deleteConnection', this.connectionId);
        return;
      }
    }
  }

  private otherNames(): string[] {
    return this.s.store.list().filter((c) => c.id !== this.connectionId).map((c) => c.name);
  }

  private async sendInit(): Promise<void> {
    const c = this.connection();
    const options: ProviderOption[] = providers.map((p) => ({ id: p.id, label: p.label, defaultUrl: p.defaultUrl, keyRequired: p.keyRequired }));
    this.post({
      type: 'init',
      mode: c ? 'edit' : 'new',
      connectionId: c?.id ?? null,
      draft: c ? draftFromConnection(c, this.s.store.snapshot().defaultId === c.id) : { ...EMPTY_DRAFT, provider: 'openai' },
      hasApiKey: await this.hasKey(),
      otherNames: this.otherNames(),
      providers: options,
      presets: this.s.settings.presets().map((p) => p.name),
      strings: formStrings(),
    });
  }

  private async save(requestId: number, draft: ConnectionDraft): Promise<void> {
    const errors = validateDraft(draft, this.otherNames(), providers.map((p) => p.id));
    if (hasErrors(errors)) {
      this.post({ type: 'saveResult', requestId, ok: false, errors });
      return;
    }
    const timeout = draft.timeoutSeconds.trim();
    const fields = {
      name: draft.name.trim(),
      provider: draft.provider,
      model: draft.model.trim() || undefined,
      apiUrl: draft.apiUrl.trim() || undefined,
      presetName: draft.presetName || undefined,
      headers: headersFromRows(draft.headers),
      timeoutSeconds: timeout ? Number(timeout) : undefined,
    };
    try {
      if (this.connectionId) {
        await this.s.store.update(this.connectionId, fields, { makeDefault: draft.isDefault });
      } else {
        const created = await this.s.store.create(fields, { makeDefault: draft.isDefault });
        this.connectionId = created.id;
        if (this.pendingKey) await this.s.vault.set(created.id, this.pendingKey);
        this.pendingKey = undefined;
      }
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.post({
        type: 'saveResult',
        requestId,
        ok: false,
        errors: err instanceof StoreError && err.code === 'nameDuplicate' ? { name: 'nameDuplicate' } : {},
        message,
      });
      return;
    }
    this.s.log.info(`saved connection ${this.connectionId}`);
    this.post({ type: 'saveResult', requestId, ok: true, errors: {} });
    this.dispose();
  }

  private async draftTarget(draft: ConnectionDraft) {
    const key = this.pendingKey ?? (this.connectionId ? await this.s.vault.get(this.connectionId) : undefined);
    return targetFromDraft(draft, key, this.s.settings.requestTimeoutSeconds());
  }

  private async fetchModels(requestId: number, draft: ConnectionDraft): Promise<void> {
    try {
      const models = await modelsWithProgress(this.s, await this.draftTarget(draft), undefined);
      if (!models) {
        this.post({ type: 'modelsResult', requestId, ok: false, models: [], message: vscode.l10n.t('Cancelled.') });
        return;
      }
      this.post({ type: 'modelsResult', requestId, ok: true, models });
    } catch (err) {
      const message = err instanceof ProviderError || err instanceof Error ? err.message : String(err);
      this.post({ type: 'modelsResult', requestId, ok: false, models: [], message });
    }
  }

  private async test(requestId: number, draft: ConnectionDraft): Promise<void> {
    const result = await testWithProgress(this.s, await this.draftTarget(draft), vscode.l10n.t('Testing {0}…', draft.name || draft.provider));
    if (!result) {
      this.post({ type: 'testResult', requestId, ok: false, message: vscode.l10n.t('Cancelled.') });
      return;
    }
    this.post({ type: 'testResult', requestId, ok: result.ok, message: summarizeTest(result) });
  }

  private async setKey(): Promise<void> {
    const name = this.connection()?.name ?? vscode.l10n.t('the new connection');
    const key = await promptForKey(name, await this.hasKey());
    if (!key) return;
    if (this.connectionId) await this.s.vault.set(this.connectionId, key);
    else this.pendingKey = key;
    await this.postKeyState();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.pendingKey = undefined;
    this.onDispose();
    this.panel.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function makeNonce(): string {
  const bytes = new Uint8Array(24);
  globalThis.crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64').replace(/[^A-Za-z0-9]/g, '');
}
