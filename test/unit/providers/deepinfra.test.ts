// A provider added as data (docs/architecture.md, "How to add a provider"): DeepInfra, an OpenAI-compatible
// catalogue entry, runs Test Connection and List Models against the local OpenAI-wire server, its default URL
// overridden by apiUrl.
import * as assert from 'node:assert/strict';
import { getProvider, listModels, testConnection, type ProviderTarget } from '../../../src/providers';
import { assertKeyNotExposed, expectCategory, serverPool } from './helpers';

const KEY = 'fake-key-deepinfra-unit';
const MODELS = [{ id: 'meta-llama/Llama-3.3-70B-Instruct' }, { id: 'Qwen/Qwen3-Coder-480B-A35B-Instruct' }, { id: 'deepseek-ai/DeepSeek-V3.1' }];
const pool = serverPool();
afterEach(() => pool.closeAll());

describe('DeepInfra (a catalogue entry on the OpenAI wire)', () => {
  it('is an OpenAI-compatible cloud entry with its key page', () => {
    const info = getProvider('deepinfra');
    assert.ok(info, 'deepinfra is in the catalogue');
    assert.deepEqual(
      [info.label, info.dialect, info.defaultUrl, info.keyRequired, info.testStrategy, info.hasModelList, info.local, info.keyUrl],
      ['DeepInfra', 'openai', 'https://api.deepinfra.com/v1/openai', true, 'list-models', true, false, 'https://deepinfra.com/dash/api_keys'],
    );
  });

  it('lists the models at apiUrl with a Bearer key, and Test Connection agrees with the list', async () => {
    const server = await pool.start({ dialect: 'openai', apiKey: KEY, models: MODELS });
    assert.notEqual(server.baseUrl, getProvider('deepinfra')?.defaultUrl);
    const target: ProviderTarget = { provider: 'deepinfra', apiUrl: server.baseUrl, apiKey: KEY, model: 'meta-llama/Llama-3.3-70B-Instruct', timeoutMs: 3000 };

    const models = await listModels(target);
    assert.deepEqual(models.map((m) => m.id).sort(), MODELS.map((m) => m.id).sort());
    const list = server.requests.find((r) => r.path === '/v1/models');
    assert.ok(list, `GET /models at apiUrl was called (saw ${server.requests.map((r) => r.path).join(', ')})`);
    assert.equal(list.method, 'GET');
    assert.equal(list.headers.authorization, `Bearer ${KEY}`);

    const result = await testConnection(target);
    assert.equal(result.ok, true, result.message);
    assert.equal(result.category, 'ok');
    assert.equal(result.modelCount, MODELS.length);
    for (const r of server.requests) assert.ok(!r.url.includes(KEY), `key in URL ${r.url}`);
    assertKeyNotExposed([models, result], KEY);
  });

  it('reports a wrong key as invalid_key, from Test Connection and List Models, without echoing it', async () => {
    const server = await pool.start({ dialect: 'openai', apiKey: KEY, models: MODELS, echoKeyInErrors: true });
    const wrongKey = 'fake-key-deepinfra-wrong';
    const target: ProviderTarget = { provider: 'deepinfra', apiUrl: server.baseUrl, apiKey: wrongKey, model: 'meta-llama/Llama-3.3-70B-Instruct', timeoutMs: 3000 };
    const result = await testConnection(target);
    assert.equal(result.ok, false);
    assert.equal(result.category, 'invalid_key', result.message);
    const error = await listModels(target).then(() => assert.fail('listModels must reject'), (e: unknown) => e);
    expectCategory(error, 'invalid_key');
    assertKeyNotExposed([result, error], wrongKey, KEY);
  });
});
