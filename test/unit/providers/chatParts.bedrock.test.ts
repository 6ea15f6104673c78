// streamChatParts on Bedrock's ConverseStream, against the wire-faithful server (real event-stream frames with
// their CRCs, Bedrock's validation rules): the framing itself, tools out as toolSpecs, complete calls back, ids
// kept to Bedrock's rule, toolResult status, images, reasoning with its signature, usage, exceptions mid-stream.
import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { streamChatParts, type ChatContentPart, type ProviderTarget, type RichChatMessage } from '../../../src/providers';
import { BAD_FRAME_EVENT, EXCEPTION_EVENT_PREFIX, awsEventStreamFeeder, crc32 } from '../../../src/providers/chat/awsEventStream';
import type { StreamEvent } from '../../../src/providers/dialects/dialect';
import type { ProviderServerOptions } from '../../servers';
import { crc32 as serverCrc32, eventFrame, eventStreamFrame, exceptionFrame } from '../../servers/wire/awsEventStream';
import { bedrockRuleBroken } from '../../servers/wire/bedrock';
import { TIME_TOOL, WEATHER_TOOL, collectParts, textOfParts, toolCallsOf, toolRoundTrip } from './chatParts.helpers';
import { expectCategory, serverPool } from './helpers';

const KEY = 'fake-bedrock-parts-key-0001';
const MODEL = 'anthropic.claude-3-5-haiku-20241022-v1:0';
const pool = serverPool();
const rawServers: Server[] = [];
afterEach(async () => {
  await pool.closeAll();
  await Promise.all(rawServers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function setup(options: Partial<ProviderServerOptions> = {}) {
  const server = await pool.start({ dialect: 'bedrock', apiKey: KEY, models: [{ id: MODEL }], ...options });
  const target: ProviderTarget = { provider: 'bedrock', apiUrl: server.baseUrl, apiKey: KEY, model: MODEL, timeoutMs: 3000 };
  return { server, target };
}

/** A server that answers every request with these bytes as an event stream (for frames the wire server never sends). */
async function rawStream(body: Buffer): Promise<ProviderTarget> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream' });
    res.end(body);
  });
  rawServers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { provider: 'bedrock', apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, apiKey: KEY, model: MODEL, timeoutMs: 3000 };
}

/** The events a feeder makes of these chunks, without Bedrock's `p` padding field (its length varies). */
function decode(chunks: Iterable<Uint8Array>): { events: StreamEvent[]; tooLarge: boolean } {
  const events: StreamEvent[] = [];
  let tooLarge = false;
  const unpadded = (data: string): string => {
    try {
      const { p: _p, ...rest } = JSON.parse(data) as Record<string, unknown>;
      return JSON.stringify(rest);
    } catch {
      return data;
    }
  };
  const feeder = awsEventStreamFeeder((e) => events.push({ ...e, data: unpadded(e.data) }), () => (tooLarge = true));
  for (const chunk of chunks) feeder.feed(chunk);
  feeder.end();
  return { events, tooLarge };
}

const ASK: RichChatMessage[] = [{ role: 'user', content: 'Weather in Paris, and the time?' }];

describe('streamChatParts: Bedrock wire', function () {
  this.timeout(10_000);

  describe('event-stream framing', () => {
    // Headers of every type before the string ones: a decoder must skip each by its length.
    const typed = eventStreamFrame(
      {
        flag: { type: 'bool', value: true },
        off: { type: 'bool', value: false },
        b: { type: 'byte', value: 7 },
        s: { type: 'short', value: -2 },
        i: { type: 'int', value: 123456 },
        l: { type: 'long', value: 2n ** 40n },
        raw: { type: 'bytes', value: new Uint8Array([0, 7, 255]) },
        at: { type: 'timestamp', value: 1_700_000_000_000n },
        id: { type: 'uuid', value: new Uint8Array(16).fill(9) },
        ':event-type': 'contentBlockDelta',
        ':message-type': 'event',
      },
      '{"delta":{"text":"héllo ✓"}}',
    );
    const stream = Buffer.concat([eventFrame('messageStart', { role: 'assistant' }), typed, exceptionFrame('throttlingException', 'Slow down'), eventFrame('messageStop', { stopReason: 'end_turn' })]);
    const expected: StreamEvent[] = [
      { event: 'messageStart', data: '{"role":"assistant"}' },
      { event: 'contentBlockDelta', data: '{"delta":{"text":"héllo ✓"}}' },
      { event: `${EXCEPTION_EVENT_PREFIX}throttlingException`, data: '{"message":"Slow down"}' },
      { event: 'messageStop', data: '{"stopReason":"end_turn"}' },
    ];

    it('the two CRC32 tables agree with the IEEE check value', () => {
      const check = new TextEncoder().encode('123456789');
      assert.equal(crc32(check), 0xcbf43926);
      assert.equal(serverCrc32(check), 0xcbf43926);
    });

    it('decodes the same events whether fed whole, one byte at a time, or in random splits', () => {
      assert.deepEqual(decode([stream]), { events: expected, tooLarge: false });
      assert.deepEqual(decode([...stream].map((b) => Uint8Array.of(b))), { events: expected, tooLarge: false });
      let seed = 7;
      for (let round = 0; round < 20; round++) {
        const chunks: Uint8Array[] = [];
        for (let at = 0; at < stream.length; ) {
          seed = (seed * 1103515245 + 12345) % 2 ** 31;
          const size = 1 + (seed % 40);
          chunks.push(stream.subarray(at, at + size));
          at += size;
        }
        assert.deepEqual(decode(chunks).events, expected, `round ${round}`);
      }
    });

    it('a corrupted message CRC, a corrupted prelude CRC or a cut frame is a bad frame, and nothing after it is read', () => {
      const first = eventFrame('messageStart', { role: 'assistant' });
      const payloadFlip = Buffer.from(typed);
      payloadFlip[payloadFlip.length - 8] = (payloadFlip[payloadFlip.length - 8] as number) ^ 1;
      const preludeFlip = Buffer.from(typed);
      preludeFlip[3] = (preludeFlip[3] as number) ^ 1;
      for (const [broken, why] of [
        [payloadFlip, /failed its CRC/],
        [preludeFlip, /prelude .*CRC/],
        [typed.subarray(0, typed.length - 1), /ended partway/],
      ] as const) {
        const { events } = decode([Buffer.concat([first, broken, broken === preludeFlip || broken === payloadFlip ? first : Buffer.alloc(0)])]);
        assert.equal(events.length, 2, JSON.stringify(events));
        assert.equal(events[0]?.event, 'messageStart');
        assert.equal(events[1]?.event, BAD_FRAME_EVENT);
        assert.match(events[1]?.data ?? '', why);
      }
    });

    it('a frame whose prelude declares more than the cap is refused at once', () => {
      const prelude = Buffer.alloc(12);
      prelude.writeUInt32BE(5 * 1024 * 1024, 0);
      prelude.writeUInt32BE(0, 4);
      prelude.writeUInt32BE(serverCrc32(prelude.subarray(0, 8)), 8);
      const { events, tooLarge } = decode([prelude]);
      assert.equal(tooLarge, true);
      assert.deepEqual(events, []);
    });

    it('a corrupted frame mid-reply is bad_response, after the parts before it', async () => {
      const bad = Buffer.from(eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: ' world' } }));
      bad[bad.length - 1] = (bad[bad.length - 1] as number) ^ 0xff;
      const target = await rawStream(Buffer.concat([eventFrame('messageStart', { role: 'assistant' }), eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Hello' } }), bad]));
      const { parts, error } = await collectParts(streamChatParts(target, ASK));
      assert.deepEqual(parts, [{ type: 'text', text: 'Hello' }]);
      assert.match(expectCategory(error, 'bad_response').message, /damaged/);
    });
  });

  it('streams text and reasoning (its signature in the metadata of an empty thinking part), never reasoning as text', async () => {
    const { server, target } = await setup({ chat: { reasoning: ['Think ', 'hard.'], deltas: ['Hel', 'lo ', ' there'] } });
    const { parts, error } = await collectParts(streamChatParts(target, [{ role: 'system', content: 'Be brief.' }, ...ASK]));
    assert.equal(error, undefined, String(error));
    assert.deepEqual(parts, [
      { type: 'thinking', text: 'Think ' },
      { type: 'thinking', text: 'hard.' },
      { type: 'thinking', text: '', metadata: { signature: 'EqQBCkYIARgCIkD-test-signature' } },
      { type: 'text', text: 'Hel' },
      { type: 'text', text: 'lo ' },
      { type: 'text', text: ' there' },
    ]);
    const record = await server.chatStream(0);
    assert.equal(record.request.path, `/model/${encodeURIComponent(MODEL)}/converse-stream`);
    assert.equal(record.request.headers.authorization, `Bearer ${KEY}`);
    assert.deepEqual(record.json['system'], [{ text: 'Be brief.' }]);
    assert.deepEqual(record.json['messages'], [{ role: 'user', content: [{ text: 'Weather in Paris, and the time?' }] }]);
    assert.equal(record.json['toolConfig'], undefined);
  });

  it('sends tools as toolSpecs and yields parallel calls complete, in order, joined from fragments, then usage', async () => {
    const { server, target } = await setup({
      chat: {
        deltas: ['Checking'],
        toolCalls: [
          { id: 'tooluse_weather01', name: 'get_weather', arguments: { city: 'Paris', days: [1, 2] }, fragments: 6 },
          { id: 'tooluse_time02', name: 'get_time', arguments: '' },
        ],
        usage: { inputTokens: 120, outputTokens: 30, cachedInputTokens: 100 },
      },
    });
    const { parts, error } = await collectParts(streamChatParts(target, ASK, { tools: [WEATHER_TOOL, TIME_TOOL], toolChoice: 'required' }));
    assert.equal(error, undefined, String(error));
    assert.deepEqual(parts, [
      { type: 'text', text: 'Checking' },
      { type: 'toolCall', id: 'tooluse_weather01', name: 'get_weather', input: { city: 'Paris', days: [1, 2] } },
      { type: 'toolCall', id: 'tooluse_time02', name: 'get_time', input: {} },
      { type: 'usage', inputTokens: 120, outputTokens: 30, cachedInputTokens: 100 },
    ]);
    assert.deepEqual((await server.chatStream(0)).json['toolConfig'], {
      tools: [
        { toolSpec: { name: 'get_weather', description: WEATHER_TOOL.description, inputSchema: { json: WEATHER_TOOL.inputSchema } } },
        { toolSpec: { name: 'get_time', description: TIME_TOOL.description, inputSchema: { json: { type: 'object', properties: {} } } } },
      ],
      toolChoice: { any: {} },
    });
  });

  it('auto sends no toolChoice; no usage part when the metadata counts are zero', async () => {
    const { server, target } = await setup();
    const { parts } = await collectParts(streamChatParts(target, ASK, { tools: [WEATHER_TOOL] }));
    assert.equal(parts.some((p) => p.type === 'usage'), false);
    assert.equal('toolChoice' in ((await server.chatStream(0)).json['toolConfig'] as object), false);
  });

  it('invalid argument JSON from the provider is bad_response, never a call', async () => {
    const { target } = await setup({ chat: { deltas: [], toolCalls: [{ id: 'tooluse_x', name: 'get_weather', arguments: '{"city": "Par', fragments: 2 }] } });
    const { parts, error } = await collectParts(streamChatParts(target, ASK, { tools: [WEATHER_TOOL] }));
    expectCategory(error, 'bad_response');
    assert.deepEqual(toolCallsOf(parts), []);
  });

  it('sends a tool round trip as toolUse blocks and one merged user turn of toolResults, which the server accepts', async () => {
    const { server, target } = await setup({ chat: { deltas: ['Sunny in Paris at noon.'] } });
    const history = toolRoundTrip(['tooluse_w', 'tooluse_t']);
    history.push({ role: 'user', content: 'Thanks!' });
    const { parts, error } = await collectParts(streamChatParts(target, history, { tools: [WEATHER_TOOL, TIME_TOOL] }));
    assert.equal(error, undefined, String(error));
    assert.equal(textOfParts(parts), 'Sunny in Paris at noon.');
    const json = (await server.chatStream(0)).json;
    assert.deepEqual(json['system'], [{ text: 'You are a helpful agent.' }]);
    assert.deepEqual(json['messages'], [
      { role: 'user', content: [{ text: 'Weather in Paris, and the time?' }] },
      {
        role: 'assistant',
        content: [
          { text: 'Let me check.' },
          { toolUse: { toolUseId: 'tooluse_w', name: 'get_weather', input: { city: 'Paris' } } },
          { toolUse: { toolUseId: 'tooluse_t', name: 'get_time', input: {} } },
        ],
      },
      {
        role: 'user',
        content: [
          { toolResult: { toolUseId: 'tooluse_w', content: [{ text: 'Sunny, 21°C' }] } },
          { toolResult: { toolUseId: 'tooluse_t', content: [{ text: '12:00' }] } },
          { text: 'Thanks!' },
        ],
      },
    ]);
  });

  it('a failed tool result carries status "error"', async () => {
    const { server, target } = await setup();
    const history = toolRoundTrip(['tooluse_w', 'tooluse_t']);
    history[3] = { role: 'user', content: [{ type: 'toolResult', callId: 'tooluse_w', content: 'City not found', isError: true }] };
    assert.equal((await collectParts(streamChatParts(target, history, { tools: [WEATHER_TOOL, TIME_TOOL] }))).error, undefined);
    const results = ((await server.chatStream(0)).json['messages'] as { content: Record<string, unknown>[] }[])[2]?.content;
    assert.deepEqual(results, [
      { toolResult: { toolUseId: 'tooluse_w', content: [{ text: 'City not found' }], status: 'error' } },
      { toolResult: { toolUseId: 'tooluse_t', content: [{ text: '12:00' }] } },
    ]);
  });

  it("ids outside Bedrock's rule (over 64 characters, other characters) are rewritten alike on call and result, kept distinct", async () => {
    const long1 = `toolu_vrtx_${'a'.repeat(60)}1`;
    const long2 = `toolu_vrtx_${'a'.repeat(60)}2`;
    for (const ids of [[long1, long2], ['call:1/x', 'call:2/x']] as [string, string][]) {
      const { server, target } = await setup();
      const { error } = await collectParts(streamChatParts(target, toolRoundTrip(ids)));
      assert.equal(error, undefined, String(error));
      const messages = (await server.chatStream(0)).json['messages'] as { content: Record<string, Record<string, string>>[] }[];
      const callIds = (messages[1]?.content ?? []).filter((b) => b['toolUse']).map((b) => b['toolUse']?.['toolUseId']);
      const resultIds = (messages[2]?.content ?? []).map((b) => b['toolResult']?.['toolUseId']);
      assert.equal(callIds.length, 2);
      for (const id of callIds) assert.match(String(id), /^[a-zA-Z0-9_-]{1,64}$/);
      assert.notEqual(callIds[0], callIds[1]);
      assert.deepEqual(resultIds, callIds);
    }
  });

  it('a tool history sent without tools declares the tools it names (Converse refuses tool blocks without a toolConfig)', async () => {
    const { server, target } = await setup();
    assert.equal((await collectParts(streamChatParts(target, toolRoundTrip(['tooluse_w', 'tooluse_t'])))).error, undefined);
    assert.deepEqual((await server.chatStream(0)).json['toolConfig'], {
      tools: [
        { toolSpec: { name: 'get_weather', inputSchema: { json: { type: 'object', properties: {} } } } },
        { toolSpec: { name: 'get_time', inputSchema: { json: { type: 'object', properties: {} } } } },
      ],
    });
  });

  it('signed reasoning goes back first in its turn as one reasoningContent block; unsigned reasoning stays out', async () => {
    const { server, target } = await setup();
    const signed = toolRoundTrip(['tooluse_w', 'tooluse_t'], { thinking: { type: 'thinking', text: 'Both tools.' } });
    const assistant = signed[2] as { content: ChatContentPart[] };
    assistant.content.splice(1, 0, { type: 'thinking', text: '', metadata: { signature: 'sig-123' } });
    assert.equal((await collectParts(streamChatParts(target, signed))).error, undefined);
    const turn = ((await server.chatStream(0)).json['messages'] as { content: unknown[] }[])[1];
    assert.deepEqual(turn?.content[0], { reasoningContent: { reasoningText: { text: 'Both tools.', signature: 'sig-123' } } });
    assert.equal(turn?.content.length, 4);

    assert.equal((await collectParts(streamChatParts(target, toolRoundTrip(['tooluse_w', 'tooluse_t'], { thinking: { type: 'thinking', text: 'Unsigned.' } })))).error, undefined);
    const plain = ((await server.chatStream(1)).json['messages'] as { content: Record<string, unknown>[] }[])[1];
    assert.equal(plain?.content.some((b) => 'reasoningContent' in b), false);
  });

  it('images go as image blocks with their format and base64 bytes; other formats are refused before sending', async () => {
    const { server, target } = await setup();
    const image = (mimeType: string): RichChatMessage => ({
      role: 'user',
      content: [{ type: 'text', text: 'What is this?' }, { type: 'image', mimeType, data: new Uint8Array([137, 80, 78, 71]) }],
    });
    assert.equal((await collectParts(streamChatParts(target, [image('image/jpeg')]))).error, undefined);
    assert.deepEqual((await server.chatStream(0)).json['messages'], [
      { role: 'user', content: [{ text: 'What is this?' }, { image: { format: 'jpeg', source: { bytes: 'iVBORw==' } } }] },
    ]);
    const before = server.requests.length;
    const bmp = await collectParts(streamChatParts(target, [image('image/bmp')]));
    assert.match(expectCategory(bmp.error, 'bad_response').message, /PNG, JPEG, GIF and WebP/);
    const refused = await collectParts(streamChatParts({ ...target, imageInput: false }, [image('image/png')]));
    assert.match(expectCategory(refused.error, 'bad_response').message, /does not take images/);
    assert.equal(server.requests.length, before, 'nothing was sent');
  });

  it('an exception frame mid-stream throws with its category, after the text before it', async () => {
    for (const [kind, category] of [
      ['rateLimit', 'rate_limited'],
      ['serverError', 'server_error'],
    ] as const) {
      const { target } = await setup({ chat: { deltas: ['Hello', ' world'], fault: { kind: 'errorEvent', afterDeltas: 1, error: kind } } });
      const { parts, error } = await collectParts(streamChatParts(target, ASK));
      assert.deepEqual(parts, [{ type: 'text', text: 'Hello' }]);
      assert.match(expectCategory(error, category).message, /partway/);
    }
    for (const type of ['modelStreamErrorException', 'validationException']) {
      const target = await rawStream(Buffer.concat([eventFrame('messageStart', { role: 'assistant' }), eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Hi' } }), exceptionFrame(type, `${type} said no`)]));
      const { parts, error } = await collectParts(streamChatParts(target, ASK));
      assert.deepEqual(parts, [{ type: 'text', text: 'Hi' }]);
      assert.match(expectCategory(error, 'server_error').message, new RegExp(`${type} said no`));
    }
  });

  it("the server refuses what Bedrock refuses: roles that do not alternate, a result with no call before it, a bad toolUseId", () => {
    const use = { toolUse: { toolUseId: 'tooluse_1', name: 'get_time', input: {} } };
    const toolConfig = { tools: [{ toolSpec: { name: 'get_time', inputSchema: { json: { type: 'object' } } } }] };
    const good = {
      messages: [
        { role: 'user', content: [{ text: 'Time?' }] },
        { role: 'assistant', content: [use] },
        { role: 'user', content: [{ toolResult: { toolUseId: 'tooluse_1', content: [{ text: '12:00' }] } }] },
      ],
      toolConfig,
    };
    assert.equal(bedrockRuleBroken(good), undefined);
    assert.match(bedrockRuleBroken({ messages: [{ role: 'user', content: [{ text: 'a' }] }, { role: 'user', content: [{ text: 'b' }] }] }) ?? '', /alternate/);
    assert.match(
      bedrockRuleBroken({ ...good, messages: [good.messages[0], { role: 'assistant', content: [{ text: 'No.' }] }, good.messages[2]] }) ?? '',
      /corresponding toolUse/,
    );
    const badId = { toolUse: { ...use.toolUse, toolUseId: 'call:1' } };
    assert.match(bedrockRuleBroken({ ...good, messages: [good.messages[0], { role: 'assistant', content: [badId] }] }) ?? '', /regular expression/);
    assert.match(bedrockRuleBroken({ messages: good.messages }) ?? '', /toolConfig/);
  });
});
