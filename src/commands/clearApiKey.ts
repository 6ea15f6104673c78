import * as vscode from 'vscode';
import type { Services } from '../services';
import { resolveConnection, type ConnectionArg } from './support';

export const clearApiKey = (s: Services) => async (arg?: ConnectionArg) => {
  const c = await resolveConnection(s, arg, vscode.l10n.t('Connection whose API key to clear'));
  if (!c) return;
  if (c.apiKeyEnv) {
    // Nothing secret to lose: the connection only stops reading the variable.
    await s.store.update(c.id, { apiKeyEnv: undefined });
    s.log.info(`connection ${c.id} no longer reads its API key from $${c.apiKeyEnv}`);
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} no longer reads its API key from ${1}.', c.name, c.apiKeyEnv));
    return;
  }
  if (!(await s.vault.hasKey(c.id))) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} has no stored API key.', c.name));
    return;
  }
  const clear = vscode.l10n.t('Clear Key');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Clear the API key of "{0}"?', c.name),
    { modal: true, detail: vscode.l10n.t('The key is removed from secret storage; you will have to enter it again.') },
    clear,
  );
  if (answer !== clear) return;
  await s.vault.delete(c.id);
  s.log.info(`API key cleared for connection ${c.id}`);
};
