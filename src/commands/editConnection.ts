import * as vscode from 'vscode';
import type { Services } from '../services';
import { resolveConnection, type ConnectionArg } from './support';

export const editConnection = (s: Services) => async (arg?: ConnectionArg) => {
  const c = await resolveConnection(s, arg, vscode.l10n.t('Connection to edit'));
  if (c) s.forms.openEdit(c);
};
