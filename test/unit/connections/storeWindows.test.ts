// The store across windows and versions: the version 1 document migrated (also by two windows at once), and
// two windows sharing one globalState the way code-server's tabs do (memory.ts SharedGlobalState).
import * as assert from 'node:assert/strict';
import { ConnectionStore } from '../../../src/connections/connectionStore';
import { KeyVault } from '../../../src/connections/keyVault';
import { watchOutsideChanges } from '../../../src/connections/outsideChanges';
import { storeKeyWithRetry } from '../../../src/views/keyRetry';
import { MemoryMemento, MemorySecrets, SharedGlobalState } from './memory';

const V1 = 'aiConnections.connections';
const PREFIX = 'aiConnections.connection.';
const BACKUP = 'aiConnections.connections.unreadableBackup';
const quiet = { info: () => undefined, warn: () => undefined };

const good = (id: string, name: string, extra: Record<string, unknown> = {}) => ({ id, name, provider: 'openai', createdAt: `2026-01-0${id.length}T00:00:00.000Z`, updatedAt: '2026-01-01T00:00:00.000Z', ...extra });

describe('migration of the version 1 document', () => {
  it('moves every entry to its own key, header values to SecretStorage, keeps unknown fields and bad entries', async () => {
    const memento = new MemoryMemento();
    const secrets = new MemorySecrets();
    const bad = [42, { name: 'No id', provider: 'openai' }, { id: 'b1', name: 7, provider: 'openai' }];
    memento.values.set(V1, {
      version: 1,
      defaultId: 'g2',
      extraTop: 'kept',
      connections: [good('g1', 'One', { futureField: { keep: [1, 2] } }), bad[0], good('g2', 'Two', { headers: { 'Helicone-Auth': 'fake-header-value-9' } }), bad[1], bad[2], good('g1', 'Same id again')],
    });
    const store = new ConnectionStore(memento, { headerSecrets: new KeyVault(secrets), log: quiet });
    await store.ready();
    assert.equal(memento.get(V1), undefined, 'the document is gone once everything in it has a new home');
    assert.deepEqual(store.list().map((c) => c.name), ['One', 'Two']);
    assert.deepEqual(store.get('g1')?.futureField, { keep: [1, 2] });
    assert.equal(store.getDefault()?.id, 'g2');
    assert.deepEqual(store.get('g2')?.headerNames, ['Helicone-Auth']);
    assert.equal(JSON.parse(secrets.values.get('aiConnections.headers.g2')!)['Helicone-Auth'], 'fake-header-value-9');
    assert.doesNotMatch(JSON.stringify([...memento.values]), /fake-header-value/);
    // Bad entries stay, byte for byte, each under a key of its own, and show as unreadable rows.
    const kept = [...memento.values.values()].map((v) => JSON.stringify(v));
    for (const b of [...bad, good('g1', 'Same id again')]) assert.ok(kept.includes(JSON.stringify(b)), `lost ${JSON.stringify(b)}`);
    assert.equal(store.snapshot().invalid.length, 4);
    assert.ok(store.knownIds().has('b1'));
    assert.deepEqual(memento.get(`${BACKUP}.extraFields`), { extraTop: 'kept' });
  });

  it('keeps an unreadable document as a backup, never deleted, and reports it', async () => {
    for (const broken of ['just text', [1, 2], { version: 'one', connections: [] }, { version: 1, connections: { a: 1 } }, { version: 0 }]) {
      const memento = new MemoryMemento();
      memento.values.set(V1, broken);
      const store = new ConnectionStore(memento, { log: quiet });
      await store.ready();
      assert.deepEqual(memento.get<{ document: unknown }>(BACKUP)?.document, broken);
      assert.ok(store.snapshot().documentProblem, `no problem reported for ${JSON.stringify(broken)}`);
      await store.create({ name: 'Fresh', provider: 'openai' });
      assert.deepEqual(memento.get<{ document: unknown }>(BACKUP)?.document, broken);
    }
  });

  it('leaves a newer version\'s document untouched', async () => {
    const memento = new MemoryMemento();
    const doc = { version: 99, connections: [good('n1', 'From the future')] };
    memento.values.set(V1, doc);
    const store = new ConnectionStore(memento, { log: quiet });
    await store.ready();
    assert.deepEqual(memento.get(V1), doc);
    assert.match(store.snapshot().documentProblem ?? '', /newer version/);
  });

  it('is safe when two windows migrate at once', async () => {
    const shared = new SharedGlobalState(5);
    const seed = shared.window();
    await seed.update(V1, { version: 1, connections: [good('a', 'A', { headers: { 'X-Org': 'fake-org-1' } }), good('bb', 'B'), 'garbage'], defaultId: 'a' });
    await new Promise((r) => setTimeout(r, 20));
    const secretsA = new MemorySecrets();
    const secretsB = new MemorySecrets();
    const a = new ConnectionStore(shared.window(), { headerSecrets: new KeyVault(secretsA), log: quiet });
    const b = new ConnectionStore(shared.window(), { headerSecrets: new KeyVault(secretsB), log: quiet });
    await Promise.all([a.ready(), b.ready()]);
    await settle([a, b]);
    for (const s of [a, b]) {
      assert.deepEqual(s.list().map((c) => c.name), ['A', 'B']);
      assert.equal(s.getDefault()?.id, 'a');
      assert.equal(s.snapshot().invalid.length, 1);
    }
    assert.equal(shared.get(V1), undefined);
    for (const secrets of [secretsA, secretsB]) assert.equal(JSON.parse(secrets.values.get('aiConnections.headers.a')!)['X-Org'], 'fake-org-1');
  });
});

/**
 * Lets the windows' writes cross and each window look, until nothing moves any more: three quiet rounds in a
 * row (a loaded machine stretches the simulated latency), at most 60 rounds as a hang guard.
 */
async function settle(stores: ConnectionStore[], rounds = 60) {
  let quiet = 0;
  let last = '';
  for (let i = 0; i < rounds && quiet < 3; i++) {
    await new Promise((r) => setTimeout(r, 30));
    for (const s of stores) await s.checkForOutsideChanges();
    const now = JSON.stringify(stores.map((s) => s.list().map((c) => [c.id, c.name, c.updatedAt])));
    quiet = now === last ? quiet + 1 : 0;
    last = now;
  }
}

describe('two windows sharing one globalState', () => {
  let shared: SharedGlobalState;
  let a: ConnectionStore;
  let b: ConnectionStore;
  beforeEach(() => {
    shared = new SharedGlobalState(15);
    a = new ConnectionStore(shared.window(), { log: quiet });
    b = new ConnectionStore(shared.window(), { log: quiet });
  });

  it('keeps every create, rename and delete made in both at the same moment', async () => {
    const [a1, b1] = await Promise.all([a.create({ name: 'From A', provider: 'openai' }), b.create({ name: 'From B', provider: 'groq' })]);
    await settle([a, b]);
    for (const s of [a, b]) assert.deepEqual(s.list().map((c) => c.name).sort(), ['From A', 'From B']);
    const [a2, b2] = await Promise.all([a.create({ name: 'A two', provider: 'openai' }), b.create({ name: 'B two', provider: 'openai' })]);
    await settle([a, b]);
    await Promise.all([a.update(b1.id, { name: 'B renamed in A' }), b.update(a1.id, { name: 'A renamed in B' }), a.delete(a2.id), b.delete(b2.id)]);
    await settle([a, b]);
    for (const s of [a, b]) assert.deepEqual(s.list().map((c) => c.name).sort(), ['A renamed in B', 'B renamed in A']);
    const inStorage = Object.keys(JSON.parse(JSON.stringify({ a: shared.get(PREFIX + a1.id), b: shared.get(PREFIX + b1.id) })));
    assert.deepEqual(inStorage, ['a', 'b']);
    assert.equal(shared.get(PREFIX + a2.id), undefined);
    assert.equal(shared.get(PREFIX + b2.id), undefined);
    // A connection another window made a moment ago, deleted here on purpose, stays deleted (its maker does not
    // take the removal for a lost write).
    const fresh = await b.create({ name: 'Short-lived', provider: 'openai' });
    await settle([a, b], 3);
    await a.delete(fresh.id);
    await settle([a, b]);
    for (const s of [a, b]) assert.equal(s.get(fresh.id), undefined);
  });

  it('renames the later of two connections created with one name, and tells the window that made it', async () => {
    const told: string[] = [];
    a.onDidRenameDuplicate((r) => told.push(`A: ${r.from} → ${r.to}`));
    b.onDidRenameDuplicate((r) => told.push(`B: ${r.from} → ${r.to}`));
    const first = await a.create({ name: 'Work', provider: 'openai' });
    await new Promise((r) => setTimeout(r, 2)); // B's is created a moment later, before it has seen A's
    const second = await b.create({ name: 'work', provider: 'groq' });
    await settle([a, b]);
    for (const s of [a, b]) {
      assert.equal(s.get(first.id)?.name, 'Work');
      assert.equal(s.get(second.id)?.name, 'work (2)');
    }
    assert.deepEqual(told, ['B: work → work (2)']);
  });

  it('tells listeners of another window\'s change within the check interval', async () => {
    let changes = 0;
    b.onDidChange(() => changes++);
    const watch = watchOutsideChanges(b, { focused: () => true, onDidChangeFocus: () => ({ dispose() {} }) }, (e) => assert.fail(String(e)), { focusedMs: 20, unfocusedMs: 1000 });
    try {
      await a.create({ name: 'Seen', provider: 'openai' });
      const start = Date.now();
      while (!b.findByName('Seen') || changes === 0) {
        if (Date.now() - start > 2000) assert.fail('window B never heard of the new connection');
        await new Promise((r) => setTimeout(r, 10));
      }
    } finally {
      watch.dispose();
    }
  });
});

describe('storing a key after a create', () => {
  it('retries a failed write and reports the last failure', async () => {
    let calls = 0;
    const flaky = async () => {
      if (++calls < 3) throw new Error('keyring busy');
    };
    assert.deepEqual(await storeKeyWithRetry(flaky, quiet, [1, 1, 1]), { ok: true });
    assert.equal(calls, 3);
    const broken = await storeKeyWithRetry(async () => Promise.reject(new Error('keyring locked')), quiet, [1, 1]);
    assert.deepEqual(broken, { ok: false, message: 'keyring locked' });
  });
});
