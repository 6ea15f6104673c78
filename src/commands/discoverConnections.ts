import * as vscode from 'vscode';
import { CommandId } from '../ids';
import { previewAndCreate, type ImportOutcome, type OfferedConnection } from '../flows/importPreview';
import { withCancellableProgress } from '../flows/progress';
import { loadImporters } from '../onboarding/importersBundle';
import { loopbackFetch } from '../onboarding/loopbackFetch';
import type { Services } from '../services';

/**
 * Environment variables and local servers, looked for at once (the whole search takes about a second), then
 * offered in the import preview. The probes go only to 127.0.0.1; a find names its key variable, never its value.
 */
export const discoverConnections = (s: Services) => async (): Promise<ImportOutcome | undefined> => {
  const importers = loadImporters();
  const started = Date.now();
  const offers = await withCancellableProgress(vscode.l10n.t('Looking for AI connections (environment variables, local servers)…'), async (signal) => {
    const extraPort = importers.ollamaHostPort(process.env.OLLAMA_HOST);
    const [fromEnv, servers] = await Promise.all([
      Promise.resolve(importers.discoverEnv(process.env)),
      importers.discoverLocalServers({
        fetch: loopbackFetch,
        ports: extraPort ? [...importers.DEFAULT_PORTS, extraPort] : importers.DEFAULT_PORTS,
        signal,
      }),
    ]);
    const found: OfferedConnection[] = fromEnv.map((connection) => ({ connection }));
    for (const server of servers) {
      found.push({
        connection: importers.localServerConnection(server),
        models: server.models,
        ...(server.needsKey ? { note: vscode.l10n.t('needs its API key (set it after import)') } : {}),
      });
    }
    return found;
  });
  if (!offers) return undefined;
  s.log.info(`discovery took ${Date.now() - started} ms and found ${offers.length} connection(s): ${offers.map((o) => `${o.connection.name} (${o.connection.source})`).join(', ') || 'none'}`);
  if (offers.length === 0) {
    const create = vscode.l10n.t('New Connection');
    const importFile = vscode.l10n.t('Import from File…');
    const answer = await vscode.window.showInformationMessage(
      vscode.l10n.t('No connections found: no provider key variable (OPENAI_API_KEY, ANTHROPIC_API_KEY, GOOGLE_API_KEY, …) is set where VS Code runs, and no local model server answered on 127.0.0.1.'),
      create,
      importFile,
    );
    if (answer === create) await vscode.commands.executeCommand(CommandId.newConnection);
    if (answer === importFile) await vscode.commands.executeCommand(CommandId.importConnections);
    return { created: [], skipped: [], leftOut: 0 };
  }
  return previewAndCreate(s, offers, { title: vscode.l10n.t('Discovered connections'), skipExisting: true });
};
