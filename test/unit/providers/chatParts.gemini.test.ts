// streamChatParts on the generateContent wire (Gemini AI Studio and Vertex), against the wire-faithful servers:
// schemas reduced to what Gemini accepts, calls with minted ids and their thought signatures sent back, every
// result of a turn in one functionResponse turn named after its call, images as inlineData, usage.
import * as assert from 'node:assert/strict';
import { streamChatParts, type ChatPart, type ProviderTarget, type RichChatMessage } from '../../../src/providers';
import { SKIP_SIGNATURE, geminiStreamReader } from '../../../src/providers/dialects/geminiChat';
import type { ProviderServerOptions, StartedProviderServer } from '../../servers';
import { TIME_TOOL, WEATHER_TOOL, collectParts, textOfParts, toolCallsOf, toolRoundTrip } from './chatParts.helpers';
import { expectCategory, serverPool } from './helpers';

const KEY = 'fake-gemini-parts-key-0001';
const pool = serverPool();
afterEach(() => pool.closeAll());

async function setup(options: Partial<ProviderServerOptions> = {}, model = 'gemini-2.5-flash') {
  const server = await pool.start({ dialect: 'gemini', apiKey: KEY, models: [{ id: model }], ...options });
  const target: ProviderTarget = { provider: 'google', apiUrl: server.baseUrl, apiKey: KEY, model, timeoutMs: 3000 };
  return { server, target };
}

async function setupVertex(options: Partial<ProviderServerOptions> = {}, model = 'gemini-3-pro-preview') {
  const server = await pool.start({ dialect: 'vertex', models: [{ id: model }], ...options });
  const target: ProviderTarget = { provider: 'vertex', apiUrl: server.baseUrl, apiKey: server.serviceAccountJson(), model, timeoutMs: 3000 };
  return { server, target };
}

/** POSTs a body straight to the test server, as a client that does not reduce or fix anything would. */
async function postRaw(server: StartedProviderServer, model: string, body: unknown): Promise<{ status: number; message: string }> {
  const response = await fetch(`${server.baseUrl}/models/${model}:streamGenerateContent?alt=sse`, {
    method: 'POST',
    headers: { 'x-goog-api-key': KEY, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, message: response.status === 200 ? text : String((JSON.parse(text) as { error: { message: string } }).error.message) };
}

type Json = Record<string, unknown>;
const contentsOf = async (server: StartedProviderServer, index = 0) => (await server.chatStream(index)).json['contents'] as Json[];
const ASK: RichChatMessage[] = [{ role: 'user', content: 'Weather in Paris, and the time?' }];

/** The shape of a VS Code / MCP tool schema (zod-to-json-schema style), with everything Gemini's parser refuses. */
const EDIT_TOOL = {
  name: 'apply_edits',
  description: 'Apply edits to files',
  inputSchema: {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    properties: {
      edits: { type: 'array', items: { $ref: '#/$defs/Edit' }, description: 'The edits' },
      mode: { const: 'replace' },
      limit: { type: 'integer', exclusiveMinimum: 0 },
      note: { type: ['string', 'null'], description: 'A note' },
      tree: { $ref: '#/definitions/Node' },
    },
    required: ['edits', 'mode'],
    additionalProperties: false,
    $defs: {
      Edit: {
        type: 'object',
        properties: { path: { type: 'string' }, options: { type: 'object', additionalProperties: { type: 'string' }, propertyNames: { pattern: '^[a-z]+$' } } },
        required: ['path'],
        additionalProperties: false,
      },
    },
    definitions: { Node: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/definitions/Node' } } } } },
  },
};

const REDUCED_EDIT_SCHEMA = {
  type: 'object',
  properties: {
    edits: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, options: { type: 'object' } }, required: ['path'] }, description: 'The edits' },
    mode: { enum: ['replace'], type: 'string' },
    limit: { type: 'integer' },
    note: { type: 'string', nullable: true, description: 'A note' },
    tree: { type: 'object', properties: { children: { type: 'array', items: { type: 'object' } } } },
  },
  required: ['edits', 'mode'],
};

describe('streamChatParts: Gemini wire', function () {
  this.timeout(10_000);

  it('reduces a full JSON Schema (refs, additionalProperties, const, type arrays, exclusiveMinimum) to what Gemini accepts', async () => {
    const { server, target } = await setup();
    const schemaBefore = JSON.stringify(EDIT_TOOL.inputSchema);
    const { error } = await collectParts(streamChatParts(target, ASK, { tools: [EDIT_TOOL] }));
    assert.equal(error, undefined, String(error));
    const tools = (await server.chatStream(0)).json['tools'] as Json[];
    assert.deepEqual(tools, [{ functionDeclarations: [{ name: 'apply_edits', description: 'Apply edits to files', parameters: REDUCED_EDIT_SCHEMA }] }]);
    assert.equal(JSON.stringify(EDIT_TOOL.inputSchema), schemaBefore, "the caller's schema is not changed");
    // The server's rule is real: the schema as VS Code wrote it is refused.
    const raw = await postRaw(server, 'gemini-2.5-flash', { contents: [{ role: 'user', parts: [{ text: 'x' }] }], tools: [{ functionDeclarations: [{ name: 'apply_edits', parameters: EDIT_TOOL.inputSchema }] }] });
    assert.equal(raw.status, 400);
    assert.match(raw.message, /Invalid JSON payload received\. Unknown name "\$schema"/);
  });

  it('a tool without parameters (or an object schema without properties) sends no parameters; required is mode ANY, auto sends nothing', async () => {
    const { server, target } = await setup();
    const empty = { name: 'list_files', description: 'List files', inputSchema: { type: 'object', properties: {}, additionalProperties: false } };
    await collectParts(streamChatParts(target, ASK, { tools: [TIME_TOOL, empty, WEATHER_TOOL], toolChoice: 'required' }));
    const json = (await server.chatStream(0)).json;
    assert.deepEqual(json['tools'], [
      {
        functionDeclarations: [
          { name: 'get_time', description: 'The current time' },
          { name: 'list_files', description: 'List files' },
          { name: 'get_weather', description: 'The weather in a city', parameters: WEATHER_TOOL.inputSchema },
        ],
      },
    ]);
    assert.deepEqual(json['toolConfig'], { functionCallingConfig: { mode: 'ANY' } });
    await collectParts(streamChatParts(target, ASK, { tools: [WEATHER_TOOL] }));
    assert.equal((await server.chatStream(1)).json['toolConfig'], undefined);
    await collectParts(streamChatParts(target, ASK));
    assert.equal((await server.chatStream(2)).json['tools'], undefined);
  });

  it('yields parallel functionCall parts as complete calls with distinct minted ids; the signature rides on the first; usage at the end', async () => {
    const { target } = await setup({
      chat: {
        reasoning: ['Two tools needed.'],
        deltas: ['Checking'],
        toolCalls: [
          { name: 'get_weather', arguments: { city: 'Paris' }, thoughtSignature: 'sig-first-call' },
          { name: 'get_time', arguments: {} },
        ],
        usage: { inputTokens: 120, outputTokens: 30, cachedInputTokens: 100 },
      },
    });
    const { parts, error } = await collectParts(streamChatParts(target, ASK, { tools: [WEATHER_TOOL, TIME_TOOL] }));
    assert.equal(error, undefined, String(error));
    const calls = toolCallsOf(parts);
    assert.equal(calls.length, 2);
    assert.ok(calls.every((c) => /^call_[0-9a-f]{24}$/.test(c.id)));
    assert.notEqual(calls[0]?.id, calls[1]?.id);
    const withoutIds = parts.map((p) => (p.type === 'toolCall' ? { ...p, id: '<id>' } : p));
    assert.deepEqual(withoutIds, [
      { type: 'thinking', text: 'Two tools needed.' },
      { type: 'text', text: 'Checking' },
      { type: 'toolCall', id: '<id>', name: 'get_weather', input: { city: 'Paris' }, metadata: { thoughtSignature: 'sig-first-call' } },
      { type: 'toolCall', id: '<id>', name: 'get_time', input: {} },
      // candidatesTokenCount + thoughtsTokenCount (the server splits the 30 between them).
      { type: 'usage', inputTokens: 120, outputTokens: 30, cachedInputTokens: 100 },
    ]);
  });

  it('no usage part when the provider reports none; arguments that are not an object are bad_response', async () => {
    const plain = await setup({ chat: { deltas: ['Hi'] } });
    assert.deepEqual((await collectParts(streamChatParts(plain.target, ASK))).parts, [{ type: 'text', text: 'Hi' }]);
    const broken = await setup({ chat: { deltas: [], toolCalls: [{ name: 'get_weather', arguments: '"Paris"' }] } });
    const { parts, error } = await collectParts(streamChatParts(broken.target, ASK, { tools: [WEATHER_TOOL] }));
    expectCategory(error, 'bad_response');
    assert.deepEqual(toolCallsOf(parts), []);
  });

  it('Gemini 3: the signature goes back on its call (the server refuses a call without one); a history without one gets the documented stand-in', async () => {
    const model = 'gemini-3-pro-preview';
    const { server, target } = await setup(
      {
        chat: (json) =>
          JSON.stringify(json['contents']).includes('functionResponse')
            ? { deltas: ['Sunny in Paris at noon.'] }
            : { deltas: [], toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' }, thoughtSignature: 'c2lnLWdlbWluaS0z' }, { name: 'get_time', arguments: {} }] },
      },
      model,
    );
    const tools = [WEATHER_TOOL, TIME_TOOL];
    const first = await collectParts(streamChatParts(target, ASK, { tools }));
    assert.equal(first.error, undefined, String(first.error));
    const calls = toolCallsOf(first.parts);
    const history: RichChatMessage[] = [
      ...ASK,
      { role: 'assistant', content: calls },
      { role: 'user', content: calls.map((c, i) => ({ type: 'toolResult' as const, callId: c.id, content: i === 0 ? 'Sunny' : '12:00' })) },
    ];
    const second = await collectParts(streamChatParts(target, history, { tools }));
    assert.equal(second.error, undefined, String(second.error));
    assert.equal(textOfParts(second.parts), 'Sunny in Paris at noon.');
    const sent = await contentsOf(server, 1);
    assert.deepEqual(sent[1], {
      role: 'model',
      parts: [
        { functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: 'c2lnLWdlbWluaS0z' },
        { functionCall: { name: 'get_time', args: {} } },
      ],
    });
    // Without the signature the server answers as Gemini 3 does.
    const bare = { ...sent[1], parts: [{ functionCall: { name: 'get_weather', args: { city: 'Paris' } } }, { functionCall: { name: 'get_time', args: {} } }] };
    const refused = await postRaw(server, model, { contents: [sent[0], bare, sent[2]] });
    assert.equal(refused.status, 400);
    assert.match(refused.message, /Function call is missing a thought_signature in functionCall parts/);
    // A history another provider made: the first call of the turn gets Google's stand-in, and is accepted.
    const foreign = await collectParts(streamChatParts(target, toolRoundTrip(['toolu_1', 'toolu_2']), { tools }));
    assert.equal(foreign.error, undefined, String(foreign.error));
    const model2 = (await contentsOf(server, 2))[1]?.['parts'] as Json[];
    assert.deepEqual(model2.map((p) => p['thoughtSignature']), [undefined, SKIP_SIGNATURE, undefined]);
  });

  it('a signature that came on its own (an empty thinking part) goes back on the call after it; thinking text is not sent', async () => {
    const { server, target } = await setup({}, 'gemini-3-flash-preview');
    const history = toolRoundTrip(['c1', 'c2'], { thinking: { type: 'thinking', text: 'private thoughts', metadata: { thoughtSignature: 'sig-alone' } } });
    const { error } = await collectParts(streamChatParts(target, history));
    assert.equal(error, undefined, String(error));
    const turn = (await contentsOf(server))[1];
    assert.deepEqual(turn, {
      role: 'model',
      parts: [{ text: 'Let me check.' }, { functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: 'sig-alone' }, { functionCall: { name: 'get_time', args: {} } }],
    });
    assert.ok(!JSON.stringify(await contentsOf(server)).includes('private thoughts'));
  });

  it('every result of a turn goes in one user turn of functionResponse parts, in call order, named after the call, {error} for isError', async () => {
    const { server, target } = await setup({ chat: { deltas: ['Done.'] } });
    const history: RichChatMessage[] = [
      { role: 'system', content: 'You are a helpful agent.' },
      { role: 'user', content: 'Weather in Paris, and the time?' },
      { role: 'assistant', content: [{ type: 'text', text: 'Let me check.' }] },
      { role: 'assistant', content: [{ type: 'toolCall', id: 'opaque-1', name: 'get_weather', input: { city: 'Paris' } }, { type: 'toolCall', id: 'opaque-2', name: 'get_time', input: {} }] },
      // Results in separate user messages, out of order, and text after them.
      { role: 'user', content: [{ type: 'toolResult', callId: 'opaque-2', content: 'clock unavailable', isError: true }] },
      { role: 'user', content: [{ type: 'toolResult', callId: 'opaque-1', content: 'Sunny, 21°C' }, { type: 'text', text: 'Summarise.' }] },
    ];
    const { parts, error } = await collectParts(streamChatParts(target, history, { tools: [WEATHER_TOOL, TIME_TOOL] }));
    assert.equal(error, undefined, String(error));
    assert.equal(textOfParts(parts), 'Done.');
    const json = (await server.chatStream(0)).json;
    assert.deepEqual(json['systemInstruction'], { parts: [{ text: 'You are a helpful agent.' }] });
    assert.deepEqual(json['contents'], [
      { role: 'user', parts: [{ text: 'Weather in Paris, and the time?' }] },
      { role: 'model', parts: [{ text: 'Let me check.' }, { functionCall: { name: 'get_weather', args: { city: 'Paris' } } }, { functionCall: { name: 'get_time', args: {} } }] },
      {
        role: 'user',
        parts: [
          { functionResponse: { name: 'get_weather', response: { result: 'Sunny, 21°C' } } },
          { functionResponse: { name: 'get_time', response: { error: 'clock unavailable' } } },
          { text: 'Summarise.' },
        ],
      },
    ]);
    // The server's turn rules are real: one response short, or a wrong name, is refused.
    const contents = json['contents'] as Json[];
    const responses = (contents[2]?.['parts'] as Json[]).slice(0, 2);
    const short = await postRaw(server, 'gemini-2.5-flash', { contents: [contents[0], contents[1], { role: 'user', parts: responses.slice(0, 1) }] });
    assert.match(short.message, /number of function response parts is equal to the number of function call parts/);
    const renamed = [{ functionResponse: { name: 'opaque-1', response: { result: 'x' } } }, responses[1]];
    const misnamed = await postRaw(server, 'gemini-2.5-flash', { contents: [contents[0], contents[1], { role: 'user', parts: renamed }] });
    assert.match(misnamed.message, /does not match the function call name "get_weather"/);
    const wrongRole = await postRaw(server, 'gemini-2.5-flash', { contents: [{ role: 'assistant', parts: [{ text: 'x' }] }] });
    assert.match(wrongRole.message, /valid role: user, model/);
  });

  it('images go as inlineData with base64 data', async () => {
    const { server, target } = await setup();
    const image: RichChatMessage = { role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image', mimeType: 'image/png', data: new Uint8Array([137, 80, 78, 71]) }] };
    assert.equal((await collectParts(streamChatParts(target, [image]))).error, undefined);
    assert.deepEqual(await contentsOf(server), [{ role: 'user', parts: [{ text: 'What is this?' }, { inlineData: { mimeType: 'image/png', data: 'iVBORw==' } }] }]);
  });

  it('reads thoughts, a signature on its own, thoughtsTokenCount and cached tokens from the stream', () => {
    const reader = geminiStreamReader();
    const ctx = undefined as never;
    const read = (chunk: unknown) => reader.read({ data: JSON.stringify(chunk) }, ctx);
    const parts: ChatPart[] = [];
    parts.push(...(read({ candidates: [{ content: { role: 'model', parts: [{ text: 'pondering', thought: true }] } }], usageMetadata: { promptTokenCount: 50 } }).parts ?? []));
    const last = read({
      candidates: [{ content: { role: 'model', parts: [{ text: 'Answer' }, { thoughtSignature: 'sig-end' }] }, finishReason: 'STOP' }],
      usageMetadata: { promptTokenCount: 50, candidatesTokenCount: 7, thoughtsTokenCount: 5, cachedContentTokenCount: 20, totalTokenCount: 62 },
    });
    assert.equal(last.done, true);
    parts.push(...(last.parts ?? []), ...(reader.finish?.() ?? []));
    assert.deepEqual(parts, [
      { type: 'thinking', text: 'pondering' },
      { type: 'text', text: 'Answer' },
      { type: 'thinking', text: '', metadata: { thoughtSignature: 'sig-end' } },
      { type: 'usage', inputTokens: 50, outputTokens: 12, cachedInputTokens: 20 },
    ]);
  });

  it('Vertex: the same round trip (reduced schemas, calls, signatures, responses) through its URL and access token', async () => {
    const { server, target } = await setupVertex({
      chat: (json) =>
        JSON.stringify(json['contents']).includes('functionResponse')
          ? { deltas: ['All done.'], usage: { inputTokens: 40, outputTokens: 4 } }
          : { deltas: [], toolCalls: [{ name: 'apply_edits', arguments: { edits: [{ path: 'a.ts' }], mode: 'replace' }, thoughtSignature: 'dmVydGV4LXNpZw==' }] },
    });
    const tools = [EDIT_TOOL];
    const first = await collectParts(streamChatParts(target, ASK, { tools, toolChoice: 'required' }));
    assert.equal(first.error, undefined, String(first.error));
    const [call] = toolCallsOf(first.parts);
    assert.ok(call);
    assert.deepEqual(call.metadata, { thoughtSignature: 'dmVydGV4LXNpZw==' });
    const firstJson = (await server.chatStream(0)).json;
    assert.deepEqual(firstJson['tools'], [{ functionDeclarations: [{ name: 'apply_edits', description: 'Apply edits to files', parameters: REDUCED_EDIT_SCHEMA }] }]);
    assert.deepEqual(firstJson['toolConfig'], { functionCallingConfig: { mode: 'ANY' } });
    const history: RichChatMessage[] = [...ASK, { role: 'assistant', content: [call] }, { role: 'user', content: [{ type: 'toolResult', callId: call.id, content: 'applied' }] }];
    const second = await collectParts(streamChatParts(target, history, { tools }));
    assert.equal(second.error, undefined, String(second.error));
    assert.deepEqual(second.parts, [{ type: 'text', text: 'All done.' }, { type: 'usage', inputTokens: 40, outputTokens: 4 }]);
    const record = await server.chatStream(1);
    assert.match(record.request.path, /\/projects\/test-project\/locations\/global\/publishers\/google\/models\/gemini-3-pro-preview:streamGenerateContent$/);
    assert.match(String(record.request.headers.authorization), /^Bearer ya29\.test-/);
    assert.deepEqual((record.json['contents'] as Json[]).slice(1), [
      { role: 'model', parts: [{ functionCall: { name: 'apply_edits', args: { edits: [{ path: 'a.ts' }], mode: 'replace' } }, thoughtSignature: 'dmVydGV4LXNpZw==' }] },
      { role: 'user', parts: [{ functionResponse: { name: 'apply_edits', response: { result: 'applied' } } }] },
    ]);
  });
});
