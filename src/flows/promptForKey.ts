import * as v from 'valibot';
import * as vscode from 'vscode';
import { envVariableNameSchema } from '../shared/connectionFile';

/** What the user typed: a key to store, or `env:NAME` — read the key from the variable NAME at request time. */
export type KeyChoice = { kind: 'key'; key: string } | { kind: 'env'; name: string };

const ENV_PREFIX = /^env:/i;

/** Why `env:…` text is not a usable variable reference, or undefined when it is one (or is not one at all). */
function envProblem(text: string): string | undefined {
  if (!ENV_PREFIX.test(text)) return undefined;
  const name = text.replace(ENV_PREFIX, '').trim();
  if (!name) return vscode.l10n.t('Name the environment variable after "env:", e.g. env:OPENAI_API_KEY.');
  return v.safeParse(envVariableNameSchema, name).success ? undefined : vscode.l10n.t('"{0}" is not an environment variable name.', name.slice(0, 60));
}

/**
 * The native password box. The key goes from here straight to the caller and on to SecretStorage.
 * Built on createInputBox rather than showInputBox so the typed value can be cleared before the box hides:
 * the workbench keeps a hidden input's last value in the DOM otherwise.
 */
export function promptForKey(connectionName: string, hasKey: boolean, currentEnv?: string): Promise<KeyChoice | undefined> {
  return new Promise((resolve) => {
    const box = vscode.window.createInputBox();
    box.title = hasKey ? vscode.l10n.t('Update API Key for {0}', connectionName) : vscode.l10n.t('Set API Key for {0}', connectionName);
    box.prompt = currentEnv
      ? vscode.l10n.t('The key is read from ${0} now. Enter a key to store it in VS Code secret storage instead, or env:NAME to read it from another environment variable.', currentEnv)
      : vscode.l10n.t('The key is stored in VS Code secret storage and never shown again. Or type env:NAME to read it from the environment variable NAME at each request.');
    box.password = true;
    box.ignoreFocusOut = true;
    let result: KeyChoice | undefined;
    box.onDidChangeValue((value) => {
      // A variable name is not a secret: shown while typed, so a typo is visible.
      box.password = !ENV_PREFIX.test(value.trim());
      box.validationMessage = value.length > 0 && !value.trim() ? vscode.l10n.t('Enter a key, or press Escape to cancel.') : envProblem(value.trim());
    });
    box.onDidAccept(() => {
      const text = box.value.trim();
      if (!text) {
        box.validationMessage = vscode.l10n.t('Enter a key, or press Escape to cancel.');
        return;
      }
      const problem = envProblem(text);
      if (problem) {
        box.validationMessage = problem;
        return;
      }
      result = ENV_PREFIX.test(text) ? { kind: 'env', name: text.replace(ENV_PREFIX, '').trim() } : { kind: 'key', key: text };
      box.value = '';
      box.hide();
    });
    box.onDidHide(() => {
      box.value = '';
      box.dispose();
      resolve(result);
    });
    box.show();
  });
}
