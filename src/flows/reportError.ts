import * as vscode from 'vscode';
import { ProviderError } from '../providers';
import type { FlowLog } from './deps';

/** The words of any failure: provider errors carry their own plain words. */
export function errorMessage(err: unknown): string {
  return err instanceof ProviderError || err instanceof Error ? err.message : String(err);
}

/** Shows an error for anything a command could not do, and logs it. */
export function reportError(deps: { log: FlowLog }, what: string, err: unknown): void {
  const message = errorMessage(err);
  deps.log.error(`${what}: ${message}`);
  void vscode.window.showErrorMessage(`${what}: ${message}`);
}
