// Agent mode through vscode.lm, for every chat dialect, against the local wire servers: tools go out, the model's
// call comes back as a LanguageModelToolCallPart, its result goes back as a LanguageModelToolResultPart, and the
// final text arrives; images reach the wire as the provider's image block, or are refused by a model without them.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startProviderServer, type ServerDialect, type StartedProviderServer } from '../servers';
import { extension, nextStream, resetState } from './support';

const KEY = 'fake-key-integration-agent-0001';
const TOOL: vscode.LanguageModelChatTool = {
  name: 'get_weather',
  description: 'The weather in a city',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
};
const RESULT = 'Sunny, 21 degrees, light wind from the west';
/** A real 1×1 PNG: the workbench decodes (and may resize) images on their way to the provider. */
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const PNG = new Uint8Array(Buffer.from(PNG_BASE64, 'base64'));

interface DialectCase {
  provider: string;
  server: ServerDialect;
  model: string;
  key?: (server: StartedProviderServer) => string;
}

const CASES: DialectCase[] = [
  { provider: 'openai', server: 'openai', model: 'gpt-4o' },
  { provider: 'mistral', server: 'mistral', model: 'mistral-large-latest' },
  { provider: 'anthropic', server: 'anthropic', model: 'claude-sonnet-4-5' },
  { provider: 'google', server: 'gemini', model: 'gemini-2.5-flash' },
  { provider: 'vertex', server: 'vertex', model: 'gemini-2.5-flash', key: (s) => s.serviceAccountJson() },
  { provider: 'ollama', server: 'ollama', model: 'llama3.2-vision:11b' },
  { provider: 'cohere', server: 'cohere', model: 'command-a-03-2025' },
  { provider: 'bedrock', server: 'bedrock', model: 'anthropic.claude-3-5-sonnet-20241022-v2:0' },
];

async function chatModel(connectionId: string): Promise<vscode.LanguageModelChat> {
  const found = (await vscode.lm.selectChatModels({ vendor: 'ai-connections' })).find((m) => m.id === connectionId);
  assert.ok(found, 'the connection is offered as a chat model');
  return found;
}

async function readAll(response: vscode.LanguageModelChatResponse): Promise<{ text: string; calls: vscode.LanguageModelToolCallPart[] }> {
  let text = '';
  const calls: vscode.LanguageModelToolCallPart[] = [];
  for await (const part of response.stream) {
    if (part instanceof vscode.LanguageModelTextPart) text += part.value;
    else if (part instanceof vscode.LanguageModelToolCallPart) calls.push(part);
  }
  return { text, calls };
}

for (const c of CASES) {
  describe(`agent mode through vscode.lm: ${c.provider} (${c.server} wire)`, function () {
    this.timeout(30_000);
    let server: StartedProviderServer;
    let connectionId: string;

    before(async () => {
      server = await startProviderServer({ dialect: c.server, apiKey: KEY, models: [{ id: c.model }] });
    });
    after(() => server?.close());
    beforeEach(async () => {
      await resetState();
      const { store, vault } = (await extension()).services;
      const connection = await store.create({ name: `Agent ${c.provider}`, provider: c.provider, model: c.model, apiUrl: server.baseUrl });
      await vault.set(connection.id, c.key?.(server) ?? KEY);
      connectionId = connection.id;
    });

    it('runs a tool round trip: call → result → final text', async () => {
      const model = await chatModel(connectionId);
      server.setChat({ deltas: [], toolCalls: [{ id: 'call_weather_1', name: 'get_weather', arguments: { city: 'Paris' }, fragments: 3 }] });
      const first = nextStream(server);
      const ask = vscode.LanguageModelChatMessage.User('What is the weather in Paris?');
      const turn1 = await readAll(await model.sendRequest([ask], { tools: [TOOL] }));
      const sent = JSON.stringify((await first).json);
      assert.ok(sent.includes('get_weather') && sent.includes('The weather in a city'), `the tool was not sent: ${sent.slice(0, 500)}`);
      assert.equal(turn1.calls.length, 1, 'one tool call');
      const call = turn1.calls[0]!;
      assert.equal(call.name, 'get_weather');
      assert.deepEqual(call.input, { city: 'Paris' });

      server.setChat({ deltas: ['It is sunny', ' in Paris.'] });
      const second = nextStream(server);
      const turn2 = await readAll(
        await model.sendRequest(
          [ask, vscode.LanguageModelChatMessage.Assistant([call]), vscode.LanguageModelChatMessage.User([new vscode.LanguageModelToolResultPart(call.callId, [new vscode.LanguageModelTextPart(RESULT)])])],
          { tools: [TOOL] },
        ),
      );
      assert.equal(turn2.text, 'It is sunny in Paris.');
      const history = JSON.stringify((await second).json);
      assert.ok(history.includes(RESULT), `the tool result did not reach the wire: ${history.slice(0, 800)}`);
    });

    it('sends an image part as the provider image block', async () => {
      server.setChat({ deltas: ['A tiny PNG.'] });
      const stream = nextStream(server);
      const { store } = (await extension()).services;
      await store.update(connectionId, { capabilities: { imageInput: true } });
      const model = await chatModel(connectionId);
      const message = vscode.LanguageModelChatMessage.User([new vscode.LanguageModelTextPart('What is this?'), vscode.LanguageModelDataPart.image(PNG, 'image/png')]);
      assert.equal((await readAll(await model.sendRequest([message]))).text, 'A tiny PNG.');
      const body = JSON.stringify((await stream).json);
      assert.ok(body.includes(PNG_BASE64), `the image bytes did not reach the wire: ${body.slice(0, 600)}`);
    });
  });
}

describe('agent mode through vscode.lm: capabilities', function () {
  this.timeout(30_000);
  let server: StartedProviderServer;
  before(async () => {
    server = await startProviderServer({ dialect: 'openai', apiKey: KEY, models: [{ id: 'gpt-4o-mini', contextLength: 50_000 }, { id: 'gpt-3.5-turbo' }] });
  });
  after(() => server?.close());
  beforeEach(resetState);

  it('declares tool calling, and takes maxInputTokens from the model list (window less the output limit)', async () => {
    const { store, vault } = (await extension()).services;
    const c = await store.create({ name: 'Listed', provider: 'openai', model: 'gpt-4o-mini', apiUrl: server.baseUrl });
    await vault.set(c.id, KEY);
    const model = async () => (await vscode.lm.selectChatModels({ vendor: 'ai-connections' })).find((m) => m.id === c.id);
    let seen: number | undefined;
    for (let i = 0; i < 100 && seen !== 50_000 - 16_384; i++) {
      seen = (await model())?.maxInputTokens;
      if (seen !== 50_000 - 16_384) await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(seen, 50_000 - 16_384, 'the list said 50 000 tokens; gpt-4o-mini writes up to 16 384');
    assert.ok(server.requests.some((r) => r.path === '/v1/models'), 'the list was read in the background');
  });

  it('a model without image input refuses an image with a clear error, sending nothing', async () => {
    const { store, vault } = (await extension()).services;
    const c = await store.create({ name: 'Old', provider: 'openai', model: 'gpt-3.5-turbo', apiUrl: server.baseUrl });
    await vault.set(c.id, KEY);
    const model = await chatModel(c.id);
    const before = server.chatStreams.length;
    const message = vscode.LanguageModelChatMessage.User([new vscode.LanguageModelTextPart('What is this?'), vscode.LanguageModelDataPart.image(PNG, 'image/png')]);
    const error = await readAll(await model.sendRequest([message])).then(
      () => undefined,
      (err: unknown) => err,
    );
    assert.ok(error instanceof Error && /Old/.test(error.message) && /does not take images/.test(error.message), `expected a clear refusal, got ${String(error)}`);
    assert.equal(server.chatStreams.length, before);
  });

  it('toolMode Required is sent as the wire\'s "must call a tool"', async () => {
    const { store, vault } = (await extension()).services;
    const c = await store.create({ name: 'Must', provider: 'openai', model: 'gpt-4o-mini', apiUrl: server.baseUrl });
    await vault.set(c.id, KEY);
    server.setChat({ deltas: [], toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: { city: 'Oslo' } }] });
    const stream = nextStream(server);
    const model = await chatModel(c.id);
    await readAll(await model.sendRequest([vscode.LanguageModelChatMessage.User('Weather?')], { tools: [TOOL], toolMode: vscode.LanguageModelChatToolMode.Required }));
    assert.equal((await stream).json['tool_choice'], 'required');
  });

  it('errors name the problem and the connection, and never hold the key', async () => {
    const echoing = await startProviderServer({ dialect: 'openai', apiKey: KEY, echoKeyInErrors: true, models: [{ id: 'gpt-4o-mini' }] });
    try {
      const { store, vault } = (await extension()).services;
      const c = await store.create({ name: 'Leaky proxy', provider: 'openai', model: 'gpt-4o-mini', apiUrl: echoing.baseUrl });
      const wrongKey = 'fake-wrong-key-agent-9f8e7d6c5b4a';
      await vault.set(c.id, wrongKey);
      const model = await chatModel(c.id);
      const invalid = await readAll(await model.sendRequest([vscode.LanguageModelChatMessage.User('Hi')])).then(() => undefined, (err: unknown) => err);
      assert.ok(invalid instanceof vscode.LanguageModelError, `a LanguageModelError, got ${String(invalid)}`);
      assert.match(invalid.message, /Leaky proxy/);
      assert.match(invalid.message, /key/i);
      assert.ok(!JSON.stringify({ m: invalid.message, s: invalid.stack }).includes(wrongKey), 'the key leaked into the error');

      await vault.set(c.id, KEY);
      echoing.setFaults([{ path: '/v1/chat/completions', fault: { kind: 'rateLimit', retryAfter: '30' } }]);
      const limited = await readAll(await model.sendRequest([vscode.LanguageModelChatMessage.User('Hi')])).then(() => undefined, (err: unknown) => err);
      assert.ok(limited instanceof Error);
      assert.match(limited.message, /Leaky proxy: Rate limited/);
      assert.match(limited.message, /30/);
    } finally {
      await echoing.close();
    }
  });

  it('counts tokens of every part of a message: text, tool-call JSON, tool results, images', async () => {
    const { store, vault } = (await extension()).services;
    const c = await store.create({ name: 'Counter', provider: 'openai', model: 'gpt-4o-mini', apiUrl: server.baseUrl });
    await vault.set(c.id, KEY);
    const model = await chatModel(c.id);
    const text = 'The quick brown fox jumps over the lazy dog. '.repeat(20);
    const plain = await model.countTokens(text);
    assert.ok(plain > 100 && plain < 400, `about 200 tokens of English, counted ${plain}`);
    const bare = await model.countTokens(vscode.LanguageModelChatMessage.User(text));
    assert.ok(bare >= plain, 'a message costs at least its text');
    const call = new vscode.LanguageModelToolCallPart('call_1', 'read_file', { filePath: '/workspace/src/very/long/path/to/a/file.ts', startLine: 1, endLine: 400 });
    const withCall = await model.countTokens(vscode.LanguageModelChatMessage.Assistant([new vscode.LanguageModelTextPart(text), call]));
    assert.ok(withCall > bare + 10, `the tool call's JSON counts (${withCall} vs ${bare})`);
    const result = await model.countTokens(vscode.LanguageModelChatMessage.User([new vscode.LanguageModelToolResultPart('call_1', [new vscode.LanguageModelTextPart(text)])]));
    assert.ok(result >= plain, `a tool result counts its content (${result} vs ${plain})`);
    const image = await model.countTokens(vscode.LanguageModelChatMessage.User([vscode.LanguageModelDataPart.image(PNG, 'image/png')]));
    assert.ok(image >= 85, `an image costs tokens (${image})`);
  });
});
