// A team connection in the connection form: read-only but for its key, since its file owns every field. The
// host refuses a Save and a Delete, and a Test uses the connection as stored (its header values included).
import * as vscode from 'vscode';
import type { KeyVault } from '../connections/keyVault';
import { isTeamConnection, TEAM_FILE_PATH } from '../connections/teamFile';
import type { Connection, ConnectionDraft } from '../shared/connection';

/**
 * The init message's extras for a team connection: the note saying why it is read-only, and the header rows
 * by name only (the values are this user's secrets), marked stored where this user has set one.
 */
export async function teamFormInit(c: Connection | undefined, draft: ConnectionDraft, vault: Pick<KeyVault, 'headerValues'>): Promise<{ readOnly?: string }> {
  if (!c || !isTeamConnection(c)) return {};
  const values = await vault.headerValues(c.id);
  draft.headers = (c.headerNames ?? []).map((name) => ({ name, value: '', ...(values?.[name] !== undefined ? { stored: true } : {}) }));
  return { readOnly: vscode.l10n.t('A team connection of {0}, shared through {1}: change it there. Only the API key is yours, kept on this machine.', c.team.folderName, TEAM_FILE_PATH) };
}

/** Why the form may not save this connection (a team connection is changed in its file), if so. */
export function teamSaveRefusal(c: Connection | undefined): string | undefined {
  return c && isTeamConnection(c) ? vscode.l10n.t('A team connection is changed in {0}.', TEAM_FILE_PATH) : undefined;
}
