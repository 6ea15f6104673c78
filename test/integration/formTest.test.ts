// The connection form's Test records its result like the tree's Test does — for the connection it really
// describes: a draft that differs from the stored connection is recorded only once Save makes it true.
// Drives the form's controller (what the webview's messages reach) with the real services and storage.
import * as assert from 'node:assert/strict';
import { draftFromConnection } from '../../src/shared/connection';
import type { ToWebview } from '../../src/shared/protocol';
import { ConnectionFormController } from '../../src/views/formController';
import { startProviderServer, type StartedProviderServer } from '../servers';
import { extension, resetState } from './support';

const KEY = 'sk-form-test-not-real-5150';

describe('connection form Test', () => {
  let server: StartedProviderServer;
  before(async () => {
    server = await startProviderServer({ dialect: 'openai', apiKey: KEY, models: [{ id: 'gpt-4o' }, { id: 'gpt-4o-mini' }] });
  });
  after(async () => server?.close());
  beforeEach(resetState);

  async function formFor(id: string) {
    const t = await extension();
    const posted: ToWebview[] = [];
    let closed = false;
    const form = new ConnectionFormController(t.services, id, (m) => posted.push(m), () => (closed = true));
    return { t, form, posted, closed: () => closed };
  }

  it('records the result of testing the stored connection, as the tree shows it', async () => {
    const t = await extension();
    const c = await t.services.store.create({ name: 'Form test', provider: 'openai', apiUrl: server.baseUrl, model: 'gpt-4o' });
    await t.services.vault.set(c.id, KEY);
    const { form, posted } = await formFor(c.id);

    await form.receive({ type: 'test', requestId: 1, draft: draftFromConnection(c, false) });

    const reply = posted.find((m) => m.type === 'testResult');
    assert.ok(reply && reply.type === 'testResult' && reply.ok, `the form shows success: ${JSON.stringify(reply)}`);
    const recorded = t.services.results.get(c.id);
    assert.equal(recorded?.ok, true);
    assert.equal(recorded?.category, 'ok');
    assert.equal(recorded?.message, reply.message, 'the tree shows the words the form showed');
  });

  it('records a draft’s result only when Save makes the draft the connection', async () => {
    const t = await extension();
    const c = await t.services.store.create({ name: 'Form draft', provider: 'openai', apiUrl: server.baseUrl, model: 'gpt-4o' });
    await t.services.vault.set(c.id, KEY);
    const { form, closed } = await formFor(c.id);
    const draft = { ...draftFromConnection(c, false), model: 'no-such-model' };

    await form.receive({ type: 'test', requestId: 1, draft });
    assert.equal(t.services.results.get(c.id), undefined, 'an unsaved draft says nothing about the stored connection');

    await form.receive({ type: 'save', requestId: 2, draft });
    assert.ok(closed(), 'the form closes after saving');
    const recorded = t.services.results.get(c.id);
    assert.equal(recorded?.ok, false);
    assert.equal(recorded?.category, 'model_not_found');
  });

  it('answers every request, a failure included, so no button stays busy', async () => {
    const t = await extension();
    const c = await t.services.store.create({ name: 'Form failure', provider: 'openai', apiUrl: server.baseUrl, model: 'gpt-4o' });
    const { form, posted } = await formFor(c.id);
    const vault = t.services.vault;
    const originalGet = vault.get.bind(vault);
    vault.get = async () => {
      throw new Error('the keyring is locked');
    };
    try {
      await form.receive({ type: 'test', requestId: 7, draft: draftFromConnection(c, false) });
      await form.receive({ type: 'fetchModels', requestId: 8, draft: draftFromConnection(c, false) });
    } finally {
      vault.get = originalGet;
    }
    const test = posted.find((m) => m.type === 'testResult');
    assert.ok(test && test.type === 'testResult' && test.requestId === 7 && !test.ok && /keyring is locked/.test(test.message), `Test answered: ${JSON.stringify(test)}`);
    const models = posted.find((m) => m.type === 'modelsResult');
    assert.ok(models && models.type === 'modelsResult' && models.requestId === 8 && !models.ok, `Fetch Models answered: ${JSON.stringify(models)}`);
  });
  it('Save stores the URL in its normal form, whatever was pasted', async () => {
    const t = await extension();
    const c = await t.services.store.create({ name: 'Form URL', provider: 'openai', apiUrl: server.baseUrl, model: 'gpt-4o' });
    const { form, closed } = await formFor(c.id);
    await form.receive({ type: 'save', requestId: 1, draft: { ...draftFromConnection(c, false), apiUrl: `  ${server.baseUrl}/chat/completions/  ` } });
    assert.ok(closed(), 'the form closes after saving');
    assert.equal(t.services.store.get(c.id)?.apiUrl, server.baseUrl);
  });
});
