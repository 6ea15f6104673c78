import * as vscode from 'vscode';
import type { Services } from '../services';
import { signInErrorMessage } from '../signIn/openRouterSignIn';

/** Sign in with OpenRouter in the browser; the "OpenRouter" connection gets the key. Returns its id. */
export const signInWithOpenRouter = (services: Services) => async () => {
  let connection;
  try {
    connection = await services.openRouter.signIn();
  } catch (err) {
    const message = signInErrorMessage(err);
    services.log.warn(`OpenRouter sign-in failed: ${message}`);
    void vscode.window.showErrorMessage(message);
    return undefined;
  }
  if (!connection) return undefined;
  const pick = vscode.l10n.t('Pick Model');
  const test = vscode.l10n.t('Test');
  const done = connection.model
    ? vscode.l10n.t('Signed in with OpenRouter: "{0}" has its new key.', connection.name)
    : vscode.l10n.t('Signed in with OpenRouter: "{0}" has its key. Pick a model to use it in chat.', connection.name);
  const id = connection.id;
  void vscode.window.showInformationMessage(done, pick, test).then((choice) => {
    if (choice === pick) return vscode.commands.executeCommand('aiConnections.listModels', id);
    if (choice === test) return vscode.commands.executeCommand('aiConnections.testConnection', id);
    return undefined;
  });
  return id;
};
