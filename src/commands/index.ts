// The one registration table: every command id and the factory of its handler.
import * as vscode from 'vscode';
import { CommandId } from '../ids';
import type { Services } from '../services';
import { clearApiKey } from './clearApiKey';
import { deleteConnection } from './deleteConnection';
import { duplicateConnection } from './duplicateConnection';
import { editConnection } from './editConnection';
import { listModelsCommand } from './listModelsCommand';
import { newConnection } from './newConnection';
import { refresh } from './refresh';
import { selectDefault } from './selectDefault';
import { setApiKey } from './setApiKey';
import { setDefault } from './setDefault';
import { testConnectionCommand } from './testConnectionCommand';
import { reportError } from '../flows/reportError';
import { setSidecar } from './setSidecar';
import { cancelPrompt, sendPrompt } from './sendPrompt';
import { manage } from './manage';
import { useSidecarForChat } from './useSidecarForChat';
import { discoverConnections } from './discoverConnections';
import { importConnections } from './importConnections';
import { exportConnections } from './exportConnections';
import { signInWithOpenRouter } from './signInWithOpenRouter';
import { setHeaderValues } from './setHeaderValues';

type Handler = (...args: never[]) => unknown;

const table: Record<CommandId, (services: Services) => Handler> = {
  [CommandId.newConnection]: newConnection,
  [CommandId.editConnection]: editConnection,
  [CommandId.setApiKey]: setApiKey,
  [CommandId.updateApiKey]: setApiKey,
  [CommandId.clearApiKey]: clearApiKey,
  [CommandId.testConnection]: testConnectionCommand,
  [CommandId.listModels]: listModelsCommand,
  [CommandId.setDefault]: setDefault,
  [CommandId.selectDefault]: selectDefault,
  [CommandId.duplicateConnection]: duplicateConnection,
  [CommandId.deleteConnection]: deleteConnection,
  [CommandId.refresh]: refresh,
  [CommandId.setSidecar]: setSidecar,
  [CommandId.sendPrompt]: sendPrompt,
  [CommandId.cancelPrompt]: cancelPrompt,
  [CommandId.manage]: manage,
  [CommandId.useSidecarForChat]: useSidecarForChat,
  [CommandId.discoverConnections]: discoverConnections,
  [CommandId.importConnections]: importConnections,
  [CommandId.exportConnections]: exportConnections,
  [CommandId.signInWithOpenRouter]: signInWithOpenRouter,
  [CommandId.setHeaderValues]: setHeaderValues,
};

export function registerCommands(services: Services): vscode.Disposable[] {
  return Object.entries(table).map(([id, make]) => {
    const handler = make(services) as (...args: unknown[]) => unknown;
    return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await handler(...args);
      } catch (err) {
        reportError(services, vscode.l10n.t('AI Connections'), err);
        return undefined;
      }
    });
  });
}
