import * as vscode from 'vscode';
import { isPlainHttpToRemoteHost, resolveBaseUrl, type ProviderTarget } from '../providers';
import type { PlainHttpConsents } from '../connections/plainHttpConsents';

/** A stored connection's remembered answers; a form's unsaved draft has none and is asked every time. */
export interface ConsentMemory {
  consents: PlainHttpConsents;
  connectionId: string;
}

/**
 * Asks before a key leaves the machine unencrypted (plain http to a host that is not this machine). A yes is
 * remembered for the connection and that origin; no answer (the dialog dismissed) is a no: nothing is sent.
 */
export async function confirmPlainHttp(target: ProviderTarget, memory?: ConsentMemory): Promise<boolean> {
  if (!target.apiKey) return true;
  let url: string;
  try {
    url = resolveBaseUrl(target);
  } catch {
    return true; // an invalid URL fails with its own message in the request
  }
  if (!isPlainHttpToRemoteHost(url)) return true;
  const origin = new URL(url).origin;
  if (memory?.consents.allows(memory.connectionId, origin)) return true;
  const send = vscode.l10n.t('Send Anyway');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('The API URL uses plain http to a remote host: the API key would travel unencrypted.'),
    { modal: true, detail: memory ? vscode.l10n.t('{0}\n\nYour answer is remembered for this connection and this address.', url) : url },
    send,
  );
  if (answer !== send) return false;
  if (memory) await memory.consents.allow(memory.connectionId, origin);
  return true;
}
