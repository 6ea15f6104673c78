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

describe('import: Continue config.yaml, edge cases', () => {
  const yaml = (apiKey: string) => `schema: v1\nname: x\nversion: 1.0.0\nmodels:\n  - name: A\n    provider: openai\n    model: gpt-4o\n    apiKey: ${apiKey}\n`;

  it('does not take a template Continue fills in some other way as a key', async () => {
    const { planImport } = await import('../../../src/importers');
    const plan = planImport('/c/config.yaml', yaml('"Bearer ${{ secrets.X }}-suffix"'), { env: {} });
    assert.equal(plan.connections[0]?.apiKey, undefined);
    const inputs = planImport('/c/config.yaml', yaml('${{ inputs.OPENAI_API_KEY }}'), { env: { OPENAI_API_KEY: 'fake-key-env-inputs' } });
    assert.equal(inputs.connections[0]?.apiKey, 'fake-key-env-inputs');
  });

  it('treats a .env file it cannot read as absent', async () => {
    const { planImport } = await import('../../../src/importers');
    const readFile = () => {
      throw new Error('EACCES');
    };
    const plan = planImport('/c/config.yaml', yaml('${{ secrets.OPENAI_API_KEY }}'), { env: {}, readFile, homeDir: '/h', workspaceDir: '/w' });
    assert.equal(plan.connections[0]?.apiKeyEnv, 'OPENAI_API_KEY');
  });

  it('never repeats what the parser quotes from the file (an unresolved alias named like a key)', async () => {
    const { planImport, ImportError } = await import('../../../src/importers');
    const text = 'schema: v1\nmodels:\n  - name: A\n    apiKey: *fake-key-alias-leak\n';
    assert.throws(
      () => planImport('/c/config.yaml', text, { env: {} }),
      (e: unknown) => e instanceof ImportError && e.line === 4 && !e.message.includes('fake-key'),
    );
  });

  it('refuses a file whose aliases expand without bound (a "billion laughs" file) instead of hanging', async () => {
    const { planImport, ImportError } = await import('../../../src/importers');
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const text = `schema: v1\n${levels.join('\n')}\nmodels: []\n`;
    assert.throws(() => planImport('/c/config.yaml', text, { env: {} }), (e: unknown) => e instanceof ImportError && /expand too far/.test(e.message));
  });
});
