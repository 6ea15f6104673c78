// Each dialect against its wire-faithful server: auth headers, paging, list shapes, the tiered test.
import * as assert from 'node:assert/strict';
import { listModels, testConnection, type ProviderTarget } from '../../../src/providers';
import type { ServerDialect } from '../../servers';
import { assertKeyNotExposed, expectCategory, serverPool } from './helpers';
import { byModelId } from '../../../src/shared/modelOrder';

const KEY = 'sk-unit-test-key-0123456789abcdef';
const pool = serverPool();
afterEach(() => pool.closeAll());

interface Case {
  provider: string;
  dialect: ServerDialect;
  /** The header that must carry the key, and its expected value. */
  authHeader: [string, string];
  listPath: RegExp;
  /** A model the default server list contains. */
  model: string;
  /** The list endpoint needs no key (OpenRouter): a wrong key fails the test, not the list. */
  listIsPublic?: boolean;
}

const CASES: Case[] = [
  { provider: 'openai', dialect: 'openai', authHeader: ['authorization', `Bearer ${KEY}`], listPath: /^\/v1\/models$/, model: 'gpt-4o' },
  { provider: 'anthropic', dialect: 'anthropic', authHeader: ['x-api-key', KEY], listPath: /^\/v1\/models$/, model: 'claude-sonnet-4-5-20250929' },
  { provider: 'google', dialect: 'gemini', authHeader: ['x-goog-api-key', KEY], listPath: /^\/v1beta\/models$/, model: 'gemini-2.5-flash' },
  { provider: 'cohere', dialect: 'cohere', authHeader: ['authorization', `Bearer ${KEY}`], listPath: /^\/v1\/models$/, model: 'command-a-03-2025' },
  { provider: 'ollama', dialect: 'ollama', authHeader: ['authorization', `Bearer ${KEY}`], listPath: /^\/api\/tags$/, model: 'llama3.1:8b' },
  { provider: 'bedrock', dialect: 'bedrock', authHeader: ['authorization', `Bearer ${KEY}`], listPath: /^\/foundation-models$/, model: 'amazon.nova-pro-v1:0' },
  { provider: 'together', dialect: 'together', authHeader: ['authorization', `Bearer ${KEY}`], listPath: /^\/v1\/models$/, model: 'Qwen/Qwen2.5-Coder-32B-Instruct' },
  { provider: 'mistral', dialect: 'mistral', authHeader: ['authorization', `Bearer ${KEY}`], listPath: /^\/v1\/models$/, model: 'codestral-latest' },
  { provider: 'openrouter', dialect: 'openrouter', authHeader: ['authorization', `Bearer ${KEY}`], listPath: /^\/api\/v1\/models$/, model: 'openai/gpt-4o', listIsPublic: true },
  { provider: 'xai', dialect: 'xai', authHeader: ['authorization', `Bearer ${KEY}`], listPath: /^\/v1\/models$/, model: 'grok-4' },
  { provider: 'llamacpp', dialect: 'llamacpp', authHeader: ['authorization', `Bearer ${KEY}`], listPath: /^\/v1\/models$/, model: 'qwen2.5-7b-instruct-q4_k_m.gguf' },
  { provider: 'azure-openai', dialect: 'azure-openai', authHeader: ['api-key', KEY], listPath: /^\/openai\/v1\/models$/, model: 'gpt-4o' },
];

describe('dialects against their servers', () => {
  for (const c of CASES) {
    describe(c.provider, () => {
      it('lists models with the key in the right header (never in the URL), and the test agrees with the list', async () => {
        const server = await pool.start({ dialect: c.dialect, apiKey: KEY });
        const target: ProviderTarget = { provider: c.provider, apiUrl: server.baseUrl, apiKey: KEY, model: c.model, timeoutMs: 3000 };
        const models = await listModels(target);
        assert.ok(models.length > 0);
        const listRequest = server.requests.find((r) => c.listPath.test(r.path));
        assert.ok(listRequest, `the list endpoint was called (saw ${server.requests.map((r) => r.path).join(', ')})`);
        assert.equal(listRequest.headers[c.authHeader[0]], c.authHeader[1]);
        for (const r of server.requests) assert.ok(!r.url.includes(KEY), `key in URL ${r.url}`);

        const result = await testConnection(target);
        assert.equal(result.ok, true, result.message);
        assert.equal(result.category, 'ok');
        assert.equal(result.modelCount, models.length, 'modelCount equals what listModels returns');
        assert.ok(result.latencyMs >= 0 && result.latencyMs < 3000);
        assertKeyNotExposed([models, result], KEY);
      });

      it('reports a wrong key as invalid_key without echoing it', async () => {
        const server = await pool.start({ dialect: c.dialect, apiKey: KEY, echoKeyInErrors: true });
        const wrongKey = 'sk-wrong-key-zyxwvutsrq9876543210';
        const target: ProviderTarget = { provider: c.provider, apiUrl: server.baseUrl, apiKey: wrongKey, model: c.model, timeoutMs: 3000 };
        const result = await testConnection(target);
        assert.equal(result.ok, false);
        assert.equal(result.category, 'invalid_key', result.message);
        assert.ok(result.status === 401 || result.status === 403 || result.status === 400, `status ${result.status}`);
        if (c.listIsPublic) {
          const models = await listModels(target);
          assert.ok(models.length > 0, 'a public list works whatever the key');
          assertKeyNotExposed([result, models], wrongKey, KEY);
          return;
        }
        const error = await listModels(target).then(() => assert.fail('listModels must reject'), (e: unknown) => e);
        expectCategory(error, 'invalid_key');
        assertKeyNotExposed([result, error], wrongKey, KEY);
      });
    });
  }

  it('the "missing key" case sends nothing', async () => {
    const server = await pool.start({ dialect: 'openai', apiKey: KEY });
    const result = await testConnection({ provider: 'openai', apiUrl: server.baseUrl, timeoutMs: 2000 });
    assert.equal(result.category, 'missing_key');
    assert.equal(result.ok, false);
    const error = await listModels({ provider: 'openai', apiUrl: server.baseUrl, apiKey: '  ' }).catch((e: unknown) => e);
    expectCategory(error, 'missing_key');
    assert.equal(server.requests.length, 0);
  });

  it('Anthropic: sends anthropic-version, pages with limit/after_id until has_more is false', async () => {
    const models = Array.from({ length: 7 }, (_, i) => ({ id: `claude-test-${i}`, label: `Claude Test ${i}`, contextLength: 1000 + i }));
    const server = await pool.start({ dialect: 'anthropic', apiKey: KEY, models, maxPageSize: 3 });
    const list = await listModels({ provider: 'anthropic', apiUrl: server.baseUrl, apiKey: KEY });
    assert.deepEqual(list.map((m) => m.id), models.map((m) => m.id));
    assert.deepEqual(list[2], { id: 'claude-test-2', label: 'Claude Test 2', contextLength: 1002 });
    assert.equal(server.requests.length, 3);
    assert.deepEqual(server.requests.map((r) => r.query['after_id']), [undefined, 'claude-test-2', 'claude-test-5']);
    assert.ok(server.requests.every((r) => r.headers['anthropic-version'] === '2023-06-01' && r.query['limit'] === '1000'));
  });

  it('Gemini: pages with pageToken, strips models/, keeps only generateContent models, with labels and context', async () => {
    const models = [
      { id: 'gemini-b', label: 'Gemini B', contextLength: 2000 },
      { id: 'embedding-1', generationMethods: ['embedContent'] },
      { id: 'gemini-a', label: 'Gemini A', contextLength: 1000 },
      { id: 'aqa', generationMethods: ['generateAnswer'] },
      { id: 'gemini-c' },
    ];
    const server = await pool.start({ dialect: 'gemini', apiKey: KEY, models, maxPageSize: 2 });
    const list = await listModels({ provider: 'google', apiUrl: server.baseUrl, apiKey: KEY });
    assert.deepEqual(byModelId(list), [
      { id: 'gemini-a', label: 'Gemini A', contextLength: 1000 },
      { id: 'gemini-b', label: 'Gemini B', contextLength: 2000 },
      { id: 'gemini-c', contextLength: 1048576 },
    ]);
    assert.equal(server.requests.length, 3);
    assert.deepEqual(server.requests.map((r) => r.query['pageToken']), [undefined, 'page-2', 'page-4']);
    const test = await testConnection({ provider: 'google', apiUrl: server.baseUrl, apiKey: KEY, model: 'models/gemini-b' });
    assert.equal(test.category, 'ok', 'a model named with its models/ prefix is found');
  });

  it('Cohere: checks the key for free, then pages chat models with page_token', async () => {
    const models = Array.from({ length: 5 }, (_, i) => ({ id: `command-${i}`, contextLength: 4096 }));
    const server = await pool.start({ dialect: 'cohere', apiKey: KEY, models, maxPageSize: 2 });
    const result = await testConnection({ provider: 'cohere', apiUrl: server.baseUrl, apiKey: KEY, model: 'command-4' });
    assert.equal(result.category, 'ok', result.message);
    assert.equal(result.modelCount, 5);
    assert.deepEqual(server.requests.map((r) => `${r.method} ${r.path} ${r.query['page_token'] ?? ''}`.trim()), [
      'POST /v1/check-api-key',
      'GET /v1/models',
      'GET /v1/models 2',
      'GET /v1/models 4',
    ]);
    assert.ok(server.requests.slice(1).every((r) => r.query['endpoint'] === 'chat'));
  });

  it('Cohere: a check that answers {valid:false} is invalid_key', async () => {
    const server = await pool.start({ dialect: 'cohere', faults: [{ path: '/v1/check-api-key', fault: { kind: 'status', status: 200, body: { valid: false } } }] });
    const result = await testConnection({ provider: 'cohere', apiUrl: server.baseUrl, apiKey: KEY });
    assert.equal(result.category, 'invalid_key');
  });

  it('Together: reads the bare array and keeps only chat/language/code models', async () => {
    const server = await pool.start({ dialect: 'together', apiKey: KEY });
    const list = await listModels({ provider: 'together', apiUrl: server.baseUrl, apiKey: KEY });
    assert.deepEqual(byModelId(list), [
      { id: 'Qwen/Qwen2.5-Coder-32B-Instruct', label: 'Qwen 2.5 Coder 32B', contextLength: 32768 },
      { id: 'meta-llama/Llama-3.3-70B-Instruct-Turbo', label: 'Llama 3.3 70B Instruct Turbo', contextLength: 131072 },
    ]);
  });

  for (const shape of ['list', 'bare'] as const) {
    it(`Mistral: reads the ${shape} shape with max_context_length`, async () => {
      const server = await pool.start({ dialect: 'mistral', apiKey: KEY, mistralShape: shape });
      const list = await listModels({ provider: 'mistral', apiUrl: server.baseUrl, apiKey: KEY });
      assert.deepEqual(byModelId(list), [
        { id: 'codestral-latest', contextLength: 262144 },
        { id: 'mistral-large-latest', contextLength: 131072 },
        { id: 'mistral-small-latest', contextLength: 32768 },
      ]);
    });
  }

  it('OpenRouter: proves the key with /key, lists with names and context lengths', async () => {
    const server = await pool.start({ dialect: 'openrouter', apiKey: KEY });
    const result = await testConnection({ provider: 'openrouter', apiUrl: server.baseUrl, apiKey: KEY });
    assert.equal(result.category, 'ok');
    assert.deepEqual(server.requests.map((r) => r.path), ['/api/v1/key', '/api/v1/models']);
    const list = await listModels({ provider: 'openrouter', apiUrl: server.baseUrl, apiKey: KEY });
    assert.deepEqual(byModelId(list)[0], { id: 'anthropic/claude-sonnet-4.5', label: 'Anthropic: Claude Sonnet 4.5', contextLength: 1000000 });
  });

  it('xAI: proves the key with /api-key', async () => {
    const server = await pool.start({ dialect: 'xai', apiKey: KEY });
    const result = await testConnection({ provider: 'xai', apiUrl: server.baseUrl, apiKey: KEY });
    assert.equal(result.category, 'ok');
    assert.deepEqual(server.requests.map((r) => r.path), ['/v1/api-key', '/v1/models']);
  });

  it('llama.cpp: a server still loading its model is a server_error that says so', async () => {
    const server = await pool.start({ dialect: 'llamacpp', loading: true });
    const result = await testConnection({ provider: 'llamacpp', apiUrl: server.baseUrl });
    assert.equal(result.category, 'server_error');
    assert.match(result.message, /Loading model/);
    assert.equal(result.status, 503);
  });

  it('Ollama: no Authorization without a key; `llama3` matches `llama3:latest`', async () => {
    const server = await pool.start({ dialect: 'ollama' });
    const result = await testConnection({ provider: 'ollama', apiUrl: server.baseUrl, model: 'llama3' });
    assert.equal(result.category, 'ok', result.message);
    // A test needs the ids only: no /api/show per model (List Models asks it, for the capabilities).
    assert.deepEqual(server.requests.map((r) => r.path), ['/api/version', '/api/tags']);
    const before = server.requests.length;
    await listModels({ provider: 'ollama', apiUrl: server.baseUrl });
    assert.deepEqual(server.requests.slice(before).map((r) => r.path), ['/api/tags', '/api/show', '/api/show', '/api/show']);
    assert.ok(server.requests.every((r) => r.headers.authorization === undefined));
  });

  it('Azure: the model is a deployment, tested with a 1-token chat on it (api-key header, no Bearer)', async () => {
    const server = await pool.start({ dialect: 'azure-openai', apiKey: KEY, deployments: ['my-gpt4o'] });
    const ok = await testConnection({ provider: 'azure-openai', apiUrl: server.baseUrl, apiKey: KEY, model: 'my-gpt4o' });
    assert.equal(ok.category, 'ok', ok.message);
    const chat = server.requests.find((r) => r.path === '/openai/v1/chat/completions');
    assert.ok(chat);
    assert.equal(chat.headers['api-key'], KEY);
    assert.equal(chat.headers.authorization, undefined);
    const body = JSON.parse(chat.body) as Record<string, unknown>;
    assert.equal(body['model'], 'my-gpt4o');
    assert.equal(body['max_completion_tokens'], 1);
    const missing = await testConnection({ provider: 'azure-openai', apiUrl: server.baseUrl, apiKey: KEY, model: 'no-such-deployment' });
    assert.equal(missing.category, 'model_not_found');
    assert.equal(missing.status, 404);
  });

  it('Perplexity: no list endpoint, known ids, tested with a 1-token chat', async () => {
    const server = await pool.start({ dialect: 'perplexity', apiKey: KEY });
    const target = { provider: 'perplexity', apiUrl: server.baseUrl, apiKey: KEY };
    const list = await listModels(target);
    assert.ok(list.some((m) => m.id === 'sonar-pro'));
    assert.equal(server.requests.length, 0, 'listing known ids costs no request');
    const result = await testConnection({ ...target, model: 'sonar-pro' });
    assert.equal(result.category, 'ok', result.message);
    assert.equal(result.modelCount, list.length);
    assert.deepEqual(server.requests.map((r) => `${r.method} ${r.path}`), ['POST /chat/completions']);
    const wrong = await testConnection({ ...target, model: 'sonar-prime' });
    assert.equal(wrong.category, 'model_not_found');
    assert.ok(wrong.suggestions?.includes('sonar-pro'));
    const badKey = await testConnection({ ...target, apiKey: 'pplx-wrong-0000000000', model: 'sonar' });
    assert.equal(badKey.category, 'invalid_key', 'a 401 HTML page is still a rejected key');
  });

  it('Bedrock: foundation models and paged inference profiles, a Converse call on request', async () => {
    const models = [{ id: 'amazon.nova-lite-v1:0' }, { id: 'us.a' }, { id: 'us.b' }, { id: 'us.c' }];
    const server = await pool.start({ dialect: 'bedrock', apiKey: KEY, models, maxPageSize: 2 });
    const target = { provider: 'bedrock', apiUrl: server.baseUrl, apiKey: KEY, model: 'amazon.nova-lite-v1:0' };
    assert.deepEqual((await listModels(target)).map((m) => m.id), ['amazon.nova-lite-v1:0', 'us.a', 'us.b', 'us.c']);
    server.requests.length = 0;
    const full = await testConnection(target, { full: true });
    assert.equal(full.category, 'ok', full.message);
    assert.ok(server.requests.some((r) => r.path === '/model/amazon.nova-lite-v1%3A0/converse' || r.path === '/model/amazon.nova-lite-v1:0/converse'));
  });

  it('Vertex: signs a service-account JWT, exchanges it, calls generateContent; a foreign key is invalid_key', async () => {
    const server = await pool.start({ dialect: 'vertex' });
    const serviceAccount = server.serviceAccountJson();
    const target = { provider: 'vertex', apiUrl: server.baseUrl, apiKey: serviceAccount, model: 'gemini-2.5-flash', timeoutMs: 5000 };
    const result = await testConnection(target);
    assert.equal(result.category, 'ok', result.message);
    assert.deepEqual(server.requests.map((r) => r.path), ['/token', '/v1/projects/test-project/locations/global/publishers/google/models/gemini-2.5-flash:generateContent']);
    const privateKey = (JSON.parse(serviceAccount) as { private_key: string }).private_key;
    assert.ok(!server.sawValue('BEGIN PRIVATE KEY'), 'the private key never goes on the wire');
    assertKeyNotExposed(result, privateKey.slice(40, 80));

    const missingModel = await testConnection({ ...target, model: 'gemini-9-ultra' });
    assert.equal(missingModel.category, 'model_not_found');
    assert.ok((missingModel.suggestions ?? []).length > 0);

    const other = await pool.start({ dialect: 'vertex' });
    other.serviceAccountJson(); // the other server trusts a different key pair
    const foreign = await testConnection({ ...target, apiUrl: other.baseUrl, apiKey: serviceAccount.replace(server.url, other.url) });
    assert.equal(foreign.category, 'invalid_key', foreign.message);
    const notJson = await testConnection({ ...target, apiKey: 'not-a-service-account' });
    assert.equal(notJson.category, 'invalid_key');
  });

  it('a full test sends one 1-token completion after the free checks', async () => {
    const server = await pool.start({ dialect: 'anthropic', apiKey: KEY });
    const result = await testConnection({ provider: 'anthropic', apiUrl: server.baseUrl, apiKey: KEY, model: 'claude-3-5-haiku-20241022' }, { full: true });
    assert.equal(result.category, 'ok', result.message);
    const messages = server.requests.filter((r) => r.path === '/v1/messages');
    assert.equal(messages.length, 1);
    assert.equal((JSON.parse(messages[0]?.body ?? '{}') as { max_tokens?: number }).max_tokens, 1);
  });

  it('model missing from the list: model_not_found with the closest ids, no completion sent', async () => {
    const server = await pool.start({ dialect: 'openai', apiKey: KEY });
    const result = await testConnection({ provider: 'openai', apiUrl: server.baseUrl, apiKey: KEY, model: 'gpt-4o-mni' }, { full: true });
    assert.equal(result.category, 'model_not_found');
    assert.equal(result.suggestions?.[0], 'gpt-4o-mini');
    assert.match(result.message, /gpt-4o-mni/);
    assert.ok(!server.requests.some((r) => r.path.endsWith('/chat/completions')));
  });

  it('de-duplicates what a server lists twice, keeping its order (views sort)', async () => {
    const server = await pool.start({ dialect: 'openai', apiKey: KEY, models: [{ id: 'zeta' }, { id: 'alpha' }, { id: 'zeta' }, { id: 'Beta' }] });
    const list = await listModels({ provider: 'openai', apiUrl: server.baseUrl, apiKey: KEY });
    assert.deepEqual(list.map((m) => m.id), ['zeta', 'alpha', 'Beta']);
  });

  it('sends the connection custom headers along with the key', async () => {
    const server = await pool.start({ dialect: 'openai', apiKey: KEY });
    await listModels({ provider: 'openai', apiUrl: server.baseUrl, apiKey: KEY, headers: { 'OpenAI-Organization': 'org-123', 'X-Proxy-Token': 'proxy-secret-123' } });
    assert.equal(server.requests[0]?.headers['openai-organization'], 'org-123');
    assert.equal(server.requests[0]?.headers['x-proxy-token'], 'proxy-secret-123');
  });
});
