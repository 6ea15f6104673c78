import * as vscode from 'vscode';
import { isTeamConnection } from '../connections/teamFile';
import type { Services } from '../services';
import { resolveConnection, type ConnectionArg } from './support';

/**
 * A team connection's file names headers (an org id, a gateway token) but never holds their values: each user
 * types theirs here, in VS Code's password box, and they are kept in SecretStorage beside the key (the same
 * entry a personal connection's header values use, KeyVault.headerValues). Empty keeps a value as it is.
 */
export const setHeaderValues = (services: Services) => async (arg?: ConnectionArg) => {
  const c = await resolveConnection(services, arg, vscode.l10n.t('Team connection whose header values to set'));
  if (!c) return;
  const names = isTeamConnection(c) ? (c.headerNames ?? []) : [];
  if (names.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} has no headers named by a team file.', c.name));
    return;
  }
  const stored = (await services.vault.headerValues(c.id)) ?? {};
  // Only the names the file lists are kept: a value for a name the file dropped is not sent anywhere.
  const values: Record<string, string> = Object.fromEntries(names.flatMap((n) => (stored[n] ? [[n, stored[n]]] : [])));
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
  await services.vault.setHeaderValues(c.id, values);
  services.log.info(`header values stored for team connection ${c.id} (${names.length} named)`);
};
