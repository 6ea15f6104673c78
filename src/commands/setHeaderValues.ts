import * as vscode from 'vscode';
import { isTeamConnection } from '../connections/teamFile';
import type { Services } from '../services';
import { resolveConnection, type ConnectionArg } from './support';

/**
 * A team connection's file names headers (an org id, a gateway token) but never holds their values: each user
 * types theirs here, in VS Code's password box, and they are kept in SecretStorage. Empty keeps a value as it is.
 */
export const setHeaderValues = (s: Services) => async (arg?: ConnectionArg) => {
  const c = await resolveConnection(s, arg, vscode.l10n.t('Team connection whose header values to set'));
  if (!c) return;
  const names = isTeamConnection(c) ? (c.team.headerNames ?? []) : [];
  if (names.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} has no headers named by a team file.', c.name));
    return;
  }
  const values: Record<string, string> = { ...(c.headers ?? {}) };
  for (const name of names) {
    const value = await vscode.window.showInputBox({
      title: vscode.l10n.t('{0}: value of the header {1}', c.name, name),
      prompt: values[name]
        ? vscode.l10n.t('A value is stored. Type a new one, or leave empty to keep it.')
        : vscode.l10n.t('Stored in VS Code secret storage, on this machine only.'),
      password: true,
      ignoreFocusOut: true,
    });
    if (value === undefined) return;
    if (value.trim()) values[name] = value.trim();
  }
  await s.team.setHeaderValues(c.id, values);
  s.log.info(`header values stored for team connection ${c.id} (${names.length} named)`);
};
