// A connection's capability overrides in the form: their text form in the draft, its validation, and the way
// back to what is stored (nothing at all when every field is left to detection).
import * as assert from 'node:assert/strict';
import {
  capabilitiesDraftOf,
  capabilitiesFromDraft,
  cloneDraft,
  draftFromConnection,
  EMPTY_DRAFT,
  hasAdvancedValues,
  type CapabilitiesDraft,
  type Connection,
  type ConnectionDraft,
} from '../../../src/shared/connection';
import * as v from 'valibot';
import { connectionDraftSchema } from '../../../src/shared/draftSchema';
import { parseFromWebview } from '../../../src/shared/protocol';
import { MAX_CAPABILITY_TOKENS, validateDraft, validateTokenCount } from '../../../src/shared/validation';

const parseDraft = (raw: unknown) => {
  const parsed = v.safeParse(connectionDraftSchema, raw);
  return parsed.success ? parsed.output : undefined;
};
const caps = (over: Partial<CapabilitiesDraft>): CapabilitiesDraft => ({ ...EMPTY_DRAFT.capabilities, ...over });
const draft = (over: Partial<CapabilitiesDraft>): ConnectionDraft => ({ ...cloneDraft(EMPTY_DRAFT), name: 'n', provider: 'openai', capabilities: caps(over) });
const check = (d: ConnectionDraft) => validateDraft(d, [], ['openai']);
const connection = (over: Partial<Connection>): Connection => ({
  id: 'c1',
  name: 'Work',
  provider: 'openai',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

describe('capability overrides: validation', () => {
  it('accepts empty (detect) and whole numbers from 1 to the maximum, with spaces around', () => {
    for (const ok of ['', '  ', '1', '50000', ' 128000 ', String(MAX_CAPABILITY_TOKENS)]) assert.equal(validateTokenCount(ok), undefined, ok);
  });

  it('refuses anything else with one code', () => {
    for (const bad of ['0', '-5', '1.5', '1e5', '50k', '50 000', '50,000', 'abc', String(MAX_CAPABILITY_TOKENS + 1), '9'.repeat(400)]) {
      assert.equal(validateTokenCount(bad), 'tokensInvalid', bad);
    }
  });

  it('reports each count on its own field, and nothing for the flags or the family', () => {
    assert.deepEqual(check(draft({ contextWindow: 'lots', maxOutputTokens: '0' })), { contextWindow: 'tokensInvalid', maxOutputTokens: 'tokensInvalid' });
    assert.deepEqual(check(draft({ contextWindow: '50000' })), {});
    assert.deepEqual(check(draft({ toolCalling: 'no', imageInput: 'yes', maxOutputTokens: '4096', family: 'claude-x' })), {});
  });
});

describe('capability overrides: draft ↔ connection', () => {
  it('a connection without overrides gives an all-detect draft, and that stores nothing', () => {
    const d = draftFromConnection(connection({}), false);
    assert.deepEqual(d.capabilities, EMPTY_DRAFT.capabilities);
    assert.equal(capabilitiesFromDraft(d.capabilities), undefined);
    assert.equal(capabilitiesFromDraft(caps({ family: '   ', contextWindow: ' ' })), undefined);
  });

  it('round-trips every override', () => {
    for (const overrides of [
      { toolCalling: true, imageInput: false, contextWindow: 50_000, maxOutputTokens: 4096, family: 'gpt-4o' },
      { toolCalling: false, imageInput: true },
      { imageInput: false },
      { contextWindow: 1 },
      { family: 'claude-sonnet-4' },
    ]) {
      const d = draftFromConnection(connection({ capabilities: overrides }), false);
      assert.deepEqual(capabilitiesFromDraft(d.capabilities), overrides);
    }
  });

  it('shows overrides as the form does: choices and text', () => {
    assert.deepEqual(capabilitiesDraftOf({ toolCalling: false, imageInput: true, contextWindow: 50_000, family: 'gemini-2.5' }), {
      toolCalling: 'no',
      imageInput: 'yes',
      contextWindow: '50000',
      maxOutputTokens: '',
      family: 'gemini-2.5',
    });
  });

  it('stores only what the draft sets, trimmed', () => {
    assert.deepEqual(capabilitiesFromDraft(caps({ imageInput: 'no', contextWindow: ' 50000 ' })), { imageInput: false, contextWindow: 50_000 });
    assert.deepEqual(capabilitiesFromDraft(caps({ toolCalling: 'yes', family: '  claude-opus-4 ' })), { toolCalling: true, family: 'claude-opus-4' });
  });

  it('opens Advanced by itself when any override is set', () => {
    assert.equal(hasAdvancedValues(draft({})), false);
    assert.equal(hasAdvancedValues(draft({ imageInput: 'no' })), true);
    assert.equal(hasAdvancedValues(draft({ maxOutputTokens: '4096' })), true);
    assert.equal(hasAdvancedValues(draft({ family: 'gpt' })), true);
    assert.equal(hasAdvancedValues(draftFromConnection(connection({ capabilities: { contextWindow: 8192 } }), false)), true);
  });

  it('copies the capabilities when cloning a draft', () => {
    const d = draft({ family: 'a' });
    const copy = cloneDraft(d);
    copy.capabilities.family = 'b';
    assert.equal(d.capabilities.family, 'a');
  });
});

describe('capability overrides: drafts at runtime', () => {
  it('defaults them for a draft saved by an older form', () => {
    const { capabilities: _, ...old } = draft({});
    const parsed = parseDraft(old);
    assert.deepEqual(parsed?.capabilities, EMPTY_DRAFT.capabilities);
    // A fresh object each time: the form edits its draft in place.
    assert.notEqual(parsed?.capabilities, EMPTY_DRAFT.capabilities);
  });

  it('keeps well-formed ones, text that does not validate included (validation says why)', () => {
    const d = draft({ toolCalling: 'yes', imageInput: 'no', contextWindow: 'lots', family: 'x' });
    assert.deepEqual(parseDraft(d), d);
  });

  it('refuses malformed ones', () => {
    for (const bad of [
      null,
      'detect',
      [],
      { ...EMPTY_DRAFT.capabilities, toolCalling: true },
      { ...EMPTY_DRAFT.capabilities, imageInput: 'maybe' },
      { ...EMPTY_DRAFT.capabilities, contextWindow: 50_000 },
      { ...EMPTY_DRAFT.capabilities, maxOutputTokens: undefined },
      { ...EMPTY_DRAFT.capabilities, family: 'x'.repeat(30_000) },
    ]) {
      const msg = { type: 'save', requestId: 1, draft: { ...draft({}), capabilities: bad } };
      assert.equal(parseFromWebview(msg), undefined, JSON.stringify(bad)?.slice(0, 80));
    }
  });
});
