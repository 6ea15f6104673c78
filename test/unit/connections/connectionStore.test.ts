import * as assert from 'node:assert/strict';
import { ConnectionStore } from '../../../src/connections/connectionStore';
import { KeyVault } from '../../../src/connections/keyVault';
import { parseDocument } from '../../../src/connections/storedDocument';
import { MemoryMemento, MemorySecrets } from './memory';

const KEY = 'aiConnections.connections';

describe('ConnectionStore (in-memory Memento)', () => {
  let memento: MemoryMemento;
  let store: ConnectionStore;
  beforeEach(() => {
    memento = new MemoryMemento();
    store = new ConnectionStore(memento, KEY);
  });

  it('writes a versioned document and fires a change event per write', async () => {
    let events = 0;
    store.onDidChange(() => events++);
    const c = await store.create({ name: ' Spaced ', provider: 'openai', model: '' }, { makeDefault: true });
    assert.equal(c.name, 'Spaced');
    assert.equal('model' in c, false, 'empty optional fields are not stored');
    assert.deepEqual(Object.keys(memento.get<object>(KEY)!).sort(), ['connections', 'defaultId', 'version']);
    assert.equal(store.getDefault()?.id, c.id);
    assert.equal(events, 1);
  });

  it('serializes concurrent writes so none is lost', async () => {
    await Promise.all(Array.from({ length: 40 }, (_, i) => store.create({ name: `c${i}`, provider: 'openai' })));
    assert.equal(store.list().length, 40);
  });

  it('a failed write does not block later ones', async () => {
    await store.create({ name: 'a', provider: 'openai' });
    const results = await Promise.allSettled([store.create({ name: 'A', provider: 'openai' }), store.create({ name: 'b', provider: 'openai' })]);
    assert.equal(results[0].status, 'rejected');
    assert.equal(results[1].status, 'fulfilled');
  });

  it('update removes cleared fields and keeps unknown ones', async () => {
    await memento.update(KEY, { version: 1, connections: [{ id: 'x', name: 'X', provider: 'openai', model: 'm', createdAt: 'c', updatedAt: 'u', extra: 1 }] });
    const u = await store.update('x', { model: undefined, apiUrl: 'http://127.0.0.1:1/v1' });
    assert.equal('model' in u, false);
    assert.equal(u.extra, 1);
    assert.equal(u.createdAt, 'c');
  });

  it('unique copy names count up, ignoring case', async () => {
    await store.create({ name: 'A (copy)', provider: 'openai' });
    await store.create({ name: 'a (COPY 2)', provider: 'openai' });
    assert.equal(store.uniqueCopyName('A'), 'A (copy 3)');
  });

  it('deleting the default clears it', async () => {
    const c = await store.create({ name: 'a', provider: 'openai' }, { makeDefault: true });
    await store.delete(c.id);
    assert.equal(store.snapshot().defaultId, undefined);
    await assert.rejects(store.delete(c.id), /No connection/);
  });
});

describe('parseDocument', () => {
  it('ignores a defaultId that names no valid connection', () => {
    const d = parseDocument({ version: 1, connections: [], defaultId: 'nope' });
    assert.equal(d.defaultId, undefined);
    assert.equal(d.problem, undefined);
  });

  it('reports entries with wrong field types and keeps their ids', () => {
    const d = parseDocument({ version: 1, connections: [{ id: 'a', name: 'A', provider: 'openai', headers: { x: 1 } }, { id: 'b', name: 'B', provider: 'openai', timeoutSeconds: -1 }] });
    assert.deepEqual(d.invalid.map((e) => [e.id, e.reason]), [['a', 'headers are not name/value text'], ['b', 'timeoutSeconds is not a positive number']]);
  });
});

describe('KeyVault (in-memory SecretStorage)', () => {
  it('asks SecretStorage again after a failed read instead of failing for the rest of the session', async () => {
    const secrets = new MemorySecrets();
    await secrets.store('aiConnections.apiKey.a', 'k1');
    const keys = secrets.keys.bind(secrets);
    let failNext = true;
    secrets.keys = async () => {
      if (failNext) {
        failNext = false;
        throw new Error('keyring locked');
      }
      return keys();
    };
    const vault = new KeyVault(secrets);
    await assert.rejects(vault.ready(), /keyring locked/);
    assert.equal(await vault.hasKey('a'), true, 'the second read succeeds');
  });

  it('derives hasKey from one keys() call and tracks changes, including other windows', async () => {
    const secrets = new MemorySecrets();
    await secrets.store('aiConnections.apiKey.a', 'k1');
    await secrets.store('unrelated', 'v');
    let keysCalls = 0;
    const keys = secrets.keys.bind(secrets);
    secrets.keys = async () => (keysCalls++, keys());
    const vault = new KeyVault(secrets);
    assert.equal(await vault.hasKey('a'), true);
    assert.equal(await vault.hasKey('b'), false);
    await vault.set('b', 'k2');
    assert.equal(vault.hasKeySync('b'), true);
    await secrets.delete('aiConnections.apiKey.a'); // as if another window cleared it
    await new Promise((r) => setTimeout(r, 0));
    assert.equal(vault.hasKeySync('a'), false);
    assert.equal(keysCalls, 1, 'hasKey answers come from one keys() call');
    assert.deepEqual(await vault.unattachedIds(new Set(['a'])), ['b']);
    assert.equal(secrets.values.has('aiConnections.apiKey.b'), true, 'listing unattached keys deletes nothing');
    assert.equal(secrets.values.has('unrelated'), true);
  });
});

describe('TestResults follow the connection', () => {
  it('forgets a result when the key or a tested field changes, not on a rename', async () => {
    const { TestResults } = await import('../../../src/connections/testResults');
    const memento = new MemoryMemento();
    const store = new ConnectionStore(memento, KEY);
    const vault = new KeyVault(new MemorySecrets());
    const results = new TestResults(memento, 'results');
    results.followChanges(store, vault, { warn: (m) => assert.fail(`unexpected warning: ${m}`) });
    const c = await store.create({ name: 'a', provider: 'openai', model: 'm1' });
    const result = { ok: true, category: 'ok', message: 'works', latencyMs: 5, at: '2026-01-01T00:00:00Z' };
    const settle = () => new Promise((r) => setTimeout(r, 10));

    await results.set(c.id, result);
    await store.update(c.id, { name: 'renamed' });
    await settle();
    assert.ok(results.get(c.id), 'a rename keeps the result');

    await store.update(c.id, { model: 'm2' });
    await settle();
    assert.equal(results.get(c.id), undefined, 'a new model needs a new test');

    await results.set(c.id, result);
    await vault.set(c.id, 'new-key-not-real');
    await settle();
    assert.equal(results.get(c.id), undefined, 'a new key needs a new test');
  });

  it('logs a stale result it cannot remove instead of losing the failure', async () => {
    const { TestResults } = await import('../../../src/connections/testResults');
    const store = new ConnectionStore(new MemoryMemento(), KEY);
    const vault = new KeyVault(new MemorySecrets());
    const resultsMemento = new MemoryMemento();
    const results = new TestResults(resultsMemento, 'results');
    const warned: string[] = [];
    let warnedOnce!: () => void;
    const warning = new Promise<void>((r) => (warnedOnce = r));
    results.followChanges(store, vault, {
      warn: (m) => {
        warned.push(m);
        warnedOnce();
      },
    });
    const c = await store.create({ name: 'a', provider: 'openai', model: 'm1' });
    await results.set(c.id, { ok: true, category: 'ok', message: 'works', latencyMs: 5, at: '2026-01-01T00:00:00Z' });
    resultsMemento.update = () => Promise.reject(new Error('storage is read-only'));

    await store.update(c.id, { model: 'm2' });
    await warning;
    assert.equal(warned.length, 1);
    assert.match(warned[0], /not removed: storage is read-only/);
  });
});
