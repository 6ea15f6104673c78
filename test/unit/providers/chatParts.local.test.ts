// streamChatParts on Ollama's native /api/chat and Cohere's v2 chat, against the wire-faithful servers: tools out,
// whole calls back (Ollama's without ids, every one numbered 0), results sent back the way each wire names them,
// num_ctx, images, usage; and Ollama's model capabilities read from /api/show.
import * as assert from 'node:assert/strict';
import { listModels, streamChatParts, type ProviderTarget, type RichChatMessage } from '../../../src/providers';
import type { ProviderServerOptions } from '../../servers';
import { TIME_TOOL, WEATHER_TOOL, collectParts, textOfParts, toolCallsOf, toolRoundTrip } from './chatParts.helpers';
import { expectCategory, serverPool } from './helpers';
import { byModelId } from '../../../src/shared/modelOrder';

const OLLAMA_KEY = 'fake-ollama-parts-key-0001';
const COHERE_KEY = 'fake-cohere-parts-key-0001';
const pool = serverPool();
afterEach(() => pool.closeAll());

async function setupOllama(options: Partial<ProviderServerOptions> = {}, model = 'llama3.1:8b', target: Partial<ProviderTarget> = {}) {
  const server = await pool.start({ dialect: 'ollama', apiKey: OLLAMA_KEY, models: [{ id: model }], ...options });
  return { server, target: { provider: 'ollama', apiUrl: server.baseUrl, apiKey: OLLAMA_KEY, model, timeoutMs: 3000, ...target } as ProviderTarget };
}

async function setupCohere(options: Partial<ProviderServerOptions> = {}, model = 'command-a-03-2025') {
  const server = await pool.start({ dialect: 'cohere', apiKey: COHERE_KEY, models: [{ id: model }], ...options });
  return { server, target: { provider: 'cohere', apiUrl: server.baseUrl, apiKey: COHERE_KEY, model, timeoutMs: 3000 } as ProviderTarget };
}

const ASK: RichChatMessage[] = [{ role: 'user', content: 'Weather in Paris, and the time?' }];
const IMAGE: RichChatMessage = {
  role: 'user',
  content: [
    { type: 'text', text: 'What is this?' },
    { type: 'image', mimeType: 'image/png', data: new Uint8Array([137, 80, 78, 71]) },
  ],
};

describe('streamChatParts: Ollama and Cohere wires', function () {
  this.timeout(10_000);

  describe('Ollama', () => {
    it('sends tools in its shape; two calls both numbered 0 come out as two calls with distinct minted ids, then usage', async () => {
      const { server, target } = await setupOllama({
        chat: {
          deltas: ['Checking'],
          toolCalls: [
            { name: 'get_weather', arguments: { city: 'Paris', days: [1, 2] } },
            { name: 'get_time', arguments: {} },
          ],
          usage: { inputTokens: 120, outputTokens: 30 },
        },
      });
      const { parts, error } = await collectParts(streamChatParts(target, ASK, { tools: [WEATHER_TOOL, TIME_TOOL] }));
      assert.equal(error, undefined, String(error));
      const calls = toolCallsOf(parts);
      assert.deepEqual(
        calls.map(({ name, input }) => ({ name, input })),
        [
          { name: 'get_weather', input: { city: 'Paris', days: [1, 2] } },
          { name: 'get_time', input: {} },
        ],
      );
      assert.ok(calls.every((c) => /^call_[0-9a-f]{24}$/.test(c.id)), 'minted ids');
      assert.notEqual(calls[0]?.id, calls[1]?.id);
      assert.deepEqual(parts[0], { type: 'text', text: 'Checking' });
      assert.deepEqual(parts.at(-1), { type: 'usage', inputTokens: 120, outputTokens: 30 });
      const json = (await server.chatStream(0)).json;
      assert.deepEqual(json['tools'], [
        { type: 'function', function: { name: 'get_weather', description: WEATHER_TOOL.description, parameters: WEATHER_TOOL.inputSchema } },
        { type: 'function', function: { name: 'get_time', description: TIME_TOOL.description, parameters: { type: 'object', properties: {} } } },
      ]);
    });

    it('sends a round trip back as tool_calls with object arguments and role "tool" results named by tool_name', async () => {
      const { server, target } = await setupOllama({ chat: { deltas: ['Sunny in Paris at noon.'] } });
      const thinking = { type: 'thinking' as const, text: 'Both tools are needed.' };
      const { parts, error } = await collectParts(streamChatParts(target, toolRoundTrip(['call_w', 'call_t'], { thinking }), { tools: [WEATHER_TOOL, TIME_TOOL] }));
      assert.equal(error, undefined, String(error));
      assert.equal(textOfParts(parts), 'Sunny in Paris at noon.');
      const messages = (await server.chatStream(0)).json['messages'] as Record<string, unknown>[];
      assert.deepEqual(messages, [
        { role: 'system', content: 'You are a helpful agent.' },
        { role: 'user', content: 'Weather in Paris, and the time?' },
        {
          role: 'assistant',
          content: 'Let me check.',
          thinking: 'Both tools are needed.',
          tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Paris' } } }, { function: { name: 'get_time', arguments: {} } }],
        },
        { role: 'tool', content: 'Sunny, 21°C', tool_name: 'get_weather' },
        { role: 'tool', content: '12:00', tool_name: 'get_time' },
      ]);
    });

    it('the server refuses a result that names no earlier call, as its rule check must', async () => {
      const { target } = await setupOllama();
      const orphan: RichChatMessage[] = [...ASK, { role: 'user', content: [{ type: 'toolResult', callId: 'call_nowhere', content: 'x' }] }];
      const { error } = await collectParts(streamChatParts(target, orphan));
      assert.match(expectCategory(error, 'bad_response').message, /tool_name/);
    });

    it('options.num_ctx: 8192 when the window is unknown, capped at 32768, exact below the cap; sampling stays in options', async () => {
      const cases: [number | undefined, number][] = [
        [undefined, 8192],
        [131_072, 32_768],
        [16_384, 16_384],
      ];
      for (const [contextWindow, expected] of cases) {
        const { server, target } = await setupOllama({}, 'llama3.1:8b', contextWindow === undefined ? {} : { contextWindow });
        const { error } = await collectParts(streamChatParts(target, ASK, { temperature: 0.2 }));
        assert.equal(error, undefined, String(error));
        assert.deepEqual((await server.chatStream(0)).json['options'], { temperature: 0.2, num_ctx: expected }, `window ${String(contextWindow)}`);
      }
    });

    it('images go as base64 strings in `images`, which the server checks', async () => {
      const { server, target } = await setupOllama();
      const { error } = await collectParts(streamChatParts(target, [IMAGE]));
      assert.equal(error, undefined, String(error));
      assert.deepEqual((await server.chatStream(0)).json['messages'], [{ role: 'user', content: 'What is this?', images: ['iVBORw=='] }]);
    });

    it('message.thinking and <think> tags are thinking, never text', async () => {
      const { target } = await setupOllama({ chat: { reasoning: ['field thought'], deltas: ['<think>inline', '</think>', 'Answer'] } });
      const { parts, error } = await collectParts(streamChatParts(target, ASK));
      assert.equal(error, undefined, String(error));
      assert.deepEqual(parts.slice(0, 3), [
        { type: 'thinking', text: 'field thought' },
        { type: 'thinking', text: 'inline' },
        { type: 'text', text: 'Answer' },
      ]);
    });

    it('listModels fills tools, vision and the context length from /api/show; a model /api/show fails on stays as listed', async () => {
      const server = await pool.start({
        dialect: 'ollama',
        models: [
          { id: 'llama3.1:8b', capabilities: ['completion', 'tools'], contextLength: 131_072 },
          { id: 'llava:7b', capabilities: ['completion', 'vision'], contextLength: 4096 },
          { id: 'broken:1b' },
        ],
        faults: [{ path: '/api/show', method: 'POST', times: 1, fault: { kind: 'status', status: 500, body: { error: 'boom' } } }],
      });
      const models = await listModels({ provider: 'ollama', apiUrl: server.baseUrl, timeoutMs: 3000 });
      const shows = server.requests.filter((r) => r.path === '/api/show');
      assert.equal(shows.length, 3);
      const failed = JSON.parse(shows[0]?.body ?? '{}') as { model?: string };
      assert.deepEqual(
        new Set(shows.map((r) => (JSON.parse(r.body) as { model: string }).model)),
        new Set(['llama3.1:8b', 'llava:7b', 'broken:1b']),
      );
      const expected: Record<string, object> = {
        'llama3.1:8b': { id: 'llama3.1:8b', toolCalling: true, imageInput: false, contextLength: 131_072 },
        'llava:7b': { id: 'llava:7b', toolCalling: false, imageInput: true, contextLength: 4096 },
        'broken:1b': { id: 'broken:1b', toolCalling: true, imageInput: false, contextLength: 131_072 },
      };
      expected[failed.model ?? ''] = { id: failed.model };
      assert.deepEqual(byModelId(models), Object.keys(expected).sort().map((id) => expected[id]));
    });

    it('listModels asks /api/show nothing for a list of more than 64 models', async () => {
      const server = await pool.start({ dialect: 'ollama', models: Array.from({ length: 65 }, (_, i) => ({ id: `m${i}:1b` })) });
      const models = await listModels({ provider: 'ollama', apiUrl: server.baseUrl, timeoutMs: 3000 });
      assert.equal(models.length, 65);
      assert.equal(server.requests.filter((r) => r.path === '/api/show').length, 0);
    });
  });

  describe('Cohere', () => {
    it('sends tools in its shape; the tool plan is thinking, calls are joined from their fragments, usage at the end', async () => {
      const { server, target } = await setupCohere({
        chat: {
          deltas: [],
          toolCalls: [
            { id: 'get_weather_abc123', name: 'get_weather', arguments: { city: 'Paris' }, fragments: 4 },
            { id: 'get_time_def456', name: 'get_time', arguments: '' },
          ],
          usage: { inputTokens: 200, outputTokens: 40 },
        },
      });
      const { parts, error } = await collectParts(streamChatParts(target, ASK, { tools: [WEATHER_TOOL, TIME_TOOL] }));
      assert.equal(error, undefined, String(error));
      assert.deepEqual(parts, [
        { type: 'thinking', text: 'I will use get_wea' },
        { type: 'thinking', text: 'ther and get_time.' },
        { type: 'toolCall', id: 'get_weather_abc123', name: 'get_weather', input: { city: 'Paris' } },
        { type: 'toolCall', id: 'get_time_def456', name: 'get_time', input: {} },
        { type: 'usage', inputTokens: 200, outputTokens: 40 },
      ]);
      const json = (await server.chatStream(0)).json;
      assert.deepEqual(json['tools'], [
        { type: 'function', function: { name: 'get_weather', description: WEATHER_TOOL.description, parameters: WEATHER_TOOL.inputSchema } },
        { type: 'function', function: { name: 'get_time', description: TIME_TOOL.description, parameters: { type: 'object', properties: {} } } },
      ]);
      assert.equal(json['tool_choice'], undefined, 'auto sends nothing');
    });

    it('toolChoice required maps to tool_choice "REQUIRED"', async () => {
      const { server, target } = await setupCohere();
      await collectParts(streamChatParts(target, ASK, { tools: [WEATHER_TOOL], toolChoice: 'required' }));
      assert.equal((await server.chatStream(0)).json['tool_choice'], 'REQUIRED');
    });

    it('invalid argument JSON from the provider is bad_response, never a call', async () => {
      const { target } = await setupCohere({ chat: { deltas: [], toolCalls: [{ id: 'get_weather_x', name: 'get_weather', arguments: '{"city": "Par', fragments: 2 }] } });
      const { parts, error } = await collectParts(streamChatParts(target, ASK, { tools: [WEATHER_TOOL] }));
      expectCategory(error, 'bad_response');
      assert.deepEqual(toolCallsOf(parts), []);
    });

    it('sends a round trip back as tool_plan + tool_calls and role "tool" results by tool_call_id, which the server accepts', async () => {
      const long = `toolu_vrtx_${'a'.repeat(40)}1`;
      const { server, target } = await setupCohere({ chat: { deltas: ['Sunny in Paris at noon.'] } });
      const thinking = { type: 'thinking' as const, text: 'I will call both tools.' };
      const { parts, error } = await collectParts(streamChatParts(target, toolRoundTrip([long, 'call_t'], { thinking }), { tools: [WEATHER_TOOL, TIME_TOOL] }));
      assert.equal(error, undefined, String(error));
      assert.equal(textOfParts(parts), 'Sunny in Paris at noon.');
      const messages = (await server.chatStream(0)).json['messages'] as Record<string, unknown>[];
      const calls = messages[2]?.['tool_calls'] as { id: string }[];
      const longId = calls[0]?.id ?? '';
      assert.ok(longId.length <= 40 && longId !== long, 'a long id is rewritten');
      assert.deepEqual(messages.slice(2), [
        {
          role: 'assistant',
          tool_plan: 'I will call both tools.',
          tool_calls: [
            { id: longId, type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
            { id: 'call_t', type: 'function', function: { name: 'get_time', arguments: '{}' } },
          ],
          content: 'Let me check.',
        },
        { role: 'tool', tool_call_id: longId, content: [{ type: 'document', document: { data: 'Sunny, 21°C' } }] },
        { role: 'tool', tool_call_id: 'call_t', content: [{ type: 'document', document: { data: '12:00' } }] },
      ]);
    });

    it('the server refuses a result answering no earlier call, as its rule check must', async () => {
      const { target } = await setupCohere();
      const orphan: RichChatMessage[] = [...ASK, { role: 'user', content: [{ type: 'toolResult', callId: 'call_nowhere', content: 'x' }] }];
      const { error } = await collectParts(streamChatParts(target, orphan));
      assert.match(expectCategory(error, 'bad_response').message, /tool_call_id/);
    });

    it('images go as data-URL image_url parts; thinking content is thinking', async () => {
      const { server, target } = await setupCohere({ chat: { reasoning: ['Looking at it.'], deltas: ['A PNG.'] } });
      const { parts, error } = await collectParts(streamChatParts(target, [IMAGE]));
      assert.equal(error, undefined, String(error));
      assert.deepEqual(parts, [
        { type: 'thinking', text: 'Looking at it.' },
        { type: 'text', text: 'A PNG.' },
        { type: 'usage', inputTokens: 71, outputTokens: 3 },
      ]);
      assert.deepEqual((await server.chatStream(0)).json['messages'], [
        { role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw==' } }] },
      ]);
    });
  });
});
