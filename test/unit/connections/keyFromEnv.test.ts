import * as assert from 'node:assert/strict';
import { keySourceOf, hasUsableKey } from '../../../src/connections/keySource';
import { readStore } from '../../../src/connections/storedEntries';
import { DEFAULT_STORE_KEYS } from '../../../src/connections/storeTypes';
import { MemoryMemento } from './memory';
import { targetFromConnection } from '../../../src/connections/targetFromConnection';
import { testConnection } from '../../../src/providers';
import type { Connection } from '../../../src/shared/connection';
import { startProviderServer } from '../../servers';

const connection = (fields: Partial<Connection> = {}): Connection => ({ id: 'c1', name: 'C', provider: 'openai', createdAt: '', updatedAt: '', ...fields });

describe('keys from environment variables', () => {
  it('reads the variable at request time, never the stored key when a variable is named', () => {
    const env: Record<string, string | undefined> = { MY_KEY: 'fake-key-env' };
    const c = connection({ apiKeyEnv: 'MY_KEY' });
    assert.equal(targetFromConnection(c, 'fake-key-stored', 15, undefined, env).apiKey, 'fake-key-env');
    env.MY_KEY = 'fake-key-rotated';
    assert.equal(targetFromConnection(c, 'fake-key-stored', 15, undefined, env).apiKey, 'fake-key-rotated', 'a rotated key just works');
    assert.equal(targetFromConnection(c, 'fake-key-stored', 15, undefined, {}).apiKey, undefined);
    assert.equal(targetFromConnection(connection(), 'fake-key-stored', 15, undefined, env).apiKey, 'fake-key-stored');
  });

  it('says where the key comes from', () => {
    assert.deepEqual(keySourceOf(connection({ apiKeyEnv: 'X_KEY' }), true, { X_KEY: 'fake-key' }), { kind: 'env', name: 'X_KEY', set: true });
    assert.deepEqual(keySourceOf(connection({ apiKeyEnv: 'X_KEY' }), true, { X_KEY: ' ' }), { kind: 'env', name: 'X_KEY', set: false });
    assert.deepEqual(keySourceOf(connection(), true, {}), { kind: 'stored' });
    assert.deepEqual(keySourceOf(connection(), false, {}), { kind: 'none' });
    assert.equal(hasUsableKey({ kind: 'env', name: 'X', set: false }), false);
  });

  it('a missing variable is a clear missing_key naming it, and nothing is sent', async () => {
    const server = await startProviderServer({ dialect: 'openai' });
    try {
      const target = targetFromConnection(connection({ apiUrl: server.url, apiKeyEnv: 'UNSET_TEST_KEY_VAR', provider: 'ollama' }), undefined, 5, undefined, {});
      const result = await testConnection(target);
      assert.equal(result.category, 'missing_key');
      assert.match(result.message, /UNSET_TEST_KEY_VAR/);
      assert.equal(server.requests.length, 0);
    } finally {
      await server.close();
    }
  });

  it('keeps apiKeyEnv through the stored document, and reports one that is not text', () => {
    const memento = new MemoryMemento();
    memento.values.set(`${DEFAULT_STORE_KEYS.connectionPrefix}c1`, connection({ apiKeyEnv: 'OPENAI_API_KEY' }));
    const ok = readStore(memento, DEFAULT_STORE_KEYS);
    assert.equal(ok.connections[0]?.apiKeyEnv, 'OPENAI_API_KEY');
    memento.values.set(`${DEFAULT_STORE_KEYS.connectionPrefix}c1`, { ...connection(), apiKeyEnv: 42 });
    const bad = readStore(memento, DEFAULT_STORE_KEYS);
    assert.equal(bad.connections.length, 0);
    assert.match(bad.invalid[0]?.reason ?? '', /apiKeyEnv/);
  });
});
