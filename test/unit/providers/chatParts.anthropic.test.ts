// streamChatParts on the Anthropic Messages wire, against the wire-faithful server (which refuses what the real API
// refuses): tool_use/tool_result blocks, ids rewritten, turns merged, signed thinking both ways, images, usage.
import * as assert from 'node:assert/strict';
import { streamChatParts, type ChatPart, type ProviderTarget, type RichChatMessage } from '../../../src/providers';
import type { ProviderServerOptions } from '../../servers';
import { THINKING_SIGNATURE } from '../../servers/wire/anthropic';
import { TIME_TOOL, WEATHER_TOOL, collectParts, textOfParts, toolCallsOf, toolRoundTrip } from './chatParts.helpers';
import { expectCategory, serverPool } from './helpers';

const KEY = 'fake-anthropic-parts-key-0001';
const MODEL = 'claude-sonnet-4-5-20250929';
const pool = serverPool();
afterEach(() => pool.closeAll());

async function setup(options: Partial<ProviderServerOptions> = {}) {
  const server = await pool.start({ dialect: 'anthropic', apiKey: KEY, models: [{ id: MODEL }], ...options });
  const target: ProviderTarget = { provider: 'anthropic', apiUrl: server.baseUrl, apiKey: KEY, model: MODEL, timeoutMs: 3000 };
  return { server, target };
}

const ASK: RichChatMessage[] = [{ role: 'user', content: 'Weather in Paris, and the time?' }];
const withoutUsage = (parts: readonly ChatPart[]) => parts.filter((p) => p.type !== 'usage');
type Blocks = Record<string, unknown>[];
const messagesOf = async (server: Awaited<ReturnType<typeof setup>>['server'], i = 0) =>
  (await server.chatStream(i)).json['messages'] as { role: string; content: string | Blocks }[];

describe('streamChatParts: Anthropic wire', function () {
  this.timeout(10_000);

  it('sends tools as {name, description, input_schema} and yields parallel calls complete, in order, joined from their fragments', async () => {
    const { server, target } = await setup({
      chat: {
        deltas: ['Checking'],
        toolCalls: [
          { id: 'toolu_w', name: 'get_weather', arguments: { city: 'Paris', days: [1, 2] }, fragments: 5 },
          { id: 'toolu_t', name: 'get_time', arguments: '' },
        ],
        usage: { inputTokens: 120, outputTokens: 30, cachedInputTokens: 100 },
      },
    });
    const schema = { $schema: 'http://json-schema.org/draft-07/schema#', ...WEATHER_TOOL.inputSchema };
    const { parts, error } = await collectParts(streamChatParts(target, ASK, { tools: [{ ...WEATHER_TOOL, inputSchema: schema }, TIME_TOOL] }));
    assert.equal(error, undefined, String(error));
    assert.deepEqual(parts, [
      { type: 'text', text: 'Checking' },
      { type: 'toolCall', id: 'toolu_w', name: 'get_weather', input: { city: 'Paris', days: [1, 2] } },
      { type: 'toolCall', id: 'toolu_t', name: 'get_time', input: {} },
      { type: 'usage', inputTokens: 120, outputTokens: 30, cachedInputTokens: 100 },
    ]);
    const json = (await server.chatStream(0)).json;
    assert.deepEqual(json['tools'], [
      { name: 'get_weather', description: WEATHER_TOOL.description, input_schema: WEATHER_TOOL.inputSchema },
      { name: 'get_time', description: TIME_TOOL.description, input_schema: { type: 'object' } },
    ]);
    assert.equal(json['tool_choice'], undefined, 'auto sends nothing');
    assert.equal(json['max_tokens'], 1024);
  });

  it('usage: input from message_start with cache reads counted in, output from the last message_delta', async () => {
    const { target } = await setup({ chat: { deltas: ['Hi'], usage: { inputTokens: 5000, outputTokens: 42, cachedInputTokens: 4000 } } });
    const { parts, error } = await collectParts(streamChatParts(target, ASK));
    assert.equal(error, undefined, String(error));
    // The server reports input_tokens 1000 + cache_read_input_tokens 4000, and output_tokens 1 then 42.
    assert.deepEqual(parts.at(-1), { type: 'usage', inputTokens: 5000, outputTokens: 42, cachedInputTokens: 4000 });
    assert.equal(parts.filter((p) => p.type === 'usage').length, 1, 'once, at the end');
  });

  it('toolChoice required maps to tool_choice {type: "any"}', async () => {
    const { server, target } = await setup();
    const { error } = await collectParts(streamChatParts(target, ASK, { tools: [WEATHER_TOOL], toolChoice: 'required' }));
    assert.equal(error, undefined, String(error));
    assert.deepEqual((await server.chatStream(0)).json['tool_choice'], { type: 'any' });
  });

  it('invalid argument JSON from the provider is bad_response, never a call', async () => {
    const { target } = await setup({ chat: { deltas: [], toolCalls: [{ id: 'toolu_x', name: 'get_weather', arguments: '{"city": "Par', fragments: 2 }] } });
    const { parts, error } = await collectParts(streamChatParts(target, ASK, { tools: [WEATHER_TOOL] }));
    expectCategory(error, 'bad_response');
    assert.deepEqual(toolCallsOf(parts), []);
  });

  it('merges the results of a turn (VS Code sends one user message each) into one user turn, results first', async () => {
    const { server, target } = await setup({ chat: { deltas: ['Sunny in Paris at noon.'] } });
    const history: RichChatMessage[] = [
      ...toolRoundTrip(['toolu_w', 'toolu_t']).slice(0, 4),
      { role: 'user', content: [{ type: 'toolResult', callId: 'toolu_t', content: 'clock unavailable', isError: true }] },
      { role: 'user', content: 'Be quick.' },
    ];
    const { parts, error } = await collectParts(streamChatParts(target, history, { tools: [WEATHER_TOOL, TIME_TOOL] }));
    assert.equal(error, undefined, String(error));
    assert.equal(textOfParts(parts), 'Sunny in Paris at noon.');
    const json = (await server.chatStream(0)).json;
    assert.equal(json['system'], 'You are a helpful agent.');
    assert.deepEqual(json['messages'], [
      { role: 'user', content: 'Weather in Paris, and the time?' },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Let me check.' },
          { type: 'tool_use', id: 'toolu_w', name: 'get_weather', input: { city: 'Paris' } },
          { type: 'tool_use', id: 'toolu_t', name: 'get_time', input: {} },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_w', content: 'Sunny, 21°C' },
          { type: 'tool_result', tool_use_id: 'toolu_t', content: 'clock unavailable', is_error: true },
          { type: 'text', text: 'Be quick.' },
        ],
      },
    ]);
  });

  it('rewrites ids the API refuses the same way on the call and its result, keeping distinct ids distinct', async () => {
    const { server, target } = await setup();
    const { error } = await collectParts(streamChatParts(target, toolRoundTrip(['call.1:x', 'call.1:y'])));
    assert.equal(error, undefined, String(error));
    const messages = await messagesOf(server);
    const callIds = (messages[1]?.content as Blocks).filter((b) => b['type'] === 'tool_use').map((b) => b['id'] as string);
    assert.equal(callIds.length, 2);
    for (const id of callIds) assert.match(id, /^[a-zA-Z0-9_-]+$/);
    assert.notEqual(callIds[0], callIds[1]);
    assert.deepEqual(
      (messages[2]?.content as Blocks).map((b) => b['tool_use_id']),
      callIds,
    );
  });

  it('streams thinking and its signature, and sends them back as one signed block first in the turn', async () => {
    const { server, target } = await setup({ chat: { reasoning: ['Let me think', ' about Paris.'], deltas: ['Checking'], toolCalls: [{ id: 'toolu_w', name: 'get_weather', arguments: { city: 'Paris' } }] } });
    const { parts, error } = await collectParts(streamChatParts(target, ASK, { tools: [WEATHER_TOOL] }));
    assert.equal(error, undefined, String(error));
    assert.deepEqual(withoutUsage(parts), [
      { type: 'thinking', text: 'Let me think' },
      { type: 'thinking', text: ' about Paris.' },
      { type: 'thinking', text: '', metadata: { signature: THINKING_SIGNATURE } },
      { type: 'text', text: 'Checking' },
      { type: 'toolCall', id: 'toolu_w', name: 'get_weather', input: { city: 'Paris' } },
    ]);
    // The caller hands the reply back as the assistant turn of the next request, with the tool's result.
    const history: RichChatMessage[] = [
      ...ASK,
      { role: 'assistant', content: withoutUsage(parts) as Extract<RichChatMessage['content'], unknown[]> },
      { role: 'user', content: [{ type: 'toolResult', callId: 'toolu_w', content: 'Sunny' }] },
    ];
    assert.equal((await collectParts(streamChatParts(target, history, { tools: [WEATHER_TOOL] }))).error, undefined);
    const messages = await messagesOf(server, 1);
    assert.deepEqual(messages[1]?.content, [
      { type: 'thinking', thinking: 'Let me think about Paris.', signature: THINKING_SIGNATURE },
      { type: 'text', text: 'Checking' },
      { type: 'tool_use', id: 'toolu_w', name: 'get_weather', input: { city: 'Paris' } },
    ]);
  });

  it('thinking without a signature is not sent back (the API refuses an unsigned thinking block)', async () => {
    const { server, target } = await setup();
    const thinking = { type: 'thinking' as const, text: 'unsigned reasoning from another provider' };
    const { error } = await collectParts(streamChatParts(target, toolRoundTrip(['toolu_w', 'toolu_t'], { thinking })));
    assert.equal(error, undefined, String(error));
    const assistant = (await messagesOf(server))[1]?.content as Blocks;
    assert.deepEqual(
      assistant.map((b) => b['type']),
      ['text', 'tool_use', 'tool_use'],
    );
  });

  it('redacted thinking is read as a thinking part with its data, and sent back as a redacted_thinking block', async () => {
    const frame = (type: string, data: Record<string, unknown>) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
    const body = [
      frame('message_start', { message: { id: 'msg_r', type: 'message', role: 'assistant', content: [], usage: { input_tokens: 7, output_tokens: 1 } } }),
      frame('content_block_start', { index: 0, content_block: { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix' } }),
      frame('content_block_stop', { index: 0 }),
      frame('content_block_start', { index: 1, content_block: { type: 'text', text: '' } }),
      frame('content_block_delta', { index: 1, delta: { type: 'text_delta', text: 'Done.' } }),
      frame('content_block_stop', { index: 1 }),
      frame('message_delta', { delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 3 } }),
      frame('message_stop', {}),
    ].join('');
    const raw = await setup({ faults: [{ path: '/v1/messages', fault: { kind: 'status', status: 200, body, headers: { 'content-type': 'text/event-stream' } } }] });
    const { parts, error } = await collectParts(streamChatParts(raw.target, ASK));
    assert.equal(error, undefined, String(error));
    assert.deepEqual(parts, [
      { type: 'thinking', text: '', metadata: { redactedData: 'EmwKAhgBEgy3va3pzix' } },
      { type: 'text', text: 'Done.' },
      { type: 'usage', inputTokens: 7, outputTokens: 3 },
    ]);
    const { server, target } = await setup();
    const history: RichChatMessage[] = [...ASK, { role: 'assistant', content: withoutUsage(parts) as Extract<RichChatMessage['content'], unknown[]> }, { role: 'user', content: 'Thanks' }];
    assert.equal((await collectParts(streamChatParts(target, history))).error, undefined);
    assert.deepEqual((await messagesOf(server))[1]?.content, [
      { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix' },
      { type: 'text', text: 'Done.' },
    ]);
  });

  it('images go as base64 image blocks', async () => {
    const { server, target } = await setup();
    const image: RichChatMessage = { role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image', mimeType: 'image/png', data: new Uint8Array([137, 80, 78, 71]) }] };
    assert.equal((await collectParts(streamChatParts(target, [image]))).error, undefined);
    assert.deepEqual(await messagesOf(server), [
      { role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw==' } }] },
    ]);
  });

  it('empty text parts are not sent, and a message left empty does not break the alternation', async () => {
    const { server, target } = await setup();
    const history: RichChatMessage[] = [
      { role: 'user', content: [{ type: 'text', text: '' }, { type: 'text', text: 'Hi' }] },
      { role: 'assistant', content: [{ type: 'text', text: '' }] },
      { role: 'user', content: [{ type: 'text', text: '  ' }, { type: 'text', text: 'Still there?' }] },
      { role: 'assistant', content: [{ type: 'text', text: '' }, { type: 'toolCall', id: 'toolu_w', name: 'get_weather', input: { city: 'Oslo' } }] },
      { role: 'user', content: [{ type: 'toolResult', callId: 'toolu_w', content: 'Snow' }, { type: 'text', text: '' }] },
    ];
    const { error } = await collectParts(streamChatParts(target, history, { tools: [WEATHER_TOOL] }));
    assert.equal(error, undefined, String(error));
    assert.deepEqual(await messagesOf(server), [
      { role: 'user', content: [{ type: 'text', text: 'Hi' }, { type: 'text', text: 'Still there?' }] },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_w', name: 'get_weather', input: { city: 'Oslo' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_w', content: 'Snow' }] },
    ]);
  });

  it('the server refuses what the Messages API refuses (400 invalid_request_error)', async () => {
    const { server } = await setup();
    const post = async (body: Record<string, unknown>) => {
      const response = await fetch(`${server.baseUrl}/v1/messages`, {
        method: 'POST',
        headers: { 'x-api-key': KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
        body: JSON.stringify({ model: MODEL, max_tokens: 10, stream: true, ...body }),
      });
      const text = await response.text();
      return { status: response.status, text };
    };
    const use = (id: string) => ({ role: 'assistant', content: [{ type: 'tool_use', id, name: 'get_time', input: {} }] });
    const result = (id: string) => ({ type: 'tool_result', tool_use_id: id, content: '12:00' });
    const refused: [string, Record<string, unknown>][] = [
      ['same role twice', { messages: [{ role: 'user', content: 'a' }, { role: 'user', content: 'b' }] }],
      ['assistant first', { messages: [{ role: 'assistant', content: 'a' }, { role: 'user', content: 'b' }] }],
      ['empty text block', { messages: [{ role: 'user', content: [{ type: 'text', text: '' }] }] }],
      ['bad tool_use id', { messages: [{ role: 'user', content: 'a' }, use('call.1:x'), { role: 'user', content: [result('call.1:x')] }] }],
      ['unanswered tool_use', { messages: [{ role: 'user', content: 'a' }, use('toolu_1'), { role: 'user', content: 'b' }] }],
      ['orphan tool_result', { messages: [{ role: 'user', content: 'a' }, use('toolu_1'), { role: 'user', content: [result('toolu_1'), result('toolu_2')] }] }],
      ['result after text', { messages: [{ role: 'user', content: 'a' }, use('toolu_1'), { role: 'user', content: [{ type: 'text', text: 'b' }, result('toolu_1')] }] }],
      ['unsigned thinking', { messages: [{ role: 'user', content: 'a' }, { role: 'assistant', content: [{ type: 'thinking', thinking: 'x' }, { type: 'text', text: 'y' }] }, { role: 'user', content: 'c' }] }],
      ['tool without input_schema', { messages: [{ role: 'user', content: 'a' }], tools: [{ name: 'get_time' }] }],
      ['tool with a non-object schema', { messages: [{ role: 'user', content: 'a' }], tools: [{ name: 'get_time', input_schema: { type: 'string' } }] }],
    ];
    for (const [why, body] of refused) {
      const reply = await post(body);
      assert.equal(reply.status, 400, why);
      assert.equal((JSON.parse(reply.text) as { error: { type: string } }).error.type, 'invalid_request_error', why);
    }
    const fine = await post({ messages: [{ role: 'user', content: 'a' }, use('toolu_1'), { role: 'user', content: [result('toolu_1'), { type: 'text', text: 'b' }] }], tools: [{ name: 'get_time', input_schema: { type: 'object' } }] });
    assert.equal(fine.status, 200, fine.text);
  });
});
