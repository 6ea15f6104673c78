// Hosts the connection form webview: one panel per connection (and one for a new connection). The panel
// is only the webview; what each message does is ConnectionFormController's job (formController.ts).
import * as vscode from 'vscode';
import type { Connection } from '../shared/connection';
import type { ToWebview } from '../shared/protocol';
import { errorMessage } from '../flows/reportError';
import { ConnectionFormController, type FormDeps } from './formController';
import { renderFormHtml } from './formHtml';

const VIEW_TYPE = 'aiConnections.connectionForm';
const NEW_KEY = '<new>';

export class ConnectionForms implements vscode.Disposable {
  private readonly panels = new Map<string, ConnectionFormPanel>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly deps: FormDeps,
  ) {}

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
    const panel = new ConnectionFormPanel(this.extensionUri, this.deps, connection?.id, () => this.panels.delete(key));
    this.panels.set(key, panel);
  }

  dispose(): void {
    for (const p of [...this.panels.values()]) p.dispose();
  }
}

class ConnectionFormPanel {
  private readonly panel: vscode.WebviewPanel;
  private readonly controller: ConnectionFormController;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  constructor(
    extensionUri: vscode.Uri,
    deps: FormDeps,
    connectionId: string | undefined,
    private readonly onDispose: () => void,
  ) {
    this.controller = new ConnectionFormController(deps, connectionId, (msg) => this.post(msg), () => this.dispose());
    const distUri = vscode.Uri.joinPath(extensionUri, 'dist');
    this.panel = vscode.window.createWebviewPanel(VIEW_TYPE, this.title(), vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [distUri],
    });
    this.panel.iconPath = new vscode.ThemeIcon('plug');
    this.panel.webview.html = renderFormHtml({
      cspSource: this.panel.webview.cspSource,
      scriptUri: this.panel.webview.asWebviewUri(vscode.Uri.joinPath(distUri, 'webview.js')).toString(),
      styleUri: this.panel.webview.asWebviewUri(vscode.Uri.joinPath(distUri, 'webview.css')).toString(),
      title: this.title(),
      lang: vscode.env.language,
    });
    this.disposables.push(
      this.panel.onDidDispose(() => this.dispose()),
      this.panel.webview.onDidReceiveMessage((raw) => this.controller.receive(raw)),
      deps.vault.onDidChange((id) => {
        if (id === this.controller.connectionId) {
          this.controller.postKeyState().catch((err: unknown) => deps.log.error(`connection form: key state not updated: ${errorMessage(err)}`));
        }
      }),
    );
  }

  reveal(): void {
    this.panel.reveal();
  }

  private title(): string {
    const c = this.controller.connection();
    return c ? vscode.l10n.t('Edit: {0}', c.name) : vscode.l10n.t('New Connection');
  }

  private post(msg: ToWebview): void {
    if (!this.disposed) void this.panel.webview.postMessage(msg);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.controller.dispose();
    this.onDispose();
    this.panel.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
