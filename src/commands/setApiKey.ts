import * as vscode from 'vscode';
import type { Services } from '../services';
import { promptForKey } from '../flows/promptForKey';
import { resolveConnection, type ConnectionArg } from './support';

/** Serves both *Set API Key* and *Update API Key*: the menus show one or the other. */
export const setApiKey = (services: Services) => async (arg?: ConnectionArg) => {
  const c = await resolveConnection(services, arg, vscode.l10n.t('Connection whose API key to set'));
  if (!c) return;
  const key = await promptForKey(c.name, await services.vault.hasKey(c.id));
  if (!key) return;
  await services.vault.set(c.id, key);
  services.log.info(`API key stored for connection ${c.id}`);
  void vscode.window.showInformationMessage(vscode.l10n.t('API key stored for {0}.', c.name));
};
