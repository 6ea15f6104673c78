import { homedir } from 'node:os';
import * as vscode from 'vscode';
import type { Connection } from '../shared/connection';
import { loadImporters } from '../onboarding/importersBundle';
import type { Services } from '../services';
import { connectionFromArg, type ConnectionArg } from './support';

/**
 * *Export Connections…*: the selected connections (the tree passes the clicked node and the selection) or, from
 * the view's title or the palette, all of them. The file holds every field but keys and header values.
 * Returns the file written, or undefined when nothing was.
 */
export const exportConnections = (s: Services) => async (arg?: ConnectionArg | vscode.Uri, selection?: readonly ConnectionArg[]): Promise<vscode.Uri | undefined> => {
  const chosen = (selection?.length ? selection : arg instanceof vscode.Uri ? [] : [arg])
    .map((a) => connectionFromArg(s, a))
    .filter((c): c is Connection => c !== undefined);
  const connections = chosen.length ? chosen : s.store.list();
  if (connections.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('There are no AI connections to export.'));
    return undefined;
  }
  let target = arg instanceof vscode.Uri ? arg : undefined;
  if (!target) {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir());
    target = await vscode.window.showSaveDialog({
      title: connections.length === 1 ? vscode.l10n.t('Export "{0}"', connections[0]!.name) : vscode.l10n.t('Export {0} connections', connections.length),
      saveLabel: vscode.l10n.t('Export'),
      defaultUri: vscode.Uri.joinPath(folder, 'ai-connections.json'),
      filters: { JSON: ['json'] },
    });
  }
  if (!target) return undefined;
  const text = loadImporters().exportConnections(connections);
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  s.log.info(`exported ${connections.length} connection(s) to ${target.fsPath}`);
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Exported {0} connection(s) to {1}. Keys and header values are not in the file: whoever imports it sets their own.', connections.length, target.fsPath),
  );
  return target;
};
