import * as assert from 'node:assert/strict';
import { ConnectionStore, StoreError } from '../../../src/connections/connectionStore';
import { KeyVault } from '../../../src/connections/keyVault';
import { readStore } from '../../../src/connections/storedEntries';
import { DEFAULT_STORE_KEYS } from '../../../src/connections/storeTypes';
import { MemoryMemento, MemorySecrets } from './memory';

const KEY = 'aiConnections.connections';
const PREFIX = 'aiConnections.connection.';
const DEFAULT = 'aiConnections.defaultConnection';

describe('ConnectionStore (in-memory Memento)', () => {
  let memento: MemoryMemento;
  let secrets: MemorySecrets;
  let store: ConnectionStore;
  beforeEach(() => {
    memento = new MemoryMemento();
    secrets = new MemorySecrets();
    store = new ConnectionStore(memento, { headerSecrets: new KeyVault(secrets) });
  });

  it('writes each connection under its own key and the default under another, one change event per write', async () => {
    let events = 0;
    store.onDidChange(() => events++);
    const c = await store.create({ name: ' Spaced ', provider: 'openai', model: '' }, { makeDefault: true });
    assert.equal(c.name, 'Spaced');
    assert.equal('model' in c, false, 'empty optional fields are not stored');
    assert.deepEqual([...memento.keys()].sort(), [PREFIX + c.id, DEFAULT].sort());
    assert.deepEqual(memento.get(PREFIX + c.id), c);
    assert.deepEqual(memento.get(DEFAULT), { id: c.id });
    assert.equal(store.getDefault()?.id, c.id);
    assert.equal(events, 1);
  });

  it('keeps the Settings Sync list current as connections come and go', async () => {
    const a = await store.create({ name: 'a', provider: 'openai' });
    const b = await store.create({ name: 'b', provider: 'openai' });
    assert.deepEqual(memento.syncedKeys.at(-1), [DEFAULT, PREFIX + a.id, PREFIX + b.id].sort((x, y) => (x === DEFAULT ? -1 : y === DEFAULT ? 1 : x < y ? -1 : 1)));
    await store.delete(a.id);
    assert.deepEqual(memento.syncedKeys.at(-1), [DEFAULT, PREFIX + b.id]);
    // A connection another window (or Sync) wrote joins the list when this window notices it.
    await memento.update(`${PREFIX}elsewhere`, { id: 'elsewhere', name: 'From elsewhere', provider: 'groq', createdAt: '', updatedAt: '' });
    assert.equal(await store.checkForOutsideChanges(), true);
    assert.ok(memento.syncedKeys.at(-1)!.includes(`${PREFIX}elsewhere`));
    for (const list of memento.syncedKeys) assert.ok(list.every((k) => k === DEFAULT || k.startsWith(PREFIX)), 'only connections and the default are synced');
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
    await memento.update(`${PREFIX}x`, { id: 'x', name: 'X', provider: 'openai', model: 'm', createdAt: 'c', updatedAt: 'u', extra: 1, capabilities: { family: 'f', future: true } });
    store.refresh();
    const u = await store.update('x', { model: undefined, apiUrl: 'http://127.0.0.1:1/v1' });
    assert.equal('model' in u, false);
    assert.equal(u.extra, 1);
    assert.equal(u.createdAt, 'c');
    assert.deepEqual(memento.get<{ capabilities: unknown }>(`${PREFIX}x`)!.capabilities, { family: 'f', future: true });
  });

  it('refuses an update based on an older read (a form saved over a change made meanwhile)', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    store = new ConnectionStore(memento, { now: () => new Date((now += 1000)) });
    const c = await store.create({ name: 'a', provider: 'openai', model: 'm1' });
    const moved = await store.update(c.id, { model: 'picked-in-list-models' });
    await assert.rejects(store.update(c.id, { model: 'm2' }, { expectedUpdatedAt: c.updatedAt }), (e: unknown) => e instanceof StoreError && e.code === 'conflict');
    assert.equal(store.get(c.id)?.model, 'picked-in-list-models');
    await store.update(c.id, { model: 'm2' }, { expectedUpdatedAt: moved.updatedAt });
    assert.equal(store.get(c.id)?.model, 'm2');
  });

  it('keeps header values in SecretStorage, only their names in globalState', async () => {
    const vault = new KeyVault(secrets);
    const c = await store.create({ name: 'Proxy', provider: 'openai', headers: { 'Helicone-Auth': 'fake-header-secret-1' } });
    assert.deepEqual(c.headerNames, ['Helicone-Auth']);
    assert.equal('headers' in c, false);
    assert.deepEqual(await vault.headerValues(c.id), { 'Helicone-Auth': 'fake-header-secret-1' });
    await store.update(c.id, { headers: { 'Helicone-Auth': 'fake-header-secret-2', 'X-Org': 'fake-org-3' } });
    assert.deepEqual(store.get(c.id)?.headerNames, ['Helicone-Auth', 'X-Org']);
    assert.doesNotMatch(JSON.stringify([...memento.values]), /fake-header-secret|fake-org/);
    await store.update(c.id, { headers: undefined });
    assert.equal(store.get(c.id)?.headerNames, undefined);
    assert.equal(await vault.headerValues(c.id), undefined);
    // Without secret storage the store refuses header values rather than put them in globalState.
    const bare = new ConnectionStore(new MemoryMemento());
    await assert.rejects(bare.create({ name: 'x', provider: 'openai', headers: { 'X-A': 'fake-v' } }), /secret storage/);
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
    assert.equal(memento.get(DEFAULT), undefined);
    await assert.rejects(store.delete(c.id), /No connection/);
  });

  it('accepts the version 1 key as its second argument (older callers)', async () => {
    const legacy = new ConnectionStore(memento, KEY);
    const c = await legacy.create({ name: 'a', provider: 'openai' });
    assert.ok(memento.get(PREFIX + c.id));
  });
});

describe('readStore', () => {
  it('ignores a default that names no valid connection', () => {
    const m = new MemoryMemento();
    m.values.set(DEFAULT, { id: 'nope' });
    assert.equal(readStore(m, DEFAULT_STORE_KEYS).defaultId, undefined);
  });

  it('reports entries with wrong field types, or under another id, and keeps their ids', () => {
    const m = new MemoryMemento();
    m.values.set(`${PREFIX}a`, { id: 'a', name: 'A', provider: 'openai', headerNames: [1] });
    m.values.set(`${PREFIX}b`, { id: 'b', name: 'B', provider: 'openai', timeoutSeconds: -1 });
    m.values.set(`${PREFIX}c`, { id: 'other', name: 'C', provider: 'openai' });
    m.values.set(`${PREFIX}d`, { id: 'd', name: 'D', provider: 'openai', capabilities: { contextWindow: 0 } });
    m.values.set(`${PREFIX}e`, 'text');
    const parsed = readStore(m, DEFAULT_STORE_KEYS);
    assert.deepEqual(
      parsed.invalid.map((e) => [e.id, e.reason]),
      [
        ['a', 'headerNames are not a list of text'],
        ['b', 'timeoutSeconds is not a positive number'],
        ['other', 'its id does not match its storage key'],
        ['d', 'capabilities are not valid overrides'],
        [undefined, 'entry is string, not an object'],
      ],
    );
    assert.equal(parsed.connections.length, 0);
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
    const store = new ConnectionStore(memento);
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
    const store = new ConnectionStore(new MemoryMemento());
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
