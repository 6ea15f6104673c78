import * as vscode from 'vscode';
import type { Services } from '../services';
import { resolveConnection, type ConnectionArg } from './support';

export const setSidecar = (services: Services) => async (arg?: ConnectionArg) => {
  const c = await resolveConnection(services, arg, vscode.l10n.t('Connection to use as the sidecar'), { personal: true });
  if (!c) return;
  await services.settings.setSidecarConnection(c.name);
  void vscode.window.showInformationMessage(vscode.l10n.t('{0} is now the sidecar connection for background work.', c.name));
};
