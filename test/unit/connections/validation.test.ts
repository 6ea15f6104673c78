import * as assert from 'node:assert/strict';
import { EMPTY_DRAFT, type ConnectionDraft } from '../../../src/shared/connection';
import { parseFromWebview } from '../../../src/shared/protocol';
import { validateDraft } from '../../../src/shared/validation';

const draft = (over: Partial<ConnectionDraft>): ConnectionDraft => ({ ...EMPTY_DRAFT, name: 'n', provider: 'openai', ...over });
const check = (d: ConnectionDraft, others: string[] = []) => validateDraft(d, others, ['openai', 'ollama']);

describe('draft validation', () => {
  it('requires a name that is unique without regard to case or spaces', () => {
    assert.equal(check(draft({ name: '  ' })).name, 'nameRequired');
    assert.equal(check(draft({ name: ' Work ' }), ['work']).name, 'nameDuplicate');
    assert.equal(check(draft({ name: 'Work 2' }), ['work']).name, undefined);
  });

  it('accepts only http(s) URLs', () => {
    assert.equal(check(draft({ apiUrl: 'ftp://x' })).apiUrl, 'urlScheme');
    assert.equal(check(draft({ apiUrl: 'javascript:alert(1)' })).apiUrl, 'urlScheme');
    assert.equal(check(draft({ apiUrl: 'not a url' })).apiUrl, 'urlInvalid');
    assert.equal(check(draft({ apiUrl: 'http://127.0.0.1:8080/v1' })).apiUrl, undefined);
  });

  it('refuses auth headers, bad header names and duplicates', () => {
    assert.equal(check(draft({ headers: [{ name: 'Authorization', value: 'x' }] })).headers, 'headerAuth');
    assert.equal(check(draft({ headers: [{ name: 'X-Goog-Api-Key', value: 'x' }] })).headers, 'headerAuth');
    assert.equal(check(draft({ headers: [{ name: 'bad name', value: 'x' }] })).headers, 'headerNameInvalid');
    assert.equal(check(draft({ headers: [{ name: 'X-A', value: '1' }, { name: 'x-a', value: '2' }] })).headers, 'headerDuplicate');
    assert.equal(check(draft({ headers: [{ name: '', value: '' }, { name: 'X-Org', value: '1' }] })).headers, undefined);
  });

  it('checks provider and timeout', () => {
    assert.equal(check(draft({ provider: 'nope' })).provider, 'providerUnknown');
    assert.equal(check(draft({ timeoutSeconds: '0' })).timeoutSeconds, 'timeoutInvalid');
    assert.equal(check(draft({ timeoutSeconds: '1.5' })).timeoutSeconds, 'timeoutInvalid');
    assert.equal(check(draft({ timeoutSeconds: '30' })).timeoutSeconds, undefined);
  });
});

describe('webview message validation', () => {
  const good = { type: 'save', requestId: 1, draft: draft({}) };
  it('accepts well-formed messages', () => {
    assert.deepEqual(parseFromWebview(good), good);
    assert.deepEqual(parseFromWebview({ type: 'ready', extra: 1 }), { type: 'ready' });
  });
  it('rejects malformed ones', () => {
    for (const bad of [
      null,
      'save',
      { type: 'unknown' },
      { type: 'save', requestId: '1', draft: good.draft },
      { type: 'save', requestId: -1, draft: good.draft },
      { type: 'save', requestId: 1, draft: { ...good.draft, isDefault: 'yes' } },
      { type: 'save', requestId: 1, draft: { ...good.draft, headers: [{ name: 1, value: 'x' }] } },
      { type: 'save', requestId: 1, draft: { ...good.draft, name: 'x'.repeat(30_000) } },
      { type: 'test', requestId: 1 },
      { type: 'fetchModels', requestId: 1, draft: { ...good.draft, model: undefined } },
    ]) {
      assert.equal(parseFromWebview(bad), undefined, JSON.stringify(bad)?.slice(0, 80));
    }
  });
});
