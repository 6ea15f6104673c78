// Connections as VS Code chat models (vscode.lm) and the sidecar settings, inside the real extension host,
// against local provider servers started in this process (the extension host is Node 24).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startProviderServer, type StartedProviderServer } from '../servers';
import { collect, config, eventually, extension, nextStream, publicApi, resetSettings, resetState, setSetting, settle, withWarnings, within } from './support';

const VENDOR = 'ai-connections';
const KEY = 'fake-key-integration-chat-0001';
const DELTAS = ['Hello', ' from', ' the', ' local', ' server.'];
const REPLY = DELTAS.join('');
const OLLAMA_DELTAS = ['Local', ' llama', ' says', ' hi.'];

function nextEvent(event: vscode.Event<unknown>): Promise<void> {
  return new Promise((resolve) => {
    const sub = event(() => {
      sub.dispose();
      resolve();
    });
  });
}

async function models() {
  return vscode.lm.selectChatModels({ vendor: VENDOR });
}

async function modelFor(connectionName: string): Promise<vscode.LanguageModelChat> {
  const all = await models();
  const found = all.find((m) => m.name.endsWith(` · ${connectionName}`));
  assert.ok(found, `no chat model for "${connectionName}" among ${JSON.stringify(all.map((m) => m.name))}`);
  return found;
}

describe('chat models (vscode.lm) through connections', () => {
  let openai: StartedProviderServer;
  let ollama: StartedProviderServer;

  before(async () => {
    openai = await startProviderServer({ dialect: 'openai', apiKey: KEY, models: [{ id: 'gpt-4o-mini' }, { id: 'gpt-4o' }] });
    ollama = await startProviderServer({ dialect: 'ollama', models: [{ id: 'llama3.2:3b' }], chat: { deltas: OLLAMA_DELTAS } });
  });
  after(async () => {
    await openai?.close();
    await ollama?.close();
  });
  beforeEach(async () => {
    await resetState();
    openai.setChat({ deltas: DELTAS });
  });
  afterEach(resetSettings);

  /** A connection to the local OpenAI-compatible server, with its key. */
  async function openAiConnection(name: string, fields: { model?: string; presetName?: string; key?: boolean } = {}) {
    const { store, vault } = (await extension()).services;
    const c = await store.create({
      name,
      provider: 'openai',
      apiUrl: openai.baseUrl,
      ...('model' in fields ? (fields.model ? { model: fields.model } : {}) : { model: 'gpt-4o-mini' }),
      ...(fields.presetName ? { presetName: fields.presetName } : {}),
    });
    if (fields.key !== false) await vault.set(c.id, KEY);
    return c;
  }

  it('offers one model per usable connection, named "<model> · <connection>"', async () => {
    const { store, vault } = (await extension()).services;
    const work = await openAiConnection('Work');
    await openAiConnection('No model', { model: '' });
    await openAiConnection('No key', { key: false });
    const local = await store.create({ name: 'Local', provider: 'ollama', model: 'llama3.2:3b', apiUrl: ollama.baseUrl });
    await store.create({ name: 'Local without model', provider: 'ollama', apiUrl: ollama.baseUrl });
    assert.equal(await vault.hasKey(local.id), false);

    // The workbench may answer from the list it had while the provider's change event is still on its way.
    const expected = JSON.stringify(['gpt-4o-mini · Work', 'llama3.2:3b · Local']);
    let offered = await models();
    for (let i = 0; i < 50 && JSON.stringify(offered.map((m) => m.name).sort()) !== expected; i++) {
      await new Promise((r) => setTimeout(r, 100));
      offered = await models();
    }
    assert.deepEqual(offered.map((m) => m.name).sort(), JSON.parse(expected));
    assert.deepEqual(offered.map((m) => m.id).sort(), [work.id, local.id].sort());
    for (const m of offered) assert.equal(m.vendor, VENDOR);
    const ollamaModel = offered.find((m) => m.id === local.id)!;
    assert.equal(ollamaModel.family, 'llama3.2', 'the family is the model name, so VS Code picks the matching prompt');
    assert.equal(ollamaModel.version, 'llama3.2:3b');
  });

  it('streams the local server\'s reply through sendRequest, with the connection\'s preset on the wire', async () => {
    await setSetting('presets', [
      { name: 'Precise', temperature: 0.2, topP: 0.5, maxTokens: 77, systemPrompt: 'You answer in one line.', stop: ['END'] },
      { name: 'Other', temperature: 1.5 },
    ]);
    await openAiConnection('Work', { presetName: 'Precise' });
    const model = await modelFor('Work');
    const stream = nextStream(openai);
    const response = await model.sendRequest([vscode.LanguageModelChatMessage.User('Say hello')], {}, new vscode.CancellationTokenSource().token);
    assert.equal(await collect(response), REPLY);

    const { json, request } = await stream;
    assert.equal(request.headers.authorization, `Bearer ${KEY}`);
    assert.equal(json.model, 'gpt-4o-mini');
    assert.equal(json.stream, true);
    assert.deepEqual(json.messages, [
      { role: 'system', content: 'You answer in one line.' },
      { role: 'user', content: 'Say hello' },
    ]);
    assert.equal(json.temperature, 0.2);
    assert.equal(json.top_p, 0.5);
    // OpenAI itself takes the newer field name.
    assert.equal(json.max_completion_tokens, 77);
    assert.deepEqual(json.stop, ['END']);
  });

  it('streams through a keyless local Ollama connection in its own wire format', async () => {
    const { store } = (await extension()).services;
    await store.create({ name: 'Local', provider: 'ollama', model: 'llama3.2:3b', apiUrl: ollama.baseUrl });
    const stream = nextStream(ollama);
    const response = await (await modelFor('Local')).sendRequest([vscode.LanguageModelChatMessage.User('Hi')]);
    assert.equal(await collect(response), OLLAMA_DELTAS.join(''));
    const { json, request } = await stream;
    assert.equal(request.path, '/api/chat');
    assert.equal(json.model, 'llama3.2:3b');
    assert.deepEqual(json.messages, [{ role: 'user', content: 'Hi' }]);
  });

  it('reports a missing preset in the log and still streams the reply without it', async () => {
    const t = await extension();
    await setSetting('presets', [{ name: 'Precise', temperature: 0.2, systemPrompt: 'Be brief.' }]);
    await openAiConnection('Work', { presetName: 'Vanished' });
    const { warnings } = await withWarnings(t, async () => {
      const stream = nextStream(openai);
      const response = await (await modelFor('Work')).sendRequest([vscode.LanguageModelChatMessage.User('Hi')]);
      assert.equal(await collect(response), REPLY);
      const { json } = await stream;
      assert.deepEqual(json.messages, [{ role: 'user', content: 'Hi' }]);
      assert.equal(json.temperature, undefined);
    });
    assert.ok(
      warnings.some((w) => w.includes('Work') && w.includes('Vanished')),
      `expected a warning naming the connection and the missing preset, got ${JSON.stringify(warnings)}`,
    );
  });

  it('fires vscode.lm.onDidChangeChatModels when a usable connection is added', async () => {
    await settle(vscode.lm.onDidChangeChatModels);
    const changed = nextEvent(vscode.lm.onDidChangeChatModels);
    const { store } = (await extension()).services;
    await store.create({ name: 'Fresh', provider: 'ollama', model: 'llama3.2:3b', apiUrl: ollama.baseUrl });
    await within(changed, 'vscode.lm.onDidChangeChatModels did not fire after a connection was added');
    assert.deepEqual((await models()).map((m) => m.name), ['llama3.2:3b · Fresh']);
  });

  it('closes the request when the token is cancelled mid-stream', async () => {
    const many = Array.from({ length: 40 }, (_, i) => ` part${i}`);
    openai.setChat({ deltas: many, intervalMs: 200 });
    await openAiConnection('Work');
    const model = await modelFor('Work');
    const cts = new vscode.CancellationTokenSource();
    const stream = nextStream(openai);
    const response = await model.sendRequest([vscode.LanguageModelChatMessage.User('Count slowly')], {}, cts.token);
    let text = '';
    let error: unknown;
    try {
      for await (const chunk of response.text) {
        text += chunk;
        if (text.length > 0) cts.cancel();
      }
    } catch (err) {
      // Cancelling ends the text quietly in 1.139; a host that rejects with Canceled is also fine.
      error = err;
    }
    if (error) assert.match(String(error), /cancel/i);
    const record = await stream;
    await within(record.clientClosed, 'the server did not see the request closed after cancellation');
    assert.equal(record.outcome, 'clientClosed');
    assert.ok(record.deltasSent < many.length, `the whole reply was sent (${record.deltasSent} deltas)`);
    assert.ok(text.length > 0 && text.length < many.join('').length);
  });

  it('surfaces a provider error that arrives mid-stream', async () => {
    openai.setChat({ deltas: DELTAS, fault: { kind: 'errorEvent', afterDeltas: 2, error: 'overloaded' } });
    await openAiConnection('Work');
    const response = await (await modelFor('Work')).sendRequest([vscode.LanguageModelChatMessage.User('Hi')]);
    let text = '';
    await assert.rejects(
      (async () => {
        for await (const chunk of response.text) text += chunk;
      })(),
      (err: unknown) => {
        assert.ok(err instanceof Error, `not an Error: ${String(err)}`);
        assert.match(err.message, /overloaded/i);
        return true;
      },
    );
    // Text that arrived before the error is the start of the reply (the host may drop what it had not delivered yet).
    assert.ok(DELTAS.slice(0, 2).join('').startsWith(text), `unexpected text before the error: ${JSON.stringify(text)}`);
  });
});

describe('sidecar settings (real VS Code configuration)', () => {
  beforeEach(resetState);
  afterEach(resetSettings);

  const sidecarSetting = () => config().inspect<string>('sidecar.connection')?.globalValue;

  it('reports the named sidecar connection with its settings', async () => {
    const { store } = (await extension()).services;
    await store.create({ name: 'Main', provider: 'openai', model: 'gpt-4o' }, { makeDefault: true });
    const cheap = await store.create({ name: 'Cheap', provider: 'groq', model: 'llama-3.1-8b-instant' });
    await setSetting('sidecar.connection', 'Cheap');
    const api = await publicApi();
    let s = await api.getSidecar();
    assert.equal(s?.connection.id, cheap.id);
    assert.equal(s?.connection.name, 'Cheap');
    assert.equal(s?.isFallback, false);
    assert.deepEqual([s?.model, s?.temperature, s?.topP, s?.maxTokens], ['llama-3.1-8b-instant', 0.7, 0.9, 1024]);

    await setSetting('sidecar.model', 'llama-3.3-70b-versatile');
    await setSetting('sidecar.temperature', 0.1);
    await setSetting('sidecar.topP', 0.3);
    await setSetting('sidecar.maxTokens', 256);
    s = await api.getSidecar();
    assert.deepEqual([s?.connection.name, s?.model, s?.temperature, s?.topP, s?.maxTokens], ['Cheap', 'llama-3.3-70b-versatile', 0.1, 0.3, 256]);
  });

  it('reports a setting of the wrong type and carries on: the tree, the API and the chat models still work', async () => {
    const t = await extension();
    const { store } = t.services;
    const main = await store.create({ name: 'Main', provider: 'ollama', model: 'llama3.2:3b' }, { makeDefault: true });
    const { warnings } = await withWarnings(t, async () => {
      await setSetting('sidecar.connection', 42);
      await setSetting('sidecar.temperature', 'hot');
      const s = await (await publicApi()).getSidecar();
      assert.equal(s?.connection.id, main.id, 'a number where a name belongs falls back to the default');
      assert.equal(s?.temperature, 0.7);
      assert.ok(t.services.tree.getChildren().length > 0, 'the tree still renders');
      assert.ok((await vscode.lm.selectChatModels({ vendor: VENDOR })).length > 0, 'the chat models are still offered');
    });
    assert.ok(warnings.some((w) => w.includes('sidecar.connection') && w.includes('42')), `reported: ${JSON.stringify(warnings)}`);
    assert.ok(warnings.some((w) => w.includes('sidecar.temperature')), `reported: ${JSON.stringify(warnings)}`);
  });

  it('follows a rename of the sidecar connection and clears the setting when it is deleted', async () => {
    const { store } = (await extension()).services;
    const main = await store.create({ name: 'Main', provider: 'openai', model: 'gpt-4o' }, { makeDefault: true });
    const cheap = await store.create({ name: 'Cheap', provider: 'groq', model: 'llama-3.1-8b-instant' });
    await setSetting('sidecar.connection', 'Cheap');
    const api = await publicApi();

    await store.update(cheap.id, { name: 'Cheaper' });
    await eventually(() => sidecarSetting() === 'Cheaper', `aiConnections.sidecar.connection did not follow the rename (it is ${JSON.stringify(sidecarSetting())})`);
    assert.equal((await api.getSidecar())?.connection.id, cheap.id);
    assert.equal((await api.getSidecar())?.isFallback, false);

    await store.update(main.id, { name: 'Main 2' });
    await store.delete(cheap.id);
    await eventually(() => sidecarSetting() === undefined, `aiConnections.sidecar.connection was not cleared (it is ${JSON.stringify(sidecarSetting())})`);
    const s = await api.getSidecar();
    assert.equal(s?.connection.id, main.id);
    assert.equal(s?.connection.name, 'Main 2');
    assert.equal(s?.isFallback, true);
  });

  it('falls back to the default connection when unset, and to nothing without a default', async () => {
    const { store } = (await extension()).services;
    const api = await publicApi();
    assert.equal(await api.getSidecar(), undefined);
    const main = await store.create({ name: 'Main', provider: 'openai', model: 'gpt-4o' }, { makeDefault: true });
    await store.create({ name: 'Other', provider: 'groq', model: 'llama-3.1-8b-instant' });
    let s = await api.getSidecar();
    assert.equal(s?.connection.id, main.id);
    assert.equal(s?.isFallback, true);
    assert.equal(s?.model, 'gpt-4o');
    // A name that matches no connection also falls back.
    await setSetting('sidecar.connection', 'Nobody');
    s = await api.getSidecar();
    assert.equal(s?.connection.id, main.id);
    assert.equal(s?.isFallback, true);
  });
});
