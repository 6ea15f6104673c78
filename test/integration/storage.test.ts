// Storage in the real extension host: the version 1 document migrated to one globalState key per connection,
// the Settings Sync list kept current, and header values kept out of globalState, the form, the log and the API.
import * as assert from 'node:assert/strict';
import { ConnectionStore } from '../../src/connections/connectionStore';
import { HEADER_SECRET_PREFIX, StorageKey, headerSecretKeyFor } from '../../src/ids';
import { draftFromConnection } from '../../src/shared/connection';
import type { ToWebview } from '../../src/shared/protocol';
import { ConnectionFormController } from '../../src/views/formController';
import { startProviderServer } from '../servers';
import { collect, extension, publicApi, rawDocument, resetState, withPatched } from './support';

const HEADER_VALUE = 'fake-header-value-4242';
const quiet = { info: () => undefined, warn: () => undefined };

describe('connection storage (real globalState and SecretStorage)', () => {
  beforeEach(resetState);

  it('migrates a version 1 document: every entry to its own key, header values to SecretStorage, bad parts kept', async () => {
    const t = await extension();
    const { store, tree } = t.services;
    const good = { id: 'g1', name: 'Good', provider: 'openai', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', futureField: { keep: [1, 2] } };
    const proxied = { id: 'g2', name: 'Proxied', provider: 'openai', createdAt: '2026-01-02T00:00:00.000Z', updatedAt: '', headers: { 'Helicone-Auth': HEADER_VALUE } };
    const garbage = [42, { id: 'b1', name: 7, provider: 'openai' }, { name: 'No id', provider: 'openai' }];
    await t.context.globalState.update(StorageKey.connections, { version: 1, connections: [garbage[0], good, proxied, ...garbage.slice(1)], defaultId: 'g2', extraTop: 'kept' });
    store.refresh();
    await store.settled();
    assert.equal(t.context.globalState.get(StorageKey.connections), undefined);
    assert.deepEqual(store.list().map((c) => c.name), ['Good', 'Proxied']);
    assert.deepEqual(store.get('g1')?.futureField, { keep: [1, 2] });
    assert.equal(store.getDefault()?.id, 'g2');
    assert.deepEqual(store.get('g2')?.headerNames, ['Helicone-Auth']);
    assert.equal(JSON.parse((await t.context.secrets.get(headerSecretKeyFor('g2')))!)['Helicone-Auth'], HEADER_VALUE);
    const everything = JSON.stringify(t.context.globalState.keys().map((k) => t.context.globalState.get(k)));
    assert.ok(!everything.includes(HEADER_VALUE), 'no header value is left in globalState');
    for (const bad of garbage) assert.ok(everything.includes(JSON.stringify(bad)), `lost ${JSON.stringify(bad)}`);
    assert.equal(tree.getChildren().filter((n) => n.kind === 'invalid').length, garbage.length, 'unreadable entries still show as warning rows');
    assert.equal(t.context.globalState.get<{ extraTop: string }>(`${StorageKey.connectionsBackup}.extraFields`)?.extraTop, 'kept');
  });

  it('keeps an unreadable version 1 document as a backup and shows the problem', async () => {
    const t = await extension();
    const { store } = t.services;
    await t.context.globalState.update(StorageKey.connections, { version: 1, connections: { a: 1 } });
    store.refresh();
    await store.settled();
    assert.deepEqual(t.context.globalState.get<{ document: unknown }>(StorageKey.connectionsBackup)?.document, { version: 1, connections: { a: 1 } });
    assert.ok(t.services.tree.getChildren().some((n) => n.kind === 'documentProblem'));
    await store.create({ name: 'Fresh', provider: 'openai' });
    assert.ok(t.context.globalState.get(StorageKey.connectionsBackup), 'a write never removes the backup');
    await t.context.globalState.update(StorageKey.connectionsBackup, undefined);
  });

  it('registers each connection key and the default with Settings Sync, and keeps the list current', async () => {
    const t = await extension();
    const g = t.context.globalState;
    const lists: (readonly string[])[] = [];
    const original = g.setKeysForSync.bind(g);
    g.setKeysForSync = (keys: readonly string[]) => {
      lists.push([...keys]);
      original(keys);
    };
    try {
      // A store on the real globalState (the running one is patched the same way: the object is shared).
      const store = new ConnectionStore(g, { log: quiet });
      const a = await store.create({ name: 'Synced A', provider: 'openai' });
      const b = await store.create({ name: 'Synced B', provider: 'groq' });
      assert.deepEqual([...lists.at(-1)!].sort(), [StorageKey.defaultConnection, StorageKey.connectionPrefix + a.id, StorageKey.connectionPrefix + b.id].sort());
      await store.delete(a.id);
      assert.deepEqual([...lists.at(-1)!].sort(), [StorageKey.defaultConnection, StorageKey.connectionPrefix + b.id].sort());
      for (const list of lists) {
        for (const key of list) assert.ok(key === StorageKey.defaultConnection || key.startsWith(StorageKey.connectionPrefix), `${key} is synced`);
      }
    } finally {
      g.setKeysForSync = original;
    }
  });

  it('never puts a header value in globalState, the form, the log or the API, and still sends it', async () => {
    const t = await extension();
    const { store, vault, log } = t.services;
    const server = await startProviderServer({ dialect: 'openai', apiKey: 'fake-key-headers-test-1', models: [{ id: 'gpt-4o-mini' }] });
    const logged: string[] = [];
    const originals = { info: log.info, warn: log.warn, error: log.error, debug: log.debug, trace: log.trace };
    for (const level of Object.keys(originals) as (keyof typeof originals)[]) {
      log[level] = (message: string | Error, ...args: unknown[]) => {
        logged.push(String(message), JSON.stringify(args));
        (originals[level] as (m: string | Error, ...a: unknown[]) => void).call(log, message, ...args);
      };
    }
    try {
      // Through the form, as a user adds a header with its value.
      const posted: ToWebview[] = [];
      const newForm = new ConnectionFormController(t.services, undefined, (m) => posted.push(m), () => undefined);
      await newForm.receive({ type: 'ready' });
      const init = posted.find((m) => m.type === 'init');
      assert.ok(init && init.type === 'init');
      const draft = { ...init.draft, name: 'With header', provider: 'openai', apiUrl: server.baseUrl, model: 'gpt-4o-mini', headers: [{ name: 'Helicone-Auth', value: HEADER_VALUE }] };
      await newForm.receive({ type: 'save', requestId: 1, draft });
      const c = store.findByName('With header');
      assert.ok(c, `saved: ${JSON.stringify(posted.at(-1))}`);
      await vault.set(c.id, 'fake-key-headers-test-1');
      assert.deepEqual(c.headerNames, ['Helicone-Auth']);
      assert.ok((await t.context.secrets.keys()).includes(`${HEADER_SECRET_PREFIX}${c.id}`));

      // Reopened, the form gets the name, marked stored, and no value; saving it untouched keeps the value.
      const edits: ToWebview[] = [];
      const editForm = new ConnectionFormController(t.services, c.id, (m) => edits.push(m), () => undefined);
      await editForm.receive({ type: 'ready' });
      const editInit = edits.find((m) => m.type === 'init');
      assert.ok(editInit && editInit.type === 'init');
      assert.deepEqual(editInit.draft.headers, [{ name: 'Helicone-Auth', value: '', stored: true }]);
      await editForm.receive({ type: 'save', requestId: 2, draft: { ...editInit.draft, model: 'gpt-4o-mini' } });
      assert.equal((await vault.headerValues(c.id))?.['Helicone-Auth'], HEADER_VALUE);

      // Requests carry it.
      const api = await publicApi();
      const text = await collect(api.chat([{ role: 'user', content: 'hi' }], { connection: 'With header' }));
      assert.ok(text.length > 0);
      assert.ok(server.requests.some((r) => r.headers['helicone-auth'] === HEADER_VALUE), 'the request carried the header');
      const listed = (await api.listConnections()).find((x) => x.name === 'With header');
      assert.deepEqual(listed?.headerNames, ['Helicone-Auth']);

      const everywhere = [
        JSON.stringify(t.context.globalState.keys().map((k) => t.context.globalState.get(k))),
        JSON.stringify(rawDocument(t)),
        JSON.stringify(posted),
        JSON.stringify(edits),
        JSON.stringify(logged),
        JSON.stringify(await api.listConnections()),
        JSON.stringify(await api.getDefault()),
      ].join('\n');
      assert.ok(!everywhere.includes(HEADER_VALUE), 'a header value leaked');
    } finally {
      Object.assign(log, originals);
      await server.close();
    }
  });

  it('refuses a form Save over a change made meanwhile, and offers to reload', async () => {
    const t = await extension();
    const { store } = t.services;
    const c = await store.create({ name: 'Contested', provider: 'openai', model: 'first' });
    const posted: ToWebview[] = [];
    const form = new ConnectionFormController(t.services, c.id, (m) => posted.push(m), () => undefined);
    await form.receive({ type: 'ready' });
    const init = posted.find((m) => m.type === 'init');
    assert.ok(init && init.type === 'init');
    // Meanwhile List Models (or another window) picks a model.
    await new Promise((r) => setTimeout(r, 5));
    await store.update(c.id, { model: 'picked-meanwhile' });
    let offered: string[] = [];
    await withPatched('showWarningMessage', (async (_m: string, ...items: string[]) => ((offered = items), 'Reload')) as never, async () => {
      await form.receive({ type: 'save', requestId: 7, draft: { ...init.draft, presetName: '', model: 'from-the-form' } });
      await new Promise((r) => setTimeout(r, 50));
    });
    const result = posted.find((m) => m.type === 'saveResult');
    assert.ok(result && result.type === 'saveResult' && !result.ok);
    assert.match(result.message ?? '', /changed since this form opened/);
    assert.equal(store.get(c.id)?.model, 'picked-meanwhile', 'the change made meanwhile stands');
    assert.deepEqual(offered, ['Reload']);
    const reloaded = posted.filter((m) => m.type === 'init').at(-1);
    assert.ok(reloaded && reloaded.type === 'init' && reloaded.fresh === true && reloaded.draft.model === 'picked-meanwhile', 'Reload shows the stored connection');
    // Saved from the reloaded draft, it goes through.
    await form.receive({ type: 'save', requestId: 8, draft: { ...reloaded.draft, model: 'after-reload' } });
    assert.equal(store.get(c.id)?.model, 'after-reload');
  });

  it('saves a draft whose revision matches (a form left open on an unchanged connection)', async () => {
    const t = await extension();
    const c = await t.services.store.create({ name: 'Quiet', provider: 'openai' });
    const form = new ConnectionFormController(t.services, c.id, () => undefined, () => undefined);
    await form.receive({ type: 'save', requestId: 1, draft: { ...draftFromConnection(c, false), model: 'm' } });
    assert.equal(t.services.store.get(c.id)?.model, 'm');
  });
});
