// The tree's team part: one collapsible "Team · <folder>" node per workspace folder with a team file, holding
// its connections and what could not be read of the file. Kept apart so the personal tree stays as it was.
import * as vscode from 'vscode';
import type { TeamFolder } from '../connections/teamConnections';
import { TEAM_FILE_PATH, type TeamConnection, type TeamFileProblem } from '../connections/teamFile';
import { TreeItemContext } from '../ids';

export function teamGroupItem(folder: TeamFolder): vscode.TreeItem {
  const item = new vscode.TreeItem(vscode.l10n.t('Team · {0}', folder.folderName), vscode.TreeItemCollapsibleState.Expanded);
  item.id = `team:${folder.folderUri}`;
  item.iconPath = new vscode.ThemeIcon('organization');
  item.resourceUri = folder.fileUri;
  item.contextValue = TreeItemContext.teamGroup;
  if (!folder.loaded) {
    item.description = vscode.l10n.t('not loaded in Restricted Mode');
    item.tooltip = vscode.l10n.t('{0} is not read until you trust this folder: its connections could send requests to any address.', TEAM_FILE_PATH);
  } else {
    const n = folder.connections.length;
    item.description = folder.problems.length
      ? vscode.l10n.t('{0} connection(s), {1} problem(s) in {2}', n, folder.problems.length, TEAM_FILE_PATH)
      : vscode.l10n.t('{0} connection(s) from {1}', n, TEAM_FILE_PATH);
    item.tooltip = vscode.l10n.t('Shared through {0}: read-only here; each teammate sets their own API key.', folder.fileUri.fsPath || folder.fileUri.toString());
  }
  return item;
}

export function teamProblemItem(folder: TeamFolder, problem: TeamFileProblem, index: number): vscode.TreeItem {
  const item = new vscode.TreeItem(problem.place, vscode.TreeItemCollapsibleState.None);
  item.id = `team:${folder.folderUri}:problem:${index}`;
  item.description = problem.message;
  item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
  item.tooltip = new vscode.MarkdownString().appendText(vscode.l10n.t('{0} in {1}: {2}', problem.place, TEAM_FILE_PATH, problem.message));
  item.contextValue = TreeItemContext.invalidEntry;
  item.command = { command: 'vscode.open', title: vscode.l10n.t('Open {0}', TEAM_FILE_PATH), arguments: [folder.fileUri] };
  return item;
}

export function restrictedItem(folder: TeamFolder): vscode.TreeItem {
  const item = new vscode.TreeItem(vscode.l10n.t('Trust this folder to load its team connections'), vscode.TreeItemCollapsibleState.None);
  item.id = `team:${folder.folderUri}:restricted`;
  item.iconPath = new vscode.ThemeIcon('shield');
  item.command = { command: 'workbench.trust.manage', title: vscode.l10n.t('Manage Workspace Trust') };
  return item;
}

/** The tooltip's line saying where a team connection comes from. */
export function teamOriginText(c: TeamConnection): string {
  return vscode.l10n.t('{0}/{1}, entry {2} (read-only; your API key is your own)', c.team.folderName, TEAM_FILE_PATH, c.team.index + 1);
}
