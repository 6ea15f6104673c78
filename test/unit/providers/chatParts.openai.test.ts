// streamChatParts on the OpenAI chat-completions wire (OpenAI, Azure, Mistral, DeepSeek, OpenRouter, local servers),
// against the wire-faithful server: tools out, complete calls back, ids rewritten per wire, reasoning, usage, images.
import * as assert from 'node:assert/strict';
import { streamChatParts, type ProviderTarget, type RichChatMessage } from '../../../src/providers';
import type { ProviderServerOptions } from '../../servers';
import { TIME_TOOL, WEATHER_TOOL, collectParts, textOfParts, toolCallsOf, toolRoundTrip } from './chatParts.helpers';
import { expectCategory, serverPool } from './helpers';

const KEY = 'fake-openai-parts-key-0001';
const pool = serverPool();
afterEach(() => pool.closeAll());

async function setup(provider: string, options: Partial<ProviderServerOptions> = {}, model = 'gpt-4o') {
  const server = await pool.start({ dialect: provider === 'mistral' ? 'mistral' : 'openai', apiKey: KEY, models: [{ id: model }], ...options });
  const target: ProviderTarget = { provider, apiUrl: server.baseUrl, apiKey: KEY, model, timeoutMs: 3000 };
  return { server, target };
}

const ASK: RichChatMessage[] = [{ role: 'user', content: 'Weather in Paris, and the time?' }];

describe('streamChatParts: OpenAI-compatible wire', function () {
  this.timeout(10_000);

  it('sends tools in the OpenAI shape and yields parallel calls complete, in order, joined from their fragments', async () => {
    const { server, target } = await setup('openai', {
      chat: {
        deltas: ['Checking'],
        toolCalls: [
          { id: 'call_w', name: 'get_weather', arguments: { city: 'Paris', days: [1, 2] }, fragments: 5 },
          { id: 'call_t', name: 'get_time', arguments: '' },
        ],
        usage: { inputTokens: 120, outputTokens: 30, cachedInputTokens: 100 },
      },
    });
    const { parts, error } = await collectParts(streamChatParts(target, ASK, { tools: [WEATHER_TOOL, TIME_TOOL] }));
    assert.equal(error, undefined);
    assert.deepEqual(parts, [
      { type: 'text', text: 'Checking' },
      { type: 'toolCall', id: 'call_w', name: 'get_weather', input: { city: 'Paris', days: [1, 2] } },
      { type: 'toolCall', id: 'call_t', name: 'get_time', input: {} },
      { type: 'usage', inputTokens: 120, outputTokens: 30, cachedInputTokens: 100 },
    ]);
    const json = (await server.chatStream(0)).json;
    assert.deepEqual(json['tools'], [
      { type: 'function', function: { name: 'get_weather', description: WEATHER_TOOL.description, parameters: WEATHER_TOOL.inputSchema } },
      { type: 'function', function: { name: 'get_time', description: TIME_TOOL.description, parameters: { type: 'object', properties: {} } } },
    ]);
    assert.equal(json['tool_choice'], undefined, 'auto sends nothing');
    assert.deepEqual(json['stream_options'], { include_usage: true });
  });

  it('toolChoice required maps to tool_choice "required"', async () => {
    const { server, target } = await setup('openai');
    await collectParts(streamChatParts(target, ASK, { tools: [WEATHER_TOOL], toolChoice: 'required' }));
    assert.equal((await server.chatStream(0)).json['tool_choice'], 'required');
  });

  it('invalid argument JSON from the provider is bad_response, never a call', async () => {
    const { target } = await setup('openai', { chat: { deltas: [], toolCalls: [{ id: 'call_x', name: 'get_weather', arguments: '{"city": "Par', fragments: 2 }] } });
    const { parts, error } = await collectParts(streamChatParts(target, ASK, { tools: [WEATHER_TOOL] }));
    expectCategory(error, 'bad_response');
    assert.deepEqual(toolCallsOf(parts), []);
  });

  it('sends a tool round trip back as tool_calls + role "tool" messages the wire accepts', async () => {
    const { server, target } = await setup('openai', { chat: { deltas: ['Sunny in Paris at noon.'] } });
    const { parts, error } = await collectParts(streamChatParts(target, toolRoundTrip(['call_w', 'call_t']), { tools: [WEATHER_TOOL, TIME_TOOL] }));
    assert.equal(error, undefined, String(error));
    assert.equal(textOfParts(parts), 'Sunny in Paris at noon.');
    const messages = (await server.chatStream(0)).json['messages'] as Record<string, unknown>[];
    assert.deepEqual(messages.slice(2), [
      {
        role: 'assistant',
        content: 'Let me check.',
        tool_calls: [
          { id: 'call_w', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
          { id: 'call_t', type: 'function', function: { name: 'get_time', arguments: '{}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_w', content: 'Sunny, 21°C' },
      { role: 'tool', tool_call_id: 'call_t', content: '12:00' },
    ]);
  });

  it('rewrites ids over 40 characters the same way on the call and its result, keeping distinct ids distinct', async () => {
    const long1 = `toolu_vrtx_${'a'.repeat(40)}1`;
    const long2 = `toolu_vrtx_${'a'.repeat(40)}2`;
    const { server, target } = await setup('openai');
    const { error } = await collectParts(streamChatParts(target, toolRoundTrip([long1, long2])));
    assert.equal(error, undefined, String(error));
    const messages = (await server.chatStream(0)).json['messages'] as Record<string, unknown>[];
    const callIds = (messages[2]?.['tool_calls'] as { id: string }[]).map((c) => c.id);
    assert.ok(callIds.every((id) => id.length <= 40));
    assert.notEqual(callIds[0], callIds[1]);
    assert.deepEqual([messages[3]?.['tool_call_id'], messages[4]?.['tool_call_id']], callIds);
  });

  it('Mistral: ids become exactly 9 alphanumerics, which its server requires', async () => {
    const { server, target } = await setup('mistral', {}, 'mistral-large-latest');
    const { error } = await collectParts(streamChatParts(target, toolRoundTrip(['call_abc_123', 'call_def_456'])));
    assert.equal(error, undefined, String(error));
    const messages = (await server.chatStream(0)).json['messages'] as Record<string, unknown>[];
    const callIds = (messages[2]?.['tool_calls'] as { id: string }[]).map((c) => c.id);
    for (const id of callIds) assert.match(id, /^[a-zA-Z0-9]{9}$/);
    assert.deepEqual([messages[3]?.['tool_call_id'], messages[4]?.['tool_call_id']], callIds);
    assert.equal((await server.chatStream(0)).json['stream_options'], undefined);
  });

  it('DeepSeek: the reasoning of a tool turn goes back as reasoning_content; OpenAI gets none', async () => {
    const thinking = { type: 'thinking' as const, text: 'I should call both tools.' };
    const deepseek = await setup('deepseek', {}, 'deepseek-reasoner');
    await collectParts(streamChatParts(deepseek.target, toolRoundTrip(['call_w', 'call_t'], { thinking })));
    const sent = (await deepseek.server.chatStream(0)).json['messages'] as Record<string, unknown>[];
    assert.equal(sent[2]?.['reasoning_content'], 'I should call both tools.');
    const openai = await setup('openai');
    await collectParts(streamChatParts(openai.target, toolRoundTrip(['call_w', 'call_t'], { thinking })));
    const plain = (await openai.server.chatStream(0)).json['messages'] as Record<string, unknown>[];
    assert.equal(plain[2]?.['reasoning_content'], undefined);
  });

  it('reasoning streams as thinking parts, never text, including <think> tags split across deltas', async () => {
    const { target } = await setup('openai', { chat: { reasoning: ['field reasoning'], deltas: ['<thi', 'nk>inline ', 'thought</th', 'ink>', 'Answer'] } });
    const { parts, error } = await collectParts(streamChatParts(target, ASK));
    assert.equal(error, undefined);
    assert.deepEqual(parts, [
      { type: 'thinking', text: 'field reasoning' },
      { type: 'thinking', text: 'inline ' },
      { type: 'thinking', text: 'thought' },
      { type: 'text', text: 'Answer' },
    ]);
  });

  it('images go as data-URL image_url parts; a model without image input refuses them before sending', async () => {
    const { server, target } = await setup('openai');
    const image: RichChatMessage = { role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image', mimeType: 'image/png', data: new Uint8Array([137, 80, 78, 71]) }] };
    assert.equal((await collectParts(streamChatParts(target, [image]))).error, undefined);
    assert.deepEqual((await server.chatStream(0)).json['messages'], [
      { role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw==' } }] },
    ]);
    const before = server.requests.length;
    const refused = await collectParts(streamChatParts({ ...target, imageInput: false }, [image]));
    const error = expectCategory(refused.error, 'bad_response');
    assert.match(error.message, /does not take images/);
    assert.equal(server.requests.length, before, 'nothing was sent');
  });

  it('leaves out an assistant turn with nothing to say (only thinking, or only markers VS Code keeps)', async () => {
    const { server, target } = await setup('openai');
    const history: RichChatMessage[] = [
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: [{ type: 'thinking', text: 'hmm' }] },
      { role: 'user', content: 'Again' },
    ];
    assert.equal((await collectParts(streamChatParts(target, history))).error, undefined);
    assert.deepEqual((await server.chatStream(0)).json['messages'], [
      { role: 'user', content: 'Hi' },
      { role: 'user', content: 'Again' },
    ]);
  });

  it('a malformed history is a TypeError before anything is sent', async () => {
    const { server, target } = await setup('openai');
    const bad = [{ role: 'user', content: [{ type: 'video' }] }] as unknown as RichChatMessage[];
    const { error } = await collectParts(streamChatParts(target, bad));
    assert.ok(error instanceof TypeError);
    assert.equal(server.requests.length, 0);
  });
});
