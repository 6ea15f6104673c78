import * as vscode from 'vscode';
import type { Services } from '../services';
import { storedTestResult, testWithProgress } from '../flows/testWithProgress';
import { testFingerprint } from '../connections/targetFromConnection';
import { connectionTarget, resolveConnection, type ConnectionArg } from './support';

export const testConnectionCommand = (services: Services) => async (arg?: ConnectionArg) => {
  const c = await resolveConnection(services, arg, vscode.l10n.t('Connection to test'));
  if (!c) return;
  const target = await connectionTarget(services, c);
  const result = await testWithProgress(services, target, vscode.l10n.t('Testing {0}…', c.name), { consents: services.consents, connectionId: c.id });
  if (!result) return;
  const stored = storedTestResult(result);
  const summary = stored.message;
  // A result describes what was tested: if the connection (or its key) changed while the test ran, it is shown
  // but not recorded as the connection's last test.
  const now = services.connections.get(c.id);
  if (now && testFingerprint(await connectionTarget(services, now)) === testFingerprint(target)) await services.results.set(c.id, stored);
  else services.log.info(`test of "${c.name}" not recorded: the connection changed while it ran`);
  if (result.ok) {
    void vscode.window.showInformationMessage(`${c.name}: ${summary}`);
    return;
  }
  // Offer the action that fixes what went wrong.
  const actions: string[] = [];
  const setKey = vscode.l10n.t('Set API Key');
  const pickModel = vscode.l10n.t('Pick Model');
  const edit = vscode.l10n.t('Edit Connection');
  if (result.category === 'invalid_key' || result.category === 'missing_key') actions.push(setKey);
  if (result.category === 'model_not_found') actions.push(pickModel);
  actions.push(edit);
  const choice = await vscode.window.showErrorMessage(`${c.name}: ${summary}`, ...actions);
  if (choice === setKey) await vscode.commands.executeCommand('aiConnections.setApiKey', c.id);
  else if (choice === pickModel) await vscode.commands.executeCommand('aiConnections.listModels', c.id);
  else if (choice === edit) services.forms.openEdit(c);
};
