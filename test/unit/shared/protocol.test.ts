// What the webview accepts from the host (parseToWebview) and what it keeps across hide/show (its saved state):
// the same schemas the types are inferred from, so a message or a state of the wrong shape is ignored.
import * as assert from 'node:assert/strict';
import { EMPTY_DRAFT, cloneDraft } from '../../../src/shared/connection';
import { VALIDATION_CODES } from '../../../src/shared/draftSchema';
import { parseToWebview, type FormStrings, type ToWebview } from '../../../src/shared/protocol';
import { parsePersistedState } from '../../../webview-ui/src/persistedState';

const draft = { ...cloneDraft(EMPTY_DRAFT), name: 'Work', provider: 'openai' };
const strings = (): FormStrings => {
  const text: Record<string, unknown> = {};
  for (const k of ['titleNew', 'titleEdit', 'name', 'provider', 'model', 'modelPlaceholder', 'fetchModels', 'fetchingModels', 'modelsFound', 'modelsShown', 'apiUrl', 'apiUrlHint', 'apiKey', 'setApiKey', 'updateApiKey', 'keyStored', 'keyNotSet', 'keyNotRequired', 'keyFromEnv', 'keyEnvNotSet', 'preset', 'noPreset', 'isDefault', 'advanced', 'headers', 'headerName', 'headerValue', 'headerValueStored', 'addHeader', 'removeHeader', 'timeout', 'timeoutHint', 'capabilities', 'capabilitiesHint', 'toolCalling', 'imageInput', 'detect', 'yes', 'no', 'contextWindow', 'maxOutputTokens', 'tokensHint', 'family', 'familyHint', 'save', 'test', 'testing', 'cancel', 'delete', 'saving']) text[k] = k;
  return { ...text, validation: Object.fromEntries(VALIDATION_CODES.map((c) => [c, c])) } as FormStrings;
};
const init = (): Extract<ToWebview, { type: 'init' }> => ({
  type: 'init',
  mode: 'edit',
  connectionId: 'c1',
  draft,
  hasApiKey: true,
  otherNames: ['Home'],
  providers: [{ id: 'openai', label: 'OpenAI', defaultUrl: 'https://api.openai.com/v1', keyRequired: true }],
  presets: ['Precise'],
  strings: strings(),
});

describe('messages to the webview', () => {
  it('accepts each well-formed message as it is, and fills the lists a result may leave out', () => {
    assert.deepEqual(parseToWebview(init()), init());
    assert.deepEqual(parseToWebview({ type: 'keyState', hasApiKey: false }), { type: 'keyState', hasApiKey: false });
    const fromEnv = { type: 'keyState', hasApiKey: true, keyEnv: { name: 'OPENAI_API_KEY', set: false } } as const;
    assert.deepEqual(parseToWebview(fromEnv), fromEnv, 'a key read from a variable: its name and whether it is set');
    assert.equal(parseToWebview({ type: 'keyState', hasApiKey: true, keyEnv: { name: 'X' } }), undefined);
    assert.deepEqual(parseToWebview({ type: 'saveResult', requestId: 3, ok: true }), { type: 'saveResult', requestId: 3, ok: true, errors: {} });
    assert.deepEqual(parseToWebview({ type: 'modelsResult', requestId: 3, ok: false, message: 'no' }), { type: 'modelsResult', requestId: 3, ok: false, models: [], message: 'no' });
    assert.deepEqual(
      parseToWebview({ type: 'modelsResult', requestId: 1, ok: true, models: [{ id: 'm', contextLength: 8192, extra: 1 }] }),
      { type: 'modelsResult', requestId: 1, ok: true, models: [{ id: 'm', contextLength: 8192 }] },
    );
    assert.deepEqual(parseToWebview({ type: 'saveResult', requestId: 1, ok: false, errors: { name: 'nameDuplicate', future: 'x' } }), {
      type: 'saveResult', requestId: 1, ok: false, errors: { name: 'nameDuplicate' },
    });
  });

  it('ignores malformed ones', () => {
    const { validation, ...noValidation } = strings();
    const missingCode = { ...strings(), validation: { ...validation, urlUserinfo: undefined } };
    for (const bad of [
      null,
      'init',
      { type: 'unknown' },
      { ...init(), mode: 'view' },
      { ...init(), connectionId: 7 },
      { ...init(), strings: noValidation },
      { ...init(), strings: missingCode },
      { ...init(), providers: [{ id: 'openai', label: 'OpenAI', defaultUrl: '', keyRequired: 'yes' }] },
      { ...init(), otherNames: Array.from({ length: 10_001 }, () => 'x') },
      { type: 'saveResult', requestId: 1, ok: false, errors: { name: 'notACode' } },
      { type: 'modelsResult', requestId: 1, ok: true, models: [{ id: 'm', contextLength: -1 }] },
      { type: 'modelsResult', requestId: 1, ok: true, models: [{ id: 'm', contextLength: Number.NaN }] },
      { type: 'testResult', requestId: 1.5, ok: true, message: 'x' },
      { type: 'testResult', requestId: 1, ok: true },
    ]) {
      assert.equal(parseToWebview(bad), undefined, JSON.stringify(bad)?.slice(0, 80));
    }
  });
});

describe("the webview's saved state", () => {
  const state = { v: 1, connectionId: 'c1', draft, touched: ['name', 'apiUrl'], submitted: true, advancedOpen: false };

  it('restores a well-formed state as saved', () => {
    assert.deepEqual(parsePersistedState(state), state);
    assert.deepEqual(parsePersistedState({ ...state, connectionId: null }), { ...state, connectionId: null });
  });

  it('reads fields it cannot use as their defaults, rather than losing the draft', () => {
    assert.deepEqual(parsePersistedState({ ...state, touched: ['name', 'nope', 3], submitted: 'true', advancedOpen: undefined }), {
      ...state,
      touched: ['name'],
      submitted: false,
    });
    const { touched: _, submitted: __, advancedOpen: ___, ...bare } = state;
    assert.deepEqual(parsePersistedState(bare), { ...bare, touched: [], submitted: false, advancedOpen: false });
  });

  it('drops a state of another version or with a draft of the wrong shape', () => {
    for (const bad of [undefined, null, 'x', { ...state, v: 2 }, { ...state, connectionId: 1 }, { ...state, draft: { ...draft, isDefault: 'no' } }]) {
      assert.equal(parsePersistedState(bad), undefined, JSON.stringify(bad)?.slice(0, 80));
    }
  });
});
