// Keys are sacred: a provider that echoes the key back must not get it into a notification, the log,
// globalState or the public API — checked through the real commands, storage and output channel.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { StorageKey } from '../../src/ids';
import { startProviderServer, type StartedProviderServer } from '../servers';
import { extension, publicApi, resetState, withPatched } from './support';

const GOOD_KEY = 'sk-keys-test-good-not-real-4411';
const WRONG_KEY = 'sk-keys-test-wrong-not-real-9922';

describe('keys never leak', () => {
  let server: StartedProviderServer;
  before(async () => {
    server = await startProviderServer({ dialect: 'openai', apiKey: GOOD_KEY, echoKeyInErrors: true, models: [{ id: 'gpt-4o' }] });
  });
  after(async () => server?.close());
  beforeEach(resetState);

  it('keeps a key the provider echoes out of notifications, the log, globalState and the API', async () => {
    const t = await extension();
    const { store, vault, log } = t.services;
    const seen: string[] = [];
    // Everything written to the AI Connections output channel during the test.
    const methods = ['trace', 'debug', 'info', 'warn', 'error', 'appendLine', 'append'] as const;
    const originals = methods.map((m) => [m, log[m]] as const);
    for (const m of methods) (log as unknown as Record<string, unknown>)[m] = (...args: unknown[]) => seen.push(args.map(String).join(' '));
    try {
      const c = await store.create({ name: 'Echoing', provider: 'openai', apiUrl: server.baseUrl, model: 'gpt-4o' });
      await vault.set(c.id, WRONG_KEY);
      const shown: string[] = [];
      const capture = (async (message: string) => {
        shown.push(message);
        return undefined;
      }) as never;
      await withPatched('showErrorMessage', capture, () => withPatched('showInformationMessage', capture, async () => {
        await vscode.commands.executeCommand('aiConnections.testConnection', c.id);
        await vscode.commands.executeCommand('aiConnections.listModels', c.id);
      }));
      assert.ok(server.requests.some((r) => r.headers.authorization === `Bearer ${WRONG_KEY}`), 'the key was sent to its own server');
      assert.ok(shown.some((m) => /rejected/i.test(m)), `the failure was reported: ${shown.join(' | ')}`);
      assert.ok(shown.some((m) => m.includes('[redacted]')), 'the echoed key was redacted in what the user saw');
      const everything = [...shown, ...seen, JSON.stringify(t.context.globalState.get(StorageKey.connections)), JSON.stringify(t.context.globalState.get(StorageKey.testResults))];
      assert.ok(seen.length > 0, 'the log was written');
      for (const text of everything) assert.ok(!text.includes(WRONG_KEY), `the key leaked into: ${text.slice(0, 120)}`);
      const api = await publicApi();
      const listed = JSON.stringify(await api.listConnections());
      assert.ok(!listed.includes(WRONG_KEY));
      assert.match(listed, /"hasApiKey":true/);
    } finally {
      for (const [m, fn] of originals) (log as unknown as Record<string, unknown>)[m] = fn;
    }
  });

  it('asks before sending a key over plain http to a remote host, and sends nothing when declined', async () => {
    const t = await extension();
    const { store, vault, results } = t.services;
    // A .invalid host: even a wrong outcome sends no traffic anywhere (DNS cannot resolve it).
    const c = await store.create({ name: 'Plain http', provider: 'openai', apiUrl: 'http://api.example.invalid/v1' });
    await vault.set(c.id, GOOD_KEY);
    const asked: string[] = [];
    await withPatched(
      'showWarningMessage',
      (async (message: string, options: vscode.MessageOptions) => {
        asked.push(`${message} modal=${String(options?.modal)}`);
        return undefined; // the user declines
      }) as never,
      async () => vscode.commands.executeCommand('aiConnections.testConnection', c.id),
    );
    assert.equal(asked.length, 1);
    assert.match(asked[0], /plain http.*unencrypted.*modal=true/);
    assert.equal(results.get(c.id), undefined, 'declined: no test ran');

    // A loopback server over plain http is not asked about.
    const local = await store.create({ name: 'Loopback', provider: 'openai', apiUrl: server.baseUrl });
    await vault.set(local.id, GOOD_KEY);
    await withPatched('showWarningMessage', (async () => assert.fail('asked about a loopback host')) as never, async () =>
      withPatched('showInformationMessage', (async () => undefined) as never, async () =>
        vscode.commands.executeCommand('aiConnections.testConnection', local.id),
      ),
    );
    assert.equal(results.get(local.id)?.ok, true);
  });
});
