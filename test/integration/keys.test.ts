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
      const everything = [...shown, ...seen, JSON.stringify(t.context.globalState.keys().map((k) => t.context.globalState.get(k))), JSON.stringify(t.context.globalState.get(StorageKey.testResults))];
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

  it('asks on every request path (chat, the API) before a key goes over plain http to a remote host; no answer sends nothing; a yes is remembered per connection and origin', async () => {
    const { store, vault } = (await extension()).services;
    // A .invalid host: DNS cannot resolve it, so even a "send" reaches no one.
    const c = await store.create({ name: 'Plain chat', provider: 'openai', model: 'gpt-4o', apiUrl: 'http://api.example.invalid/v1' });
    await vault.set(c.id, GOOD_KEY);
    const model = (await vscode.lm.selectChatModels({ vendor: 'ai-connections' })).find((m) => m.id === c.id);
    assert.ok(model, 'offered as a chat model');
    const ask = async (answer: string | undefined, run: () => Promise<unknown>) => {
      const asked: string[] = [];
      const outcome = await withPatched(
        'showWarningMessage',
        (async (message: string, options: vscode.MessageOptions) => {
          asked.push(`${message} modal=${String(options?.modal)}`);
          return answer;
        }) as never,
        async () => run().then(() => undefined, (err: unknown) => err),
      );
      return { asked, outcome };
    };
    const chat = async () => {
      const response = await model.sendRequest([vscode.LanguageModelChatMessage.User('Hi')]);
      for await (const part of response.stream) void part;
    };

    const dismissed = await ask(undefined, chat);
    assert.equal(dismissed.asked.length, 1);
    assert.match(dismissed.asked[0] ?? '', /plain http.*modal=true/);
    assert.ok(dismissed.outcome instanceof Error && /Plain chat: nothing was sent/.test(dismissed.outcome.message), `refused in words, got ${String(dismissed.outcome)}`);

    const api = await publicApi();
    const viaApi = await ask(undefined, async () => {
      for await (const text of api.chat([{ role: 'user', content: 'Hi' }], { connection: 'Plain chat' })) void text;
    });
    assert.equal(viaApi.asked.length, 1, 'the API asks too');
    assert.ok(viaApi.outcome instanceof Error && /nothing was sent/.test(viaApi.outcome.message));

    const yes = await ask('Send Anyway', chat);
    assert.equal(yes.asked.length, 1);
    assert.ok(yes.outcome instanceof Error && !/nothing was sent/.test(yes.outcome.message), 'sent (and failed to resolve the .invalid host)');
    const again = await ask(undefined, chat);
    assert.deepEqual(again.asked, [], 'the yes is remembered for this connection and origin');

    await store.update(c.id, { apiUrl: 'http://other.example.invalid/v1' });
    const moved = await ask(undefined, chat);
    assert.equal(moved.asked.length, 1, 'another origin is asked about again');
  });
});
