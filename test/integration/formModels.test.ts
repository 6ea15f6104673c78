// The form's Fetch Models never sends the webview more than it can show: a huge list crosses cut to
// MAX_FORM_MODELS (the first by id), with the total for the status line, and every request gets an answer.
import * as assert from 'node:assert/strict';
import { draftFromConnection } from '../../src/shared/connection';
import { MAX_FORM_MODELS, type ToWebview } from '../../src/shared/protocol';
import { ConnectionFormController } from '../../src/views/formController';
import { startProviderServer, type StartedProviderServer } from '../servers';
import { extension, resetState } from './support';

const KEY = 'fake-form-models-key-6060';
const COUNT = 9_000;

describe('the form with a huge model list', () => {
  let server: StartedProviderServer;
  before(async () => {
    // Listed in reverse, so the cut must sort to keep the first ids.
    const models = Array.from({ length: COUNT }, (_, i) => ({ id: `model-${String(COUNT - 1 - i).padStart(5, '0')}` }));
    server = await startProviderServer({ dialect: 'openai', apiKey: KEY, models });
  });
  after(async () => server?.close());
  beforeEach(resetState);

  it('sends the first MAX_FORM_MODELS by id and the total', async () => {
    const t = await extension();
    const c = await t.services.store.create({ name: 'Huge list', provider: 'openai', apiUrl: server.baseUrl });
    await t.services.vault.set(c.id, KEY);
    const posted: ToWebview[] = [];
    const form = new ConnectionFormController(t.services, c.id, (m) => posted.push(m), () => undefined);
    await form.receive({ type: 'fetchModels', requestId: 7, draft: draftFromConnection(c, false) });
    const reply = posted.find((m) => m.type === 'modelsResult');
    assert.ok(reply && reply.type === 'modelsResult' && reply.ok, JSON.stringify(reply).slice(0, 200));
    assert.equal(reply.requestId, 7);
    assert.equal(reply.models.length, MAX_FORM_MODELS);
    assert.equal(reply.total, COUNT);
    assert.equal(reply.models[0]?.id, 'model-00000');
    assert.equal(reply.models.at(-1)?.id, `model-${String(MAX_FORM_MODELS - 1).padStart(5, '0')}`);
  });
});
