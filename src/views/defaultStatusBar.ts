// The status-bar item that always names the default connection; clicking it opens the default picker.
import * as vscode from 'vscode';
import type { ConnectionStore } from '../connections/connectionStore';
import { CommandId } from '../ids';

export class DefaultStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscription: { dispose(): unknown };

  constructor(private readonly store: ConnectionStore) {
    this.item = vscode.window.createStatusBarItem('aiConnections.default', vscode.StatusBarAlignment.Right, 100);
    this.item.name = vscode.l10n.t('AI Connections: Default Connection');
    this.item.command = CommandId.selectDefault;
    this.subscription = store.onDidChange(() => this.render());
    this.render();
    this.item.show();
  }

  private render(): void {
    const c = this.store.getDefault();
    if (c) {
      // Status-bar text is not Markdown but does expand $(icon) syntax: keep user text from doing so.
      const name = c.name.replace(/\$\(/g, '$\u200b(');
      const short = name.length > 40 ? `${name.slice(0, 39)}…` : name;
      const model = c.model ? ` · ${c.model.length > 30 ? `${c.model.slice(0, 29)}…` : c.model}` : '';
      this.item.text = `$(plug) ${short}${model}`;
      this.item.tooltip = vscode.l10n.t('Default AI connection: {0}. Click to choose another.', c.name);
    } else {
      this.item.text = `$(plug) ${vscode.l10n.t('No default connection')}`;
      this.item.tooltip = vscode.l10n.t('No default AI connection. Click to choose one.');
    }
    this.item.accessibilityInformation = { label: this.item.tooltip as string };
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
