import * as vscode from 'vscode';
import type { FlowLog } from './deps';
import { errorMessage } from './errorMessage';

export { errorMessage } from './errorMessage';

/** Shows an error for anything a command could not do, and logs it. */
export function reportError(deps: { log: FlowLog }, what: string, err: unknown): void {
  const message = errorMessage(err);
  deps.log.error(`${what}: ${message}`);
  void vscode.window.showErrorMessage(`${what}: ${message}`);
}
