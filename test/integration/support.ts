// Reaching the running extension from tests: its wired services and its real globalState / SecretStorage.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ActivationResult, TestingSurface } from '../../src/extension';
import type { ChatStreamRecord, StartedProviderServer } from '../servers';
import { HEADER_SECRET_PREFIX, SECRET_KEY_PREFIX, StorageKey } from '../../src/ids';

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
  for (const key of await context.secrets.keys()) {
    if (key.startsWith(SECRET_KEY_PREFIX) || key.startsWith(HEADER_SECRET_PREFIX)) await context.secrets.delete(key);
  }
  await services.store.settled();
  // Through the store: it remembers what it wrote lately and would take a bare removal for a lost write.
  for (const c of services.store.list()) await services.store.delete(c.id);
  for (const key of context.globalState.keys()) {
    if (key.startsWith(StorageKey.connectionPrefix) || key.startsWith(StorageKey.connections) || key === StorageKey.defaultConnection || key.startsWith(StorageKey.deletedPrefix)) {
      await context.globalState.update(key, undefined);
    }
  }
  await context.globalState.update(StorageKey.testResults, undefined);
  services.store.refresh();
  await services.store.settled();
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

/** Everything the store keeps in globalState (every connection key, the default, a version 1 document and its backups). */
export function rawDocument(t: TestingSurface): Record<string, unknown> {
  const g = t.context.globalState;
  const ours = (k: string) => k.startsWith(StorageKey.connectionPrefix) || k.startsWith(StorageKey.connections) || k === StorageKey.defaultConnection;
  return Object.fromEntries(g.keys().filter(ours).sort().map((k) => [k, g.get(k)]));
}

export const SETTINGS = ['presets', 'sidecar.connection', 'sidecar.model', 'sidecar.temperature', 'sidecar.topP', 'sidecar.maxTokens'];

export const config = () => vscode.workspace.getConfiguration('aiConnections');

export const setSetting = (key: string, value: unknown) => config().update(key, value, vscode.ConfigurationTarget.Global);

export async function resetSettings() {
  for (const key of SETTINGS) if (config().inspect(key)?.globalValue !== undefined) await setSetting(key, undefined);
}

/** The public API, as activate() returned it. */
export async function publicApi(): Promise<ActivationResult> {
  const ext = vscode.extensions.getExtension<ActivationResult>(EXTENSION_ID);
  if (!ext) throw new Error('extension not installed');
  return ext.activate();
}

/** Resolves when `promise` does; fails the test with `what` if it has not after `ms`. */
export async function within<T>(promise: Promise<T>, what: string, ms = 10_000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new assert.AssertionError({ message: `${what} (waited ${ms} ms)` })), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `check` until it returns true; fails with `what` if it never does. */
export async function eventually(check: () => boolean, what: string, ms = 10_000) {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) assert.fail(`${what} (waited ${ms} ms)`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Waits until `event` has been quiet for a moment: changes made by the previous test's reset arrive
 * asynchronously (secret deletions, the workbench re-reading the models), and must not be mistaken for
 * the change a test is waiting for.
 */
export async function settle(event: vscode.Event<unknown>, quietMs = 400, maxMs = 5_000) {
  let last = Date.now();
  const sub = event(() => (last = Date.now()));
  const start = Date.now();
  try {
    while (Date.now() - last < quietMs && Date.now() - start < maxMs) await new Promise((r) => setTimeout(r, 50));
  } finally {
    sub.dispose();
  }
}

/** All the text of a stream: the public API's iterable, or a chat model response's `text`. */
export async function collect(source: AsyncIterable<string> | vscode.LanguageModelChatResponse): Promise<string> {
  let text = '';
  for await (const chunk of Symbol.asyncIterator in source ? source : source.text) text += chunk;
  return text;
}

/** The next chat stream the server serves, wherever its count stands now. */
export function nextStream(server: StartedProviderServer): Promise<ChatStreamRecord> {
  return server.chatStream(server.chatStreams.length);
}

/** Runs `body` while recording what the extension's log warns; the warnings still reach the log. */
export async function withWarnings<R>(t: TestingSurface, body: () => Promise<R>): Promise<{ result: R; warnings: string[] }> {
  const warnings: string[] = [];
  const log = t.services.log;
  const originalWarn = log.warn;
  log.warn = (message: string, ...args: unknown[]) => {
    warnings.push(String(message));
    originalWarn.call(log, message, ...args);
  };
  try {
    return { result: await body(), warnings };
  } finally {
    log.warn = originalWarn;
  }
}
