// The shared pieces of the chat wires: tool call ids per wire, streamed tool call assembly, inline <think> tags,
// and the history snapshot and base64 of images.
import * as assert from 'node:assert/strict';
import { wireCallId, type CallIdRule } from '../../../src/providers/chat/callIds';
import { base64Of, snapshotMessages } from '../../../src/providers/chat/messages';
import { ThinkTagSplitter } from '../../../src/providers/chat/thinkTags';
import { ToolCallAssembler, type ToolCallFragment } from '../../../src/providers/chat/toolCalls';
import { ProviderError } from '../../../src/providers/providerError';
import type { ChatPart } from '../../../src/providers/types';

const VALID: Record<CallIdRule, (id: string) => boolean> = {
  'nine-alphanumerics': (id) => /^[a-zA-Z0-9]{9}$/.test(id),
  openai: (id) => id.length > 0 && id.length <= 40,
  anthropic: (id) => /^[a-zA-Z0-9_-]+$/.test(id),
  bedrock: (id) => /^[a-zA-Z0-9_-]{1,64}$/.test(id),
};
const RULES = Object.keys(VALID) as CallIdRule[];

describe('wireCallId', () => {
  it('leaves an id the wire accepts unchanged', () => {
    assert.equal(wireCallId('abcDEF123', 'nine-alphanumerics'), 'abcDEF123');
    assert.equal(wireCallId('call_abc', 'openai'), 'call_abc');
    const forty = `call_${'x'.repeat(35)}`;
    assert.equal(wireCallId(forty, 'openai'), forty);
    assert.equal(wireCallId('toolu_01A-b_c', 'anthropic'), 'toolu_01A-b_c');
    assert.equal(wireCallId('call:1.2', 'openai'), 'call:1.2');
  });

  const awkward = [
    '',
    'a',
    'abcdefgh',
    'abcdefghij',
    'abcdefgh!',
    'call_0123456789abcdef',
    'functions.read_file:0',
    'id with spaces',
    'ümlaut-id',
    `call_${'y'.repeat(80)}`,
    'toolu_01ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijkl',
  ];

  for (const rule of RULES) {
    it(`rewrites every id into one the ${rule} rule accepts`, () => {
      for (const id of awkward) {
        const out = wireCallId(id, rule);
        assert.ok(VALID[rule](out), `${rule}: ${JSON.stringify(id)} became ${JSON.stringify(out)}`);
        if (VALID[rule](id)) assert.equal(out, id);
      }
    });
  }

  it('rewrites the ids each rule refuses', () => {
    assert.notEqual(wireCallId('call_0123456789abcdef', 'nine-alphanumerics'), 'call_0123456789abcdef');
    assert.notEqual(wireCallId('x'.repeat(41), 'openai'), 'x'.repeat(41));
    assert.notEqual(wireCallId('functions.read_file:0', 'anthropic'), 'functions.read_file:0');
  });

  it('is deterministic, and a rewritten id is left as it is', () => {
    for (const rule of RULES) {
      for (const id of awkward) {
        const out = wireCallId(id, rule);
        assert.equal(wireCallId(id, rule), out);
        assert.equal(wireCallId(out, rule), out, `${rule}: rewriting ${JSON.stringify(out)} again changed it`);
      }
    }
  });

  const families: Record<CallIdRule, (i: number) => string> = {
    'nine-alphanumerics': (i) => `call_${'0123456789abcdef'.repeat(4)}_${i}`,
    openai: (i) => `${'chatcmpl-tool-'.repeat(4)}${String(i).padStart(6, '0')}`,
    anthropic: (i) => `functions.${'very_long_tool_name_'.repeat(3)}:${i}`,
    bedrock: (i) => `toolu_${'x'.repeat(70)}${i}`,
  };

  for (const rule of RULES) {
    it(`keeps 20 000 ids that differ only at the end distinct under the ${rule} rule`, () => {
      const seen = new Map<string, string>();
      for (let i = 0; i < 20_000; i++) {
        const id = families[rule](i);
        const out = wireCallId(id, rule);
        assert.ok(VALID[rule](out));
        const before = seen.get(out);
        assert.equal(before, undefined, `${rule}: ${before} and ${id} both became ${out}`);
        seen.set(out, id);
      }
    });
  }

  it('keeps ids that differ only in their last character distinct', () => {
    for (const rule of RULES) {
      const outs = new Set<string>();
      const chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:._-';
      for (const c of chars) outs.add(wireCallId(`call.${'z'.repeat(50)}${c}`, rule));
      assert.equal(outs.size, chars.length, rule);
    }
  });
});

type ToolCall = Extract<ChatPart, { type: 'toolCall' }>;

function assemble(fragments: ToolCallFragment[]): ToolCall[] {
  const calls = new ToolCallAssembler();
  for (const f of fragments) calls.add(f);
  return calls.take();
}

function badResponse(fn: () => unknown): void {
  assert.throws(fn, (e: unknown) => e instanceof ProviderError && e.category === 'bad_response');
}

describe('ToolCallAssembler', () => {
  it('routes fragments by id', () => {
    const out = assemble([
      { id: 'a', name: 'read', arguments: '{"path":' },
      { id: 'b', name: 'write', arguments: '{"text":' },
      { id: 'a', arguments: '"x.ts"}' },
      { id: 'b', arguments: '"hi"}' },
    ]);
    assert.deepEqual(
      out.map((c) => [c.id, c.name, c.input]),
      [
        ['a', 'read', { path: 'x.ts' }],
        ['b', 'write', { text: 'hi' }],
      ],
    );
  });

  it('routes fragments that carry only an index by their index (OpenAI)', () => {
    const out = assemble([
      { index: 0, id: 'call_a', name: 'read', arguments: '' },
      { index: 1, id: 'call_b', name: 'write', arguments: '' },
      { index: 0, arguments: '{"path":"x.ts"}' },
      { index: 1, arguments: '{"text":' },
      { index: 1, arguments: '"hi"}' },
    ]);
    assert.deepEqual(
      out.map((c) => [c.id, c.name, c.input]),
      [
        ['call_a', 'read', { path: 'x.ts' }],
        ['call_b', 'write', { text: 'hi' }],
      ],
    );
  });

  it('asks the id before the index', () => {
    const out = assemble([
      { index: 0, id: 'a', name: 'read' },
      { index: 1, id: 'b', name: 'write' },
      { index: 1, id: 'a', arguments: '{"n":1}' },
    ]);
    assert.deepEqual(out.find((c) => c.id === 'a')?.input, { n: 1 });
    assert.deepEqual(out.find((c) => c.id === 'b')?.input, {});
  });

  it('takes the same index under a new id as a new call (Ollama numbers every call 0)', () => {
    const out = assemble([
      { index: 0, id: 'a', name: 'read', arguments: '{"path":"x.ts"}' },
      { index: 0, id: 'b', name: 'read', arguments: '{"path":"y.ts"}' },
    ]);
    assert.deepEqual(
      out.map((c) => [c.id, c.input]),
      [
        ['a', { path: 'x.ts' }],
        ['b', { path: 'y.ts' }],
      ],
    );
  });

  it('gives a call first seen by index the id that comes later for that index', () => {
    const out = assemble([
      { index: 0, name: 'read', arguments: '{"path":' },
      { index: 0, id: 'late', arguments: '"x.ts"}' },
    ]);
    assert.deepEqual(out, [{ type: 'toolCall', id: 'late', name: 'read', input: { path: 'x.ts' } }]);
  });

  it('joins fragments with neither id nor index to the call in progress (Gemini\'s OpenAI endpoint)', () => {
    const out = assemble([
      { id: 'a', name: 'read', arguments: '{"path":' },
      { arguments: '"x.ts"}' },
      { id: 'b', name: 'list' },
      { arguments: '{"dir":' },
      { arguments: '"src"}' },
    ]);
    assert.deepEqual(
      out.map((c) => [c.id, c.name, c.input]),
      [
        ['a', 'read', { path: 'x.ts' }],
        ['b', 'list', { dir: 'src' }],
      ],
    );
  });

  it('merges the metadata of a call\'s fragments, and adds none where there was none', () => {
    const out = assemble([
      { id: 'a', name: 'read', metadata: { thoughtSignature: 'sig' } },
      { id: 'a', arguments: '{}', metadata: { extra: 1 } },
      { id: 'b', name: 'write' },
    ]);
    assert.deepEqual(out[0]?.metadata, { thoughtSignature: 'sig', extra: 1 });
    assert.ok(out[1] !== undefined && !('metadata' in out[1]));
  });

  it('is empty after take(), and an id seen before starts a new call', () => {
    const calls = new ToolCallAssembler();
    assert.equal(calls.pending, false);
    calls.add({ index: 0, id: 'a', name: 'read', arguments: '{"n":1}' });
    assert.equal(calls.pending, true);
    assert.equal(calls.take().length, 1);
    assert.equal(calls.pending, false);
    assert.deepEqual(calls.take(), []);
    calls.add({ index: 0, id: 'a', name: 'read', arguments: '{"n":2}' });
    calls.add({ index: 0, arguments: '' });
    assert.deepEqual(calls.take(), [{ type: 'toolCall', id: 'a', name: 'read', input: { n: 2 } }]);
  });

  it('reads empty arguments as {}', () => {
    assert.deepEqual(assemble([{ id: 'a', name: 'now' }])[0]?.input, {});
    assert.deepEqual(assemble([{ id: 'a', name: 'now', arguments: '' }])[0]?.input, {});
    assert.deepEqual(assemble([{ id: 'a', name: 'now', arguments: '  \n' }])[0]?.input, {});
  });

  it('refuses arguments that are not a JSON object as a bad response', () => {
    for (const args of ['{"path":', '{path: 1}', 'not json', '[1,2]', '"text"', '3', 'null', 'true']) {
      badResponse(() => assemble([{ id: 'a', name: 'read', arguments: args }]));
    }
  });

  it('refuses a call without a name as a bad response', () => {
    badResponse(() => assemble([{ id: 'a', arguments: '{}' }]));
    badResponse(() => assemble([{ id: 'a', name: '', arguments: '{}' }]));
    badResponse(() => assemble([{ id: 'a', name: 'read' }, { id: 'b', arguments: '{}' }]));
  });

  it('mints distinct ids for calls that came without one', () => {
    const out = assemble([
      { index: 0, name: 'read', arguments: '{}' },
      { index: 1, name: 'read', arguments: '{}' },
    ]);
    assert.equal(out.length, 2);
    for (const c of out) assert.ok(typeof c.id === 'string' && c.id.length > 0);
    assert.notEqual(out[0]?.id, out[1]?.id);
  });
});

function split(deltas: string[]): { thinking: string; text: string; order: string } {
  const s = new ThinkTagSplitter();
  const parts = [...deltas.flatMap((d) => s.push(d)), ...s.flush()];
  let thinking = '';
  let text = '';
  let order = '';
  for (const p of parts) {
    if (p.type !== 'thinking' && p.type !== 'text') assert.fail(`unexpected part ${p.type}`);
    assert.notEqual(p.text, '', 'an empty part');
    if (p.type === 'thinking') thinking += p.text;
    else text += p.text;
    const kind = p.type === 'thinking' ? 'T' : 'X';
    if (!order.endsWith(kind)) order += kind;
  }
  return { thinking, text, order };
}

/** Every way of cutting `s` into two or three deltas, and one character at a time. */
function splits(s: string): string[][] {
  const out: string[][] = [[s], [...s]];
  for (let i = 0; i <= s.length; i++) {
    out.push([s.slice(0, i), s.slice(i)]);
    for (let j = i; j <= s.length; j++) out.push([s.slice(0, i), s.slice(i, j), s.slice(j)]);
  }
  return out;
}

describe('ThinkTagSplitter', () => {
  it('splits <think>abc</think>Answer wherever the deltas are cut', () => {
    for (const deltas of splits('<think>abc</think>Answer')) {
      assert.deepEqual(split(deltas), { thinking: 'abc', text: 'Answer', order: 'TX' }, JSON.stringify(deltas));
    }
  });

  it('takes whitespace around the think block as no part of the reply, wherever the deltas are cut', () => {
    for (const deltas of splits('\n <think>abc</think>\n\nAnswer')) {
      assert.deepEqual(split(deltas), { thinking: 'abc', text: 'Answer', order: 'TX' }, JSON.stringify(deltas));
    }
  });

  it('treats tags after reply text as text', () => {
    const reply = 'Use <think> tags like <think>this</think>.';
    for (const deltas of splits(reply)) {
      assert.deepEqual(split(deltas), { thinking: '', text: reply, order: 'X' }, JSON.stringify(deltas));
    }
  });

  it('keeps a < inside the reasoning that is not the closing tag', () => {
    for (const deltas of splits('<think>a</b><</thin</think>ok')) {
      assert.deepEqual(split(deltas), { thinking: 'a</b><</thin', text: 'ok', order: 'TX' }, JSON.stringify(deltas));
    }
  });

  it('passes a reply without tags through, including one that only looks like the start of a tag', () => {
    assert.deepEqual(split(['Hello', ' world']), { thinking: '', text: 'Hello world', order: 'X' });
    assert.deepEqual(split(['<th', 'e end>']), { thinking: '', text: '<the end>', order: 'X' });
    assert.deepEqual(split(['<thi']), { thinking: '', text: '<thi', order: 'X' });
  });

  it('flushes an unclosed think block as thinking, including a held partial closing tag', () => {
    for (const deltas of splits('<think>abc</thi')) {
      assert.deepEqual(split(deltas), { thinking: 'abc</thi', text: '', order: 'T' }, JSON.stringify(deltas));
    }
  });
});

describe('snapshotMessages', () => {
  it('refuses a history that is not an array of well-formed messages with a TypeError', () => {
    const bad: unknown[] = [
      undefined,
      'hello',
      { role: 'user', content: 'hi' },
      [null],
      [undefined],
      ['hi'],
      [{ content: 'hi' }],
      [{ role: 'tool', content: 'hi' }],
      [{ role: 'User', content: 'hi' }],
      [{ role: 'user' }],
      [{ role: 'user', content: 42 }],
      [{ role: 'user', content: { type: 'text', text: 'hi' } }],
      [{ role: 'user', content: [null] }],
      [{ role: 'user', content: ['hi'] }],
      [{ role: 'user', content: [{ text: 'hi' }] }],
      [{ role: 'user', content: [{ type: 'audio', data: new Uint8Array(1) }] }],
      [{ role: 'user', content: 'ok' }, { role: 'assistant', content: [{ type: 'text', text: 'a' }, { type: 'file' }] }],
    ];
    for (const messages of bad) {
      assert.throws(() => snapshotMessages(messages), (e: unknown) => e instanceof TypeError && e.message.startsWith('streamChatParts: messages must be'), JSON.stringify(messages));
    }
  });

  it('accepts every role and part type, unchanged', () => {
    const messages = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: [{ type: 'text', text: 'hi' }, { type: 'image', mimeType: 'image/png', data: new Uint8Array([1, 2]) }] },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', text: 'hm', metadata: { signature: 's' } },
          { type: 'toolCall', id: 'c1', name: 'read', input: { path: 'x' } },
        ],
      },
      { role: 'user', content: [{ type: 'toolResult', callId: 'c1', content: 'file', isError: false }] },
      { role: 'assistant', content: '' },
    ];
    assert.deepEqual(snapshotMessages(messages), messages);
    assert.deepEqual(snapshotMessages([]), []);
  });

  it('copies the messages and their parts, so later changes to the caller\'s history do not reach it', () => {
    const part = { type: 'text', text: 'before' };
    const content = [part];
    const message = { role: 'user', content };
    const history: unknown[] = [message];
    const snap = snapshotMessages(history);
    part.text = 'after';
    content.push({ type: 'text', text: 'added' });
    message.role = 'assistant';
    history.push({ role: 'user', content: 'more' });
    assert.deepEqual(snap, [{ role: 'user', content: [{ type: 'text', text: 'before' }] }]);
  });
});

/** Reproducible bytes (xorshift32). */
function bytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed | 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

describe('base64Of', () => {
  it('matches Buffer\'s base64 for bytes of many sizes, past one 32 KB chunk', () => {
    for (const [i, size] of [0, 1, 2, 3, 4, 5, 255, 256, 0x7fff, 0x8000, 0x8001, 0x10000 + 7, 100_000, 300_001].entries()) {
      const data = bytes(size, 0x9e3779b9 + i);
      assert.equal(base64Of(data), Buffer.from(data).toString('base64'), `${size} bytes`);
    }
  });

  it('encodes every byte value', () => {
    const data = Uint8Array.from({ length: 512 }, (_, i) => i & 0xff);
    assert.equal(base64Of(data), Buffer.from(data).toString('base64'));
  });

  it('encodes only the bytes of a view into a larger buffer', () => {
    const whole = bytes(70_000, 7);
    const view = whole.subarray(1_001, 68_000);
    assert.equal(base64Of(view), Buffer.from(view).toString('base64'));
  });
});
