import * as vscode from 'vscode';
import type { Services } from '../services';
import { resolveConnection, type ConnectionArg } from './support';

/** Copies every field (unknown ones too) and the key, under a unique "<name> (copy)". */
export const duplicateConnection = (s: Services) => async (arg?: ConnectionArg) => {
  const c = await resolveConnection(s, arg, vscode.l10n.t('Connection to duplicate'), { personal: true });
  if (!c) return;
  const { id, createdAt: _createdAt, updatedAt: _updatedAt, ...fields } = c;
  const copy = await s.store.create({ ...fields, name: s.store.uniqueCopyName(c.name) });
  const key = await s.vault.get(id);
  if (key) await s.vault.set(copy.id, key);
  s.log.info(`duplicated connection ${id} as ${copy.id}`);
  return copy.id;
};
