import * as vscode from 'vscode';
import { ContextKey } from '../ids';
import { supportsChat } from '../providers';
import type { Services } from '../services';
import { reportError } from '../flows/reportError';
import { describe } from './support';

/** How often streamed text is flushed into the document: one edit per chunk would flood the editor. */
const FLUSH_MS = 50;
/** Generations in flight, by id, oldest first: each has its own status-bar item that cancels it alone. */
const running = new Map<number, AbortController>();
let nextId = 1;

/**
 * Cancels one *Send Prompt…* generation: the one whose status-bar item was clicked, or from the palette the
 * newest. Starting another prompt never cancels one in flight.
 */
export const cancelPrompt = () => (id?: unknown) => {
  const chosen = typeof id === 'number' ? running.get(id) : [...running.values()].at(-1);
  chosen?.abort();
};

const setGenerating = () => void vscode.commands.executeCommand('setContext', ContextKey.generating, running.size > 0);

/** Pick a connection (the default first), type a prompt, and watch the reply stream into a new Markdown editor. */
export const sendPrompt = (services: Services) => async () => {
  // A connection whose provider cannot generate is not offered (there would be nothing to send the prompt to).
  const all = services.connections.list().filter((c) => supportsChat(c.provider));
  if (all.length === 0) return vscode.commands.executeCommand('aiConnections.newConnection');
  const defaultId = services.connections.defaultId();
  const ordered = [...all].sort((a, b) => Number(b.id === defaultId) - Number(a.id === defaultId));
  const picked = await vscode.window.showQuickPick(
    ordered.map((c) => ({ label: c.name, description: [c.id === defaultId ? vscode.l10n.t('default') : '', describe(c)].filter(Boolean).join(' · '), connection: c })),
    { title: vscode.l10n.t('Send Prompt: Connection'), placeHolder: vscode.l10n.t('Connection to generate with'), matchOnDescription: true },
  );
  if (!picked) return;
  const prompt = await vscode.window.showInputBox({
    title: vscode.l10n.t('Send Prompt to {0}', picked.connection.name),
    prompt: vscode.l10n.t('The reply opens in a new editor.'),
    ignoreFocusOut: true,
  });
  if (!prompt?.trim()) return;

  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  const id = nextId++;
  const abort = new AbortController();
  running.set(id, abort);
  // Closing the reply's editor stops the request: nobody is reading it, and the provider bills what it writes.
  let closed = false;
  const onClose = vscode.workspace.onDidCloseTextDocument((closedDoc) => {
    if (closedDoc !== doc) return;
    closed = true;
    abort.abort();
  });
  const status = vscode.window.createStatusBarItem('aiConnections.generating', vscode.StatusBarAlignment.Left, 1000);
  status.name = vscode.l10n.t('AI Connections: Generating');
  status.text = `$(sync~spin) ${vscode.l10n.t('Generating with {0} — Cancel', picked.connection.name)}`;
  status.tooltip = vscode.l10n.t('Click to cancel');
  status.command = { command: 'aiConnections.cancelPrompt', title: vscode.l10n.t('Cancel Prompt'), arguments: [id] };
  status.show();
  setGenerating();

  let pending = '';
  let flushing = Promise.resolve();
  const flush = () => {
    const text = pending;
    pending = '';
    if (!text || closed) return flushing;
    flushing = flushing.then(async () => {
      const end = doc.lineAt(doc.lineCount - 1).range.end;
      const edit = new vscode.WorkspaceEdit();
      edit.insert(doc.uri, end, text);
      await vscode.workspace.applyEdit(edit);
    });
    return flushing;
  };
  const timer = setInterval(flush, FLUSH_MS);
  try {
    for await (const chunk of services.chatText({ connection: picked.connection, messages: [{ role: 'user', content: prompt }], options: { signal: abort.signal } })) {
      pending += chunk;
    }
    await flush();
    services.log.info(`send prompt: reply from ${picked.connection.id} complete (${doc.getText().length} characters)`);
  } catch (err) {
    await flush();
    if (abort.signal.aborted) {
      if (!closed) void vscode.window.showInformationMessage(vscode.l10n.t('Generation cancelled.'));
    } else {
      reportError(services, vscode.l10n.t('Generation with {0} failed', picked.connection.name), err);
    }
  } finally {
    clearInterval(timer);
    status.dispose();
    onClose.dispose();
    running.delete(id);
    setGenerating();
  }
  return editor;
};
