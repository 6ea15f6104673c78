// The one registration table: every command id and the factory of its handler.
import * as vscode from 'vscode';
import { CommandId } from '../ids';
import type { Services } from '../services';
import { clearApiKey } from './clearApiKey';
import { deleteConnection } from './deleteConnection';
import { duplicateConnection } from './duplicateConnection';
import { editConnection } from './editConnection';
import { listModels } from './listModels';
import { newConnection } from './newConnection';
import { refresh } from './refresh';
import { selectDefault } from './selectDefault';
import { setApiKey } from './setApiKey';
import { setDefault } from './setDefault';
import { testConnection } from './testConnection';
import { reportError } from '../flows/reportError';
import { setSidecar } from './setSidecar';
import { cancelPrompt, sendPrompt } from './sendPrompt';
import { manage } from './manage';
import { useSidecarForChat } from './useSidecarForChat';
import { signInWithOpenRouter } from './signInWithOpenRouter';
import { setHeaderValues } from './setHeaderValues';

type Handler = (...args: never[]) => unknown;

const table: Record<CommandId, (s: Services) => Handler> = {
  [CommandId.newConnection]: newConnection,
  [CommandId.editConnection]: editConnection,
  [CommandId.setApiKey]: setApiKey,
  [CommandId.updateApiKey]: setApiKey,
  [CommandId.clearApiKey]: clearApiKey,
  [CommandId.testConnection]: testConnection,
  [CommandId.listModels]: listModels,
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
  [CommandId.signInWithOpenRouter]: signInWithOpenRouter,
  [CommandId.setHeaderValues]: setHeaderValues,
};

export function registerCommands(s: Services): vscode.Disposable[] {
  return Object.entries(table).map(([id, make]) => {
    const handler = make(s) as (...args: unknown[]) => unknown;
    return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await handler(...args);
      } catch (err) {
        reportError(s, vscode.l10n.t('AI Connections'), err);
        return undefined;
      }
    });
  });
}
