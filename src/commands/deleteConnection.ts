import * as vscode from 'vscode';
import type { Services } from '../services';
import { resolveConnection, type ConnectionArg } from './support';

/** Deletes a connection and its key after a modal confirmation. Returns whether it was deleted. */
export const deleteConnection = (s: Services) => async (arg?: ConnectionArg) => {
  const c = await resolveConnection(s, arg, vscode.l10n.t('Connection to delete'), { personal: true });
  if (!c) return false;
  const del = vscode.l10n.t('Delete');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Delete the connection "{0}"?', c.name),
    { modal: true, detail: vscode.l10n.t('Its stored API key is deleted too. This cannot be undone.') },
    del,
  );
  if (answer !== del) return false;
  await s.store.delete(c.id);
  await s.vault.delete(c.id);
  await s.results.forget(c.id);
  s.models.invalidate(c.id);
  s.forms.closeFor(c.id);
  s.log.info(`deleted connection ${c.id} and its key`);
  return true;
};
