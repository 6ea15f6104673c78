import * as vscode from 'vscode';
import type { Services } from '../services';
import { resolveConnection, type ConnectionArg } from './support';

/** Deletes a connection and its key after a modal confirmation. Returns whether it was deleted. */
export const deleteConnection = (services: Services) => async (arg?: ConnectionArg) => {
  const c = await resolveConnection(services, arg, vscode.l10n.t('Connection to delete'), { personal: true });
  if (!c) return false;
  const del = vscode.l10n.t('Delete');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Delete the connection "{0}"?', c.name),
    { modal: true, detail: vscode.l10n.t('Its stored API key is deleted too. This cannot be undone.') },
    del,
  );
  if (answer !== del) return false;
  await services.store.delete(c.id);
  await services.vault.delete(c.id);
  await services.vault.setHeaderValues(c.id, undefined);
  await services.results.forget(c.id);
  services.models.invalidate(c.id);
  services.forms.closeFor(c.id);
  services.log.info(`deleted connection ${c.id} and its key`);
  return true;
};
