import * as vscode from 'vscode';
import { isPlainHttpToRemoteHost, resolveBaseUrl, type ProviderTarget } from '../providers';

/** Asks before a key leaves the machine unencrypted. Returns false when the user declines. */
export async function confirmPlainHttp(target: ProviderTarget): Promise<boolean> {
  if (!target.apiKey) return true;
  let url: string;
  try {
    url = resolveBaseUrl(target);
  } catch {
    return true; // an invalid URL fails with its own message in the request
  }
  if (!isPlainHttpToRemoteHost(url)) return true;
  const send = vscode.l10n.t('Send Anyway');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('The API URL uses plain http to a remote host: the API key would travel unencrypted.'),
    { modal: true, detail: url },
    send,
  );
  return answer === send;
}
