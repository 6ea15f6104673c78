import * as vscode from 'vscode';
import type { Services } from '../services';
import { resolveConnection, type ConnectionArg } from './support';

export const editConnection = (services: Services) => async (arg?: ConnectionArg) => {
  const c = await resolveConnection(services, arg, vscode.l10n.t('Connection to edit'));
  if (c) services.forms.openEdit(c);
};
