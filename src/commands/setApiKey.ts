import * as vscode from 'vscode';
import type { Services } from '../services';
import { applyKeyChoice } from '../flows/applyKeyChoice';
import { promptForKey } from '../flows/promptForKey';
import { resolveConnection, type ConnectionArg } from './support';

/** Serves both *Set API Key* and *Update API Key*: the menus show one or the other. */
export const setApiKey = (s: Services) => async (arg?: ConnectionArg) => {
  const c = await resolveConnection(s, arg, vscode.l10n.t('Connection whose API key to set'));
  if (!c) return;
  const choice = await promptForKey(c.name, Boolean(c.apiKeyEnv) || (await s.vault.hasKey(c.id)), c.apiKeyEnv);
  if (!choice) return;
  await applyKeyChoice(s, c, choice);
  if (choice.kind === 'key') {
    s.log.info(`API key stored for connection ${c.id}`);
    void vscode.window.showInformationMessage(vscode.l10n.t('API key stored for {0}.', c.name));
  } else {
    s.log.info(`connection ${c.id} reads its API key from $${choice.name}`);
    const note = process.env[choice.name]?.trim() ? '' : ` ${vscode.l10n.t('It is not set where VS Code runs now.')}`;
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} reads its API key from ${1}.', c.name, choice.name) + note);
  }
};
