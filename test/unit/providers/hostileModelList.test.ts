// A hostile model list (huge ids, 10,000 near-duplicates) is read, trimmed and searched without freezing the
// host: huge ids are dropped, the rest kept in order, and "did you mean" still answers.
import * as assert from 'node:assert/strict';
import { listModels, testConnection } from '../../../src/providers';
import { MAX_MODEL_ID_LENGTH } from '../../../src/providers/modelList';
import { serverPool, settleWithin } from './helpers';

const KEY = 'fake-hostile-list-key-8802';
const pool = serverPool();
const PREFIX = 'vendor/'.repeat(40);

function hostileModels(): { id: string; name?: string }[] {
  const nearDuplicates = Array.from({ length: 10_000 }, (_, i) => ({ id: `${PREFIX}model-${String(i).padStart(5, '0')}`, label: 'L'.repeat(2000) }));
  const huge = Array.from({ length: 200 }, (_, i) => ({ id: `${'h'.repeat(20_000)}${i}` }));
  return [...huge, ...nearDuplicates, ...nearDuplicates.slice(0, 500)];
}

describe('a hostile model list', function () {
  // A hang guard only: the figures are measured by `npm run bench`, not asserted here.
  this.timeout(20_000);
  after(() => pool.closeAll());

  it('drops ids too long to be model names, de-duplicates the rest in order, and cuts labels', async () => {
    const server = await pool.start({ dialect: 'openai', apiKey: KEY, models: hostileModels() });
    const { value: models, error } = await settleWithin(10_000, () => listModels({ provider: 'openai', apiUrl: server.baseUrl, apiKey: KEY, timeoutMs: 10_000 }));
    assert.equal(error, undefined, String(error));
    assert.ok(models);
    assert.equal(models.length, 10_000);
    assert.ok(models.every((m) => m.id.length <= MAX_MODEL_ID_LENGTH));
    assert.equal(models[0]?.id, `${PREFIX}model-00000`);
    assert.ok(models.every((m) => (m.label?.length ?? 0) <= MAX_MODEL_ID_LENGTH));
  });

  it('a missing model among them still gets the closest ids', async () => {
    const server = await pool.start({ dialect: 'openai', apiKey: KEY, models: hostileModels() });
    const { value: result } = await settleWithin(10_000, () =>
      testConnection({ provider: 'openai', apiUrl: server.baseUrl, apiKey: KEY, model: `${PREFIX}modle-09999`, timeoutMs: 10_000 }),
    );
    assert.equal(result?.category, 'model_not_found', result?.message);
    assert.equal(result?.suggestions?.[0], `${PREFIX}model-09999`);
  });
});
