import * as vscode from 'vscode';
import type { Services } from '../services';
import { resolveConnection, type ConnectionArg } from './support';

/** Copies every field (unknown ones too) and the key, under a unique "<name> (copy)". */
export const duplicateConnection = (services: Services) => async (arg?: ConnectionArg) => {
  const c = await resolveConnection(services, arg, vscode.l10n.t('Connection to duplicate'), { personal: true });
  if (!c) return;
  const { id, createdAt: _createdAt, updatedAt: _updatedAt, ...fields } = c;
  // Header values are secrets: read from SecretStorage and stored again for the copy (by the store, before its names).
  const headers = await services.vault.headerValues(id);
  const copy = await services.store.create({ ...fields, ...(headers ? { headers } : {}), name: services.store.uniqueCopyName(c.name) });
  const key = await services.vault.get(id);
  if (key) await services.vault.set(copy.id, key);
  services.log.info(`duplicated connection ${id} as ${copy.id}`);
  return copy.id;
};
