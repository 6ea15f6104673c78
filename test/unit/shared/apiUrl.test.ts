// The one URL rule (src/shared/apiUrl.ts) and every place it applies: typed (validateDraft, both sides of the
// form), stored (ConnectionStore: the normal form), sent (the providers module's base URL).
import * as assert from 'node:assert/strict';
import { ConnectionStore } from '../../../src/connections/connectionStore';
import { targetFromDraft } from '../../../src/connections/targetFromConnection';
import { normalizeBaseUrl, resolveBaseUrl } from '../../../src/providers';
import { checkApiUrl, isCredentialParam, storedApiUrl } from '../../../src/shared/apiUrl';
import { EMPTY_DRAFT, cloneDraft } from '../../../src/shared/connection';
import { validateDraft } from '../../../src/shared/validation';
import { MemoryMemento } from '../connections/memory';

const CREDENTIAL_QUERIES = [
  'https://generativelanguage.googleapis.com/v1beta?key=fake-key-123',
  'https://proxy.example.com/v1?api_key=fake-key-1',
  'https://proxy.example.com/v1?API-KEY=fake-key-1',
  'https://proxy.example.com/v1?apiKey=fake-key-1',
  'https://proxy.example.com/v1?token=fake-token',
  'https://proxy.example.com/v1?access_token=fake-token',
  'https://x.blob.core.windows.net/v1?sv=2024&sig=fake-sig',
  'https://bucket.example.com/v1?X-Amz-Signature=fake&X-Amz-Credential=fake',
  'https://fn.azurewebsites.net/api?code=fake-function-key',
  'https://proxy.example.com/v1?client_secret=fake',
];

describe('the URL rule', () => {
  it('refuses a user name or password in the URL', () => {
    for (const url of ['https://user:pw@example.com/v1', 'https://user@example.com/v1', 'http://:pw@127.0.0.1:8080']) {
      assert.deepEqual(checkApiUrl(url), { ok: false, problem: 'urlUserinfo' }, url);
    }
  });

  it('refuses a credential in the query string, whatever its case or spelling', () => {
    for (const url of CREDENTIAL_QUERIES) {
      const check = checkApiUrl(url);
      assert.equal(check.ok, false, url);
      assert.equal(!check.ok && check.problem, 'urlQueryCredential', url);
    }
    assert.deepEqual(checkApiUrl('https://x/v1?a=1&Access_Token=t'), { ok: false, problem: 'urlQueryCredential', param: 'Access_Token' });
  });

  it('leaves alone parameters that are not credentials (and drops them from the normal form)', () => {
    for (const name of ['api-version', 'keyword', 'monkey', 'tokens_max', 'region', 'format']) assert.equal(isCredentialParam(name), false, name);
    assert.deepEqual(checkApiUrl('https://res.openai.azure.com/openai/v1?api-version=2024-10-21'), { ok: true, url: 'https://res.openai.azure.com/openai/v1' });
  });

  it('accepts http(s) only', () => {
    for (const url of ['ftp://example.com', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/plain,x']) {
      assert.deepEqual(checkApiUrl(url), { ok: false, problem: 'urlScheme' }, url);
    }
    assert.deepEqual(checkApiUrl('api.openai.com/v1'), { ok: false, problem: 'urlInvalid' });
  });

  it('gives the normal form: no trailing slash, no pasted endpoint, lower-case scheme and host, path kept', () => {
    const cases: Array<[string, string]> = [
      ['  https://api.openai.com/v1/  ', 'https://api.openai.com/v1'],
      ['https://api.openai.com/v1/chat/completions', 'https://api.openai.com/v1'],
      ['HTTPS://API.EXAMPLE.COM/Proxy/V1#frag', 'https://api.example.com/Proxy/V1'],
      ['http://localhost:11434/', 'http://localhost:11434'],
    ];
    for (const [input, normal] of cases) {
      assert.equal(storedApiUrl(input), normal, input);
      assert.equal(storedApiUrl(normal), normal, 'the normal form is a fixed point');
      assert.equal(normalizeBaseUrl(input), normal, 'requests use the same form');
    }
    assert.equal(storedApiUrl('   '), undefined, 'blank: the provider default');
  });

  it('is what the form reports as the user types, and what the host checks again', () => {
    const draft = { ...cloneDraft(EMPTY_DRAFT), name: 'n', provider: 'openai' };
    const code = (apiUrl: string) => validateDraft({ ...draft, apiUrl }, [], ['openai']).apiUrl;
    assert.equal(code('https://u:p@example.com'), 'urlUserinfo');
    assert.equal(code('https://example.com/v1?key=fake-key-1'), 'urlQueryCredential');
    assert.equal(code('ftp://x'), 'urlScheme');
    assert.equal(code('https://example.com/v1/'), undefined);
  });

  it('is refused at request time too, so a URL stored before the rule never sends its credential', () => {
    assert.throws(() => resolveBaseUrl({ provider: 'openai', apiUrl: 'https://proxy.example.com/v1?api_key=fake-key-1' }), /query/);
    assert.throws(() => resolveBaseUrl({ provider: 'openai', apiUrl: 'https://user:pw@proxy.example.com/v1' }), /user name or password/);
  });

  it('is applied when a connection is stored: the normal form is kept, a URL that breaks it is refused', async () => {
    const store = new ConnectionStore(new MemoryMemento(), 'k');
    const c = await store.create({ name: 'a', provider: 'openai', apiUrl: 'https://proxy.example.com/v1/chat/completions/' });
    assert.equal(c.apiUrl, 'https://proxy.example.com/v1');
    const updated = await store.update(c.id, { apiUrl: 'HTTP://LOCALHOST:8080/v1/' });
    assert.equal(updated.apiUrl, 'http://localhost:8080/v1');
    const cleared = await store.update(c.id, { apiUrl: '  ' });
    assert.equal('apiUrl' in cleared, false, 'blank clears it');
    await assert.rejects(store.create({ name: 'b', provider: 'openai', apiUrl: 'https://x.example.com?token=fake-token' }), /query/);
    await assert.rejects(store.update(c.id, { apiUrl: 'https://u:p@x.example.com' }), /user name or password/);
    assert.equal(store.list().length, 1);
    assert.equal(store.get(c.id)?.apiUrl, undefined, 'the refused update changed nothing');
  });

  it('makes a draft target use the normal form, so a test of the draft matches the saved connection', () => {
    const draft = { ...cloneDraft(EMPTY_DRAFT), name: 'n', provider: 'openai', apiUrl: 'https://proxy.example.com/v1/' };
    assert.equal(targetFromDraft(draft, undefined, 15).apiUrl, 'https://proxy.example.com/v1');
  });
});
