import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, basename } from 'node:path';
import * as vscode from 'vscode';
import { previewAndCreate, type ImportOutcome } from '../flows/importPreview';
import { loadImporters } from '../onboarding/importersBundle';
import type { Services } from '../services';

/** A file the format refers to (Continue's .env, SillyTavern's secrets.json): absolute paths only, undefined when absent. */
function readReferenced(path: string): string | undefined {
  if (!isAbsolute(path)) return undefined;
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** *Import Connections from File…*: a Uri argument (drag and drop, tests) or the open dialog, then the preview. */
export const importConnections = (s: Services) => async (arg?: unknown): Promise<ImportOutcome | undefined> => {
  let uri = arg instanceof vscode.Uri ? arg : undefined;
  if (!uri) {
    const picked = await vscode.window.showOpenDialog({
      title: vscode.l10n.t('Import Connections from File'),
      openLabel: vscode.l10n.t('Import'),
      canSelectMany: false,
      filters: { [vscode.l10n.t('Connection files')]: ['json', 'jsonc', 'yaml', 'yml', 'toml'], [vscode.l10n.t('All files')]: ['*'] },
    });
    uri = picked?.[0];
  }
  if (!uri) return undefined;
  const importers = loadImporters();
  const fileName = uri.fsPath;
  let plan;
  try {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    plan = importers.planImport(fileName, text, {
      env: process.env,
      homeDir: homedir(),
      ...(vscode.workspace.workspaceFolders?.[0] ? { workspaceDir: vscode.workspace.workspaceFolders[0].uri.fsPath } : {}),
      readFile: readReferenced,
    });
  } catch (err) {
    if (err instanceof importers.ImportError) {
      const where = [err.file, err.line, err.line !== undefined ? err.column : undefined].filter((p) => p !== undefined).join(':');
      s.log.warn(`import of ${where} failed: ${err.message}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Cannot import {0}: {1}', where, err.message));
      return undefined;
    }
    if (err instanceof vscode.FileSystemError || (err instanceof Error && 'code' in err)) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Cannot read {0}: {1}', fileName, err.message));
      return undefined;
    }
    throw err;
  }
  s.log.info(`import of ${fileName} (${plan.format}): ${plan.connections.length} connection(s), ${plan.skipped.length} skipped`);
  if (plan.connections.length === 0 && plan.skipped.length === 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('{0} holds no connections to import.', basename(fileName)));
    return { created: [], skipped: [], leftOut: 0 };
  }
  return previewAndCreate(
    s,
    plan.connections.map((connection) => ({ connection })),
    { title: vscode.l10n.t('Import from {0}', basename(fileName)), skipped: plan.skipped },
  );
};
