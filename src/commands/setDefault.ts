import * as vscode from 'vscode';
import type { Services } from '../services';
import { resolveConnection, type ConnectionArg } from './support';

export const setDefault = (services: Services) => async (arg?: ConnectionArg) => {
  const c = await resolveConnection(services, arg, vscode.l10n.t('Connection to make the default'), { personal: true });
  if (c) await services.store.setDefault(c.id);
};
