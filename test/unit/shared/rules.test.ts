// One home per rule: name uniqueness (case-insensitive) and the credential-header rule, applied by the form's
// validation and by the store, whoever writes.
import * as assert from 'node:assert/strict';
import { ConnectionStore } from '../../../src/connections/connectionStore';
import { findPreset } from '../../../src/connections/presets';
import { EMPTY_DRAFT, cloneDraft } from '../../../src/shared/connection';
import { isCredentialHeader, sameName, validateDraft } from '../../../src/shared/validation';
import { KeyVault } from '../../../src/connections/keyVault';
import { MemoryMemento, MemorySecrets } from '../connections/memory';

describe('the name rule', () => {
  it('compares names without regard to case or surrounding spaces', () => {
    assert.ok(sameName(' Work ', 'work'));
    assert.ok(sameName('ÄRGER', 'ärger'));
    assert.ok(!sameName('Work', 'Work 2'));
  });

  it('is what the form, the store and preset lookup all use', async () => {
    const draft = { ...cloneDraft(EMPTY_DRAFT), name: ' WORK ', provider: 'openai' };
    assert.equal(validateDraft(draft, ['work'], ['openai']).name, 'nameDuplicate');
    const store = new ConnectionStore(new MemoryMemento(), 'k');
    await store.create({ name: 'Work', provider: 'openai' });
    await assert.rejects(store.create({ name: ' work ', provider: 'openai' }), /already exists/);
    assert.equal(store.findByName('WORK')?.name, 'Work');
    assert.equal(findPreset([{ name: 'Precise' }], 'precise ')?.name, 'Precise');
  });
});

describe('the credential-header rule', () => {
  it('names the headers a key travels in, in any case', () => {
    for (const h of ['Authorization', 'proxy-authorization', 'X-API-Key', 'api-key', 'x-goog-api-key', 'Cookie', ' authorization ']) assert.ok(isCredentialHeader(h), h);
    for (const h of ['X-Org', 'OpenAI-Organization', 'anthropic-version', 'x-api-keys']) assert.ok(!isCredentialHeader(h), h);
  });

  it('is refused by the form and by the store', async () => {
    const draft = { ...cloneDraft(EMPTY_DRAFT), name: 'n', provider: 'openai', headers: [{ name: 'X-Api-Key', value: 'fake-key-1' }] };
    assert.equal(validateDraft(draft, [], ['openai']).headers, 'headerAuth');
    const vault = new KeyVault(new MemorySecrets());
    const store = new ConnectionStore(new MemoryMemento(), { headerSecrets: vault });
    await assert.rejects(store.create({ name: 'a', provider: 'openai', headers: { Authorization: 'Bearer fake-key-1' } }), /Set API Key/);
    const c = await store.create({ name: 'b', provider: 'openai', headers: { 'X-Org': 'o' } });
    await assert.rejects(store.update(c.id, { headers: { 'x-goog-api-key': 'fake-key-1' } }), /Set API Key/);
    assert.deepEqual(store.get(c.id)?.headerNames, ['X-Org']);
    assert.deepEqual(await vault.headerValues(c.id), { 'X-Org': 'o' });
  });
});
