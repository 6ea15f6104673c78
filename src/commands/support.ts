// What only commands need: the connection a command acts on (from its argument or a QuickPick) and its
// target. The flows commands share with the connection form (key, consent, test, models, errors) live in
// src/flows/.
import * as vscode from 'vscode';
import type { ProviderTarget } from '../providers';
import type { Connection } from '../shared/connection';
import { targetFromConnection } from '../connections/targetFromConnection';
import { isTeamConnection, TEAM_FILE_PATH } from '../connections/teamFile';
import { CommandId } from '../ids';
import type { Services } from '../services';
import type { TreeNode } from '../views/connectionTree';

/** What a command receives: a tree node (context menu / inline action), an id, or nothing (palette). */
export type ConnectionArg = TreeNode | { id: string } | string | undefined;

export function connectionFromArg(services: Services, arg: ConnectionArg): Connection | undefined {
  const all = services.connections;
  if (typeof arg === 'string') return all.get(arg) ?? all.findByName(arg);
  if (arg && 'kind' in arg) return arg.kind === 'connection' ? all.get(arg.connection.id) : undefined;
  if (arg && 'id' in arg) return all.get(arg.id);
  return undefined;
}

/**
 * The connection a command acts on: the one it was invoked on, or one the user picks. With `personal`, the
 * command changes the connection itself (delete, rename, make default), which a team connection's file owns:
 * a team connection is refused with where to change it, and the QuickPick offers only personal ones.
 */
export async function resolveConnection(services: Services, arg: ConnectionArg, placeHolder: string, options: { personal?: boolean } = {}): Promise<Connection | undefined> {
  const given = connectionFromArg(services, arg);
  if (given && options.personal && isTeamConnection(given)) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('"{0}" is a team connection of {1}: it is changed in {2}, and only its API key is yours.', given.name, given.team.folderName, TEAM_FILE_PATH),
    );
    return undefined;
  }
  if (given) return given;
  const all = options.personal ? services.store.list() : services.connections.list();
  if (all.length === 0) {
    const create = vscode.l10n.t('New Connection');
    const answer = await vscode.window.showInformationMessage(vscode.l10n.t('There are no AI connections yet.'), create);
    if (answer === create) await vscode.commands.executeCommand(CommandId.newConnection);
    return undefined;
  }
  const defaultId = services.connections.defaultId();
  const picked = await vscode.window.showQuickPick(
    all.map((c) => ({ label: c.name, description: isTeamConnection(c) ? `${describe(c)} · ${vscode.l10n.t('team {0}', c.team.folderName)}` : describe(c), detail: services.vault.hasKeySync(c.id) ? undefined : vscode.l10n.t('No API key stored'), connection: c, picked: c.id === defaultId })),
    { placeHolder, matchOnDescription: true },
  );
  return picked?.connection;
}

export function describe(c: Connection): string {
  return [c.provider, c.model].filter(Boolean).join(' · ');
}

/** The target of a stored connection, with its key and the configured timeout. */
export async function connectionTarget(services: Services, c: Connection): Promise<ProviderTarget> {
  return targetFromConnection(c, await services.vault.get(c.id), services.settings.requestTimeoutSeconds(), await services.vault.headerValues(c.id));
}
