import * as vscode from 'vscode';
import type { Services } from '../services';
import { modelsWithProgress } from '../flows/modelsWithProgress';
import { pickModel } from '../flows/pickModel';
import { reportError } from '../flows/reportError';
import { connectionTarget, resolveConnection, type ConnectionArg } from './support';

export const listModelsCommand = (services: Services) => async (arg?: ConnectionArg) => {
  const c = await resolveConnection(services, arg, vscode.l10n.t('Connection whose models to list'));
  if (!c) return;
  let models;
  try {
    models = await modelsWithProgress(services, await connectionTarget(services, c), c.id, { consents: services.consents, connectionId: c.id });
  } catch (err) {
    reportError(services, vscode.l10n.t('Could not list the models of {0}', c.name), err);
    return;
  }
  if (!models) return;
  const picked = await pickModel(models, c.model, c.name);
  if (!picked || picked === c.model) return;
  await services.store.update(c.id, { model: picked });
  void vscode.window.showInformationMessage(vscode.l10n.t('{0} now uses {1}.', c.name, picked));
};
