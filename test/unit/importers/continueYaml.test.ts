import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { detectFormat } from '../../../src/importers';
import { FIXTURES, assertRefused, connection, diskContext, fixture, planOf, skippedReason } from './helpers';

const home = join(FIXTURES, 'continue-yaml/home');
const ws = join(FIXTURES, 'continue-yaml/ws');

describe('import: Continue config.yaml', () => {
  it('is detected by its content', () => {
    const { fileName, text } = fixture('continue-yaml/minimal.yaml');
    assert.equal(detectFormat(fileName, text), 'continue-yaml');
  });

  it('imports a minimal model with its written key', () => {
    const plan = planOf('continue-yaml/minimal.yaml');
    assert.deepEqual(plan.connections, [
      { name: 'GPT-4o', provider: 'openai', model: 'gpt-4o', apiKey: 'fake-key-continue-openai', source: 'models[0] "GPT-4o"' },
    ]);
  });

  it('resolves ${{ secrets.X }} as Continue does: ~/.continue/.env, <ws>/.continue/.env, <ws>/.env, then the environment', () => {
    const ctx = diskContext({ homeDir: home, workspaceDir: ws, env: { MISTRAL_API_KEY: 'fake-key-from-env-mistral', ANTHROPIC_API_KEY: 'fake-key-from-env-anthropic' } });
    const plan = planOf('continue-yaml/full.yaml', ctx);
    // In both ~/.continue/.env and <ws>/.continue/.env: the home one wins.
    assert.equal(connection(plan, 'GPT-4o').apiKey, 'fake-key-from-home-env');
    // `export` and quotes in a .env line; the file wins over the environment.
    assert.equal(connection(plan, 'Claude').apiKey, 'fake-key-from-home-anthropic');
    // <ws>/.continue/.env before <ws>/.env before the environment.
    assert.equal(connection(plan, 'Mistral').apiKey, 'fake-key-from-ws-continue-mistral');
    assert.equal(connection(plan, 'Corp Gateway').apiKey, 'fake-key-from-ws-root-corp');
    // Set nowhere: read from the environment at request time.
    const unset = connection(plan, 'Unset Secret');
    assert.equal(unset.apiKey, undefined);
    assert.equal(unset.apiKeyEnv, 'DEEPSEEK_API_KEY');
    assert.deepEqual(ctx.asked, [join(home, '.continue/.env'), join(ws, '.continue/.env'), join(ws, '.env')]);
  });

  it('falls back to the environment, and to apiKeyEnv, without .env files', () => {
    const plan = planOf('continue-yaml/full.yaml', diskContext({ env: { OPENAI_API_KEY: 'fake-key-env-openai' } }));
    assert.equal(connection(plan, 'GPT-4o').apiKey, 'fake-key-env-openai');
    assert.equal(connection(plan, 'Claude').apiKeyEnv, 'ANTHROPIC_API_KEY');
    assert.equal(connection(plan, 'Claude').apiKey, undefined);
  });

  it('maps providers, URLs, headers, timeout and capabilities', () => {
    const plan = planOf('continue-yaml/full.yaml');
    assert.deepEqual(connection(plan, 'Claude').capabilities, { toolCalling: true, imageInput: true, contextWindow: 200000 });
    assert.equal(connection(plan, 'Local Chat').provider, 'ollama');
    assert.equal(connection(plan, 'Local Chat').apiUrl, undefined);
    assert.equal(connection(plan, 'LM Studio').apiUrl, undefined);
    assert.equal(connection(plan, 'Groq via OpenAI').provider, 'groq');
    const corp = connection(plan, 'Corp Gateway');
    assert.deepEqual([corp.provider, corp.apiUrl, corp.timeoutSeconds, corp.headers], ['custom', 'https://llm.corp.example/v1', 120, { 'X-Team': 'platform' }]);
    const azure = connection(plan, 'Azure');
    assert.deepEqual([azure.provider, azure.apiUrl, azure.model], ['azure-openai', 'https://my-resource.openai.azure.com/openai/v1', 'gpt-4o-prod']);
    const nebius = connection(plan, 'Nebius');
    assert.deepEqual([nebius.provider, nebius.apiUrl], ['custom', 'https://api.studio.nebius.ai/v1']);
  });

  it('skips non-chat models, hub blocks and unknown providers without a URL', () => {
    const plan = planOf('continue-yaml/full.yaml');
    assert.match(skippedReason(plan, '"Local Qwen"'), /roles \(autocomplete\) do not include chat/);
    assert.match(skippedReason(plan, '"Embedder"'), /do not include chat/);
    assert.match(skippedReason(plan, 'anthropic/claude-4-sonnet'), /Continue Hub block/);
    assert.match(skippedReason(plan, '"Sambanova"'), /"sambanova" is not one AI Connections supports, and it names no URL/);
    assert.equal(plan.skipped.length, 4);
    assert.equal(plan.connections.length, 10);
  });

  it('refuses YAML that does not parse, with the place and without the key on that line', () => {
    assertRefused('continue-yaml/malformed.yaml', { line: 7, column: 13 });
  });

  it('refuses a config whose models is not a list, pointing at it', () => {
    const error = assertRefused('continue-yaml/wrong-shape.yaml', { line: 5, column: 3 });
    assert.match(error.message, /"models" is not a list/);
  });
});
