import * as vscode from 'vscode';
import type { Services } from '../services';
import { modelsWithProgress } from '../flows/modelsWithProgress';
import { pickModel } from '../flows/pickModel';
import { reportError } from '../flows/reportError';
import { isTeamConnection, TEAM_FILE_PATH } from '../connections/teamFile';
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
  if (isTeamConnection(c)) {
    // The model is the team's choice, written in its file: say so rather than change it here.
    await vscode.env.clipboard.writeText(picked);
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} is a team connection: its model is set in {1}. "{2}" was copied to the clipboard.', c.name, TEAM_FILE_PATH, picked));
    return;
  }
  await services.store.update(c.id, { model: picked });
  void vscode.window.showInformationMessage(vscode.l10n.t('{0} now uses {1}.', c.name, picked));
};
