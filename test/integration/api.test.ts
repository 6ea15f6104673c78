// The public API returned from activate(), used directly and by a second extension
// (test/fixtures/api-consumer, installed by scripts/integration.mjs before the server starts).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConnectionInfo } from '../../src/api';
import { startProviderServer, type StartedProviderServer } from '../servers';
import { collect, extension, nextStream, publicApi, resetSettings, resetState, setSetting, settle, within } from './support';

const CONSUMER_ID = 'ai-connections-tests.api-consumer';
const KEY = 'fake-key-integration-api-0002';
const SIDE_DELTAS = ['Sidecar', ' reply', ' streamed', ' to another', ' extension.'];

describe('public API', () => {
  let server: StartedProviderServer;

  before(async () => {
    server = await startProviderServer({ dialect: 'openai', apiKey: KEY, models: [{ id: 'gpt-4o' }, { id: 'gpt-4o-mini' }] });
  });
  after(async () => server?.close());
  beforeEach(async () => {
    await resetState();
    server.setChat({ deltas: SIDE_DELTAS });
  });
  afterEach(resetSettings);

  async function keyedConnection(name: string, model: string, options: { makeDefault?: boolean; presetName?: string } = {}) {
    const { store, vault } = (await extension()).services;
    const c = await store.create(
      { name, provider: 'openai', model, apiUrl: server.baseUrl, ...(options.presetName ? { presetName: options.presetName } : {}) },
      { makeDefault: options.makeDefault ?? false },
    );
    await vault.set(c.id, KEY);
    return c;
  }

  it('a second extension lists the connections without keys and streams a reply through the sidecar', async function () {
    const fixtures = (process.env.AIC_FIXTURE_EXTENSIONS ?? '').split(',');
    // Only scripts/integration.mjs installs the fixture; VS Code Desktop runs (test-electron) do not.
    if (!fixtures.includes('api-consumer')) this.skip();
    assert.ok(vscode.extensions.getExtension(CONSUMER_ID), `${CONSUMER_ID} is not installed in this profile`);

    const { store } = (await extension()).services;
    const main = await keyedConnection('Main', 'gpt-4o', { makeDefault: true });
    const side = await keyedConnection('Side', 'gpt-4o-mini');
    const local = await store.create({ name: 'Local', provider: 'ollama', model: 'llama3:latest', apiUrl: 'http://127.0.0.1:9' });
    await setSetting('sidecar.connection', 'Side');

    const stream = nextStream(server);
    const result = await vscode.commands.executeCommand<{
      version: number;
      connections: ConnectionInfo[];
      sidecar: { connection: ConnectionInfo; isFallback: boolean };
      text: string;
    }>('aiConnectionsConsumer.run', 'Summarise this file');

    assert.equal(result.version, 1);
    const byName = new Map(result.connections.map((c) => [c.name, c]));
    assert.deepEqual([...byName.keys()].sort(), ['Local', 'Main', 'Side']);
    assert.deepEqual(
      { id: byName.get('Main')?.id, hasApiKey: byName.get('Main')?.hasApiKey, isDefault: byName.get('Main')?.isDefault },
      { id: main.id, hasApiKey: true, isDefault: true },
    );
    assert.deepEqual(
      { id: byName.get('Side')?.id, hasApiKey: byName.get('Side')?.hasApiKey, model: byName.get('Side')?.model, provider: byName.get('Side')?.provider },
      { id: side.id, hasApiKey: true, model: 'gpt-4o-mini', provider: 'openai' },
    );
    assert.deepEqual({ id: byName.get('Local')?.id, hasApiKey: byName.get('Local')?.hasApiKey }, { id: local.id, hasApiKey: false });
    for (const c of result.connections) {
      assert.deepEqual(
        Object.keys(c).filter((k) => /key|secret|token|auth|header/i.test(k)),
        ['hasApiKey'],
        `connection ${c.name} carries more than hasApiKey`,
      );
    }
    assert.equal(JSON.stringify(result).includes(KEY), false, 'the key reached the other extension');
    assert.equal(result.sidecar.connection.id, side.id);
    assert.equal(result.sidecar.isFallback, false);

    assert.equal(result.text, SIDE_DELTAS.join(''));
    const { json, request } = await stream;
    // The key was used, inside this extension, to reach the sidecar's server with the sidecar's settings.
    assert.equal(request.headers.authorization, `Bearer ${KEY}`);
    assert.equal(json.model, 'gpt-4o-mini');
    assert.deepEqual(json.messages, [{ role: 'user', content: 'Summarise this file' }]);
    assert.deepEqual([json.temperature, json.top_p, json.max_completion_tokens], [0.7, 0.9, 1024]);
  });

  it('chat() streams through a named connection with its preset applied', async () => {
    await setSetting('presets', [{ name: 'Terse', maxTokens: 64, systemPrompt: 'Be terse.' }]);
    await keyedConnection('Main', 'gpt-4o', { makeDefault: true });
    await keyedConnection('Writer', 'gpt-4o-mini', { presetName: 'terse' });
    const api = await publicApi();

    let stream = nextStream(server);
    assert.equal(await collect(api.chat([{ role: 'user', content: 'Hi' }], { connection: 'writer', temperature: 0.4 })), SIDE_DELTAS.join(''));
    let { json } = await stream;
    assert.equal(json.model, 'gpt-4o-mini');
    assert.deepEqual(json.messages, [
      { role: 'system', content: 'Be terse.' },
      { role: 'user', content: 'Hi' },
    ]);
    assert.deepEqual([json.temperature, json.max_completion_tokens], [0.4, 64]);

    // No connection named: the default.
    stream = nextStream(server);
    assert.equal(await collect(api.chat([{ role: 'user', content: 'Hello' }])), SIDE_DELTAS.join(''));
    ({ json } = await stream);
    assert.equal(json.model, 'gpt-4o');
  });

  it('chat() rejects with a clear message for an unknown connection, and without a default', async () => {
    const api = await publicApi();
    await assert.rejects(collect(api.chat([{ role: 'user', content: 'Hi' }])), /No default AI connection/);
    await keyedConnection('Main', 'gpt-4o', { makeDefault: true });
    const before = server.requests.length;
    await assert.rejects(collect(api.chat([{ role: 'user', content: 'Hi' }], { connection: 'Nobody' })), /No AI connection named "Nobody"/);
    await assert.rejects(collect(api.chat([{ role: 'user', content: 'Hi' }], { connection: 'Main', sidecar: true })), /either a connection or sidecar/);
    assert.equal(server.requests.length, before, 'nothing was sent for an unknown connection');
  });

  it('chat() closes the request when the caller aborts', async () => {
    server.setChat({ deltas: Array.from({ length: 40 }, (_, i) => ` part${i}`), intervalMs: 200 });
    await keyedConnection('Main', 'gpt-4o', { makeDefault: true });
    const api = await publicApi();
    const abort = new AbortController();
    const stream = nextStream(server);
    let text = '';
    try {
      for await (const chunk of api.chat([{ role: 'user', content: 'Count' }], { signal: abort.signal })) {
        text += chunk;
        abort.abort();
      }
    } catch (err) {
      // Ending quietly or rejecting as aborted are both fine; any other error is not.
      assert.match(String((err as Error)?.name ?? err) + String((err as Error)?.message), /abort|cancel/i);
    }
    const record = await stream;
    await within(record.clientClosed, 'the server did not see the request closed after the abort');
    assert.ok(text.length > 0);
  });

  it('onDidChangeConnections fires when a connection is created', async () => {
    const api = await publicApi();
    await settle(api.onDidChangeConnections);
    const { store } = (await extension()).services;
    const fired = new Promise<void>((resolve) => {
      const once = api.onDidChangeConnections(() => {
        once.dispose();
        resolve();
      });
    });
    await store.create({ name: 'New one', provider: 'anthropic' });
    await within(fired, 'onDidChangeConnections did not fire after a connection was created');
    assert.ok((await api.listConnections()).some((c) => c.name === 'New one' && !c.hasApiKey));
  });
});
