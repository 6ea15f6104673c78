import * as vscode from 'vscode';

/**
 * The native password box. The key goes from here straight to the caller and on to SecretStorage.
 * Built on createInputBox rather than showInputBox so the typed value can be cleared before the box hides:
 * the workbench keeps a hidden input's last value in the DOM otherwise.
 */
export function promptForKey(connectionName: string, hasKey: boolean): Promise<string | undefined> {
  return new Promise((resolve) => {
    const box = vscode.window.createInputBox();
    box.title = hasKey ? vscode.l10n.t('Update API Key for {0}', connectionName) : vscode.l10n.t('Set API Key for {0}', connectionName);
    box.prompt = vscode.l10n.t('The key is stored in VS Code secret storage and never shown again.');
    box.password = true;
    box.ignoreFocusOut = true;
    let result: string | undefined;
    box.onDidChangeValue((v) => {
      box.validationMessage = v.length > 0 && !v.trim() ? vscode.l10n.t('Enter a key, or press Escape to cancel.') : undefined;
    });
    box.onDidAccept(() => {
      const key = box.value.trim();
      if (!key) {
        box.validationMessage = vscode.l10n.t('Enter a key, or press Escape to cancel.');
        return;
      }
      result = key;
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
