// What only commands need: the connection a command acts on (from its argument or a QuickPick) and its
// target. The flows commands share with the connection form (key, consent, test, models, errors) live in
// src/flows/.
import * as vscode from 'vscode';
import type { ProviderTarget } from '../providers';
import type { Connection } from '../shared/connection';
import { targetFromConnection } from '../connections/targetFromConnection';
import { CommandId } from '../ids';
import type { Services } from '../services';
import type { TreeNode } from '../views/connectionTree';

/** What a command receives: a tree node (context menu / inline action), an id, or nothing (palette). */
export type ConnectionArg = TreeNode | { id: string } | string | undefined;

export function connectionFromArg(services: Services, arg: ConnectionArg): Connection | undefined {
  if (typeof arg === 'string') return services.store.get(arg) ?? services.store.findByName(arg);
  if (arg && 'kind' in arg) return arg.kind === 'connection' ? services.store.get(arg.connection.id) : undefined;
  if (arg && 'id' in arg) return services.store.get(arg.id);
  return undefined;
}

/** The connection a command acts on: the one it was invoked on, or one the user picks. */
export async function resolveConnection(services: Services, arg: ConnectionArg, placeHolder: string): Promise<Connection | undefined> {
  const given = connectionFromArg(services, arg);
  if (given) return given;
  const all = services.store.list();
  if (all.length === 0) {
    const create = vscode.l10n.t('New Connection');
    const answer = await vscode.window.showInformationMessage(vscode.l10n.t('There are no AI connections yet.'), create);
    if (answer === create) await vscode.commands.executeCommand(CommandId.newConnection);
    return undefined;
  }
  const defaultId = services.store.snapshot().defaultId;
  const picked = await vscode.window.showQuickPick(
    all.map((c) => ({ label: c.name, description: describe(c), detail: services.vault.hasKeySync(c.id) ? undefined : vscode.l10n.t('No API key stored'), connection: c, picked: c.id === defaultId })),
    { placeHolder, matchOnDescription: true },
  );
  return picked?.connection;
}

export function describe(c: Connection): string {
  return [c.provider, c.model].filter(Boolean).join(' · ');
}

/** The target of a stored connection, with its key and the configured timeout. */
export async function connectionTarget(services: Services, c: Connection): Promise<ProviderTarget> {
  return targetFromConnection(c, await services.vault.get(c.id), services.settings.requestTimeoutSeconds());
}
