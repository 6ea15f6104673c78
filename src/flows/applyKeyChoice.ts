// One home for what a key choice does to a stored connection (Set API Key, the form's key button): a key goes
// to SecretStorage and the connection stops reading a variable; `env:NAME` names the variable and removes the
// stored key, which would otherwise linger unused. One source per connection, so what the tree says is true.
import * as vscode from 'vscode';
import type { ConnectionStore } from '../connections/connectionStore';
import { isTeamConnection, TEAM_FILE_PATH } from '../connections/teamFile';
import type { KeyVault } from '../connections/keyVault';
import type { Connection } from '../shared/connection';
import type { KeyChoice } from './promptForKey';

export async function applyKeyChoice(deps: { store: ConnectionStore; vault: KeyVault }, c: Connection, choice: KeyChoice): Promise<void> {
  if (isTeamConnection(c)) {
    // Its file owns its fields, the key's variable included: only this user's own key is stored here.
    if (choice.kind === 'env') throw new Error(vscode.l10n.t('"{0}" is a team connection: the variable its key is read from is set in {1}.', c.name, TEAM_FILE_PATH));
    await deps.vault.set(c.id, choice.key);
    return;
  }
  if (choice.kind === 'key') {
    await deps.vault.set(c.id, choice.key);
    if (c.apiKeyEnv) await deps.store.update(c.id, { apiKeyEnv: undefined });
    return;
  }
  if (c.apiKeyEnv !== choice.name) await deps.store.update(c.id, { apiKeyEnv: choice.name });
  if (await deps.vault.hasKey(c.id)) await deps.vault.delete(c.id);
}
