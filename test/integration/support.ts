// Reaching the running extension from tests: its wired services and its real globalState / SecretStorage.
import * as vscode from 'vscode';
import type { TestingSurface } from '../../src/extension';
import { SECRET_KEY_PREFIX, StorageKey } from '../../src/ids';

export const EXTENSION_ID = 'ai-connections.ai-connections';

export async function extension(): Promise<TestingSurface> {
  const ext = vscode.extensions.getExtension<{ testing?: TestingSurface }>(EXTENSION_ID);
  if (!ext) throw new Error('extension not installed');
  const api = await ext.activate();
  if (!api.testing) throw new Error('the extension did not expose its testing surface (not in test mode?)');
  return api.testing;
}

/** Empties the stored connections and every API key, through the real storage. */
export async function resetState(): Promise<TestingSurface> {
  const t = await extension();
  const { context, services } = t;
  for (const key of await context.secrets.keys()) if (key.startsWith(SECRET_KEY_PREFIX)) await context.secrets.delete(key);
  await context.globalState.update(StorageKey.connections, undefined);
  await context.globalState.update(StorageKey.testResults, undefined);
  services.store.refresh();
  await services.vault.ready();
  return t;
}

/**
 * Answers the extension's next modal/quick prompts. The extension and this suite share one `vscode`
 * API object (same extension folder), so replacing a window function here replaces it for both.
 */
export async function withPatched<K extends keyof typeof vscode.window, R>(
  name: K,
  replacement: (typeof vscode.window)[K],
  body: () => Promise<R>,
): Promise<R> {
  const original = vscode.window[name];
  (vscode.window as Record<K, unknown>)[name] = replacement;
  try {
    return await body();
  } finally {
    (vscode.window as Record<K, unknown>)[name] = original;
  }
}

export function rawDocument(t: TestingSurface): unknown {
  return t.context.globalState.get(StorageKey.connections);
}
