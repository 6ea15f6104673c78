import * as vscode from 'vscode';

/**
 * Runs provider work behind a cancellable progress notification; Cancel aborts its request.
 * Resolves undefined when the user cancelled.
 */
export async function withCancellableProgress<T>(title: string, work: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
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
