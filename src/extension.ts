import * as vscode from 'vscode';
import { CommandId, ViewId } from './ids';

// Composition root: builds the pieces and registers them. No logic lives here.
export function activate(context: vscode.ExtensionContext) {
  const log = vscode.window.createOutputChannel('AI Connections', { log: true });
  const tree = vscode.window.createTreeView(ViewId.connections, {
    treeDataProvider: { getChildren: () => [], getTreeItem: (x: vscode.TreeItem) => x },
  });
  const status = vscode.window.createStatusBarItem('aiConnections.default', vscode.StatusBarAlignment.Right, 100);
  status.name = vscode.l10n.t('AI Connections: Default Connection');
  status.text = `$(plug) ${vscode.l10n.t('No default connection')}`;
  status.command = CommandId.selectDefault;
  status.show();
  context.subscriptions.push(
    log,
    tree,
    status,
    vscode.commands.registerCommand(CommandId.newConnection, () => undefined),
    vscode.commands.registerCommand(CommandId.selectDefault, () => undefined),
    vscode.commands.registerCommand(CommandId.refresh, () => undefined),
  );
  log.info('activated');
}

export function deactivate() {}
