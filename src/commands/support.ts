// Building blocks shared by the commands and the connection form: picking a connection, asking for a
// key, testing and listing models with progress, and telling the user what happened.
import * as vscode from 'vscode';
import { isPlainHttpToRemoteHost, listModels, resolveBaseUrl, testConnection, ProviderError, type ModelInfo, type ProviderTarget, type TestResult } from '../providers';
import type { Connection } from '../shared/connection';
import { byModelId } from '../shared/modelOrder';
import { listFingerprint, targetFromConnection } from '../connections/target';
import type { Services } from '../services';
import type { TreeNode } from '../views/connectionTree';

/** What a command receives: a tree node (context menu / inline action), an id, or nothing (palette). */
export type ConnectionArg = TreeNode | { id: string } | string | undefined;

export function connectionFromArg(s: Services, arg: ConnectionArg): Connection | undefined {
  if (typeof arg === 'string') return s.store.get(arg) ?? s.store.findByName(arg);
  if (arg && 'kind' in arg) return arg.kind === 'connection' ? s.store.get(arg.connection.id) : undefined;
  if (arg && 'id' in arg) return s.store.get(arg.id);
  return undefined;
}

/** The connection a command acts on: the one it was invoked on, or one the user picks. */
export async function resolveConnection(s: Services, arg: ConnectionArg, placeHolder: string): Promise<Connection | undefined> {
  const given = connectionFromArg(s, arg);
  if (given) return given;
  const all = s.store.list();
  if (all.length === 0) {
    const create = vscode.l10n.t('New Connection');
    const answer = await vscode.window.showInformationMessage(vscode.l10n.t('There are no AI connections yet.'), create);
    if (answer === create) await vscode.commands.executeCommand('aiConnections.newConnection');
    return undefined;
  }
  const defaultId = s.store.snapshot().defaultId;
  const picked = await vscode.window.showQuickPick(
    all.map((c) => ({ label: c.name, description: describe(c), detail: s.vault.has(c.id) ? undefined : vscode.l10n.t('No API key stored'), connection: c, picked: c.id === defaultId })),
    { placeHolder, matchOnDescription: true },
  );
  return picked?.connection;
}

export function describe(c: Connection): string {
  return [c.provider, c.model].filter(Boolean).join(' · ');
}

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

/**
 * Runs provider work behind a cancellable progress notification; Cancel aborts its request.
 * Resolves undefined when the user cancelled.
 */
async function withCancellableProgress<T>(title: string, work: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (_progress, token) => {
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    try {
      return await work(abort.signal);
    } catch (err) {
      if (abort.signal.aborted) return undefined;
      throw err;
    } finally {
      sub.dispose();
    }
  });
}

/** Runs testConnection behind a cancellable progress notification. Undefined when cancelled. */
export async function testWithProgress(s: Services, target: ProviderTarget, title: string): Promise<TestResult | undefined> {
  if (!(await confirmPlainHttp(target))) return undefined;
  return withCancellableProgress(title, async (signal) => {
    const result = await testConnection(target, { signal });
    s.log.info(`test ${target.provider}: ${result.category} ${result.status ?? ''} in ${result.latencyMs} ms`);
    return result;
  });
}

/** A one-line, user-facing summary of a test result. */
export function summarizeTest(r: TestResult): string {
  if (r.ok) {
    const models = r.modelCount !== undefined ? vscode.l10n.t(', {0} models available', r.modelCount) : '';
    return vscode.l10n.t('Connection works ({0} ms{1}).', r.latencyMs, models);
  }
  let text = r.message;
  if (r.suggestions?.length) text += ` ${vscode.l10n.t('Closest: {0}.', r.suggestions.slice(0, 5).join(', '))}`;
  return text;
}

/**
 * The model list of a target, from the cache when fresh (5 minutes; *Refresh* empties it). Rejects with a
 * ProviderError (never a silent empty list); undefined when the user cancels.
 */
export async function modelsWithProgress(s: Services, target: ProviderTarget, cacheId: string | undefined): Promise<ModelInfo[] | undefined> {
  const fingerprint = listFingerprint(target);
  const cached = cacheId ? s.models.get(cacheId, fingerprint) : undefined;
  if (cached) return cached;
  if (!(await confirmPlainHttp(target))) return undefined;
  return withCancellableProgress(vscode.l10n.t('Fetching models…'), async (signal) => {
    const models = await listModels(target, { signal });
    s.log.info(`listModels ${target.provider}: ${models.length} models`);
    if (cacheId) s.models.set(cacheId, fingerprint, models);
    return models;
  });
}

/** A searchable pick of models (id, display name, context length), sorted by id. */
export async function pickModel(models: readonly ModelInfo[], current: string | undefined, connectionName: string): Promise<string | undefined> {
  const items = byModelId(models).map((m) => ({
    label: m.id,
    description: [m.label && m.label !== m.id ? m.label : undefined, m.id === current ? vscode.l10n.t('current') : undefined].filter(Boolean).join(' · ') || undefined,
    detail: m.contextLength ? vscode.l10n.t('{0} tokens context', m.contextLength.toLocaleString()) : undefined,
    picked: m.id === current,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Models of {0} ({1})', connectionName, models.length),
    placeHolder: vscode.l10n.t('Type to search; pick one to use it for this connection'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.label;
}

/** The target of a stored connection, with its key and the configured timeout. */
export async function connectionTarget(s: Services, c: Connection): Promise<ProviderTarget> {
  return targetFromConnection(c, await s.vault.get(c.id), s.settings.requestTimeoutSeconds());
}

/** Shows an error for anything a command could not do; provider errors carry their own plain words. */
export function reportError(s: Services, what: string, err: unknown): void {
  const message = err instanceof ProviderError || err instanceof Error ? err.message : String(err);
  s.log.error(`${what}: ${message}`);
  void vscode.window.showErrorMessage(`${what}: ${message}`);
}
