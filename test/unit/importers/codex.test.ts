import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { detectFormat } from '../../../src/importers';
import { FIXTURES, assertRefused, connection, diskContext, fixture, planOf, skippedReason } from './helpers';

describe('import: Codex config.toml', () => {
  it('is detected by its content', () => {
    const { fileName, text } = fixture('codex/minimal.toml');
    assert.equal(detectFormat(fileName, text), 'codex');
  });

  it('imports a model_providers table with the top-level model, the key from env_key', () => {
    const plan = planOf('codex/minimal.toml', diskContext({ env: { CORP_API_KEY: 'fake-key-env-corp' } }));
    assert.deepEqual(plan.connections, [
      {
        name: 'Corp',
        provider: 'custom',
        model: 'qwen3-coder',
        apiUrl: 'https://llm.corp.example/v1',
        apiKey: 'fake-key-env-corp',
        source: '[model_providers.corp]',
      },
    ]);
    assert.equal(planOf('codex/minimal.toml').connections[0]?.apiKeyEnv, 'CORP_API_KEY');
  });

  it('maps each table and the built-ins the config uses', () => {
    const ctx = diskContext({ env: { CORP_ORG: 'org-1', OPENROUTER_API_KEY: 'fake-key-env-openrouter' } });
    const plan = planOf('codex/full/config.toml', ctx);
    const azure = connection(plan, 'Azure');
    assert.deepEqual([azure.provider, azure.apiUrl, azure.model, azure.apiKeyEnv], ['azure-openai', 'https://my-resource.openai.azure.com/openai/v1', 'gpt-5-prod', 'AZURE_OPENAI_API_KEY']);
    const router = connection(plan, 'OpenRouter');
    assert.deepEqual([router.provider, router.apiUrl, router.apiKey], ['openrouter', undefined, 'fake-key-env-openrouter']);
    // A header from a set variable comes with its value; one from an unset variable by name only.
    assert.deepEqual(router.headers, { 'X-Title': 'codex', 'X-Org': 'org-1' });
    assert.deepEqual(router.headerNames, ['X-Project']);
    // No name: its id. On Mistral's host: Mistral.
    assert.equal(connection(plan, 'mistral').provider, 'mistral');
    // The openai built-in (the top-level model_provider): its key from auth.json beside the config.
    const openai = connection(plan, 'OpenAI');
    assert.deepEqual([openai.provider, openai.model, openai.apiKey], ['openai', 'gpt-5-codex', 'fake-key-codex-auth']);
    assert.ok(ctx.asked.includes(join(FIXTURES, 'codex/full/auth.json')));
    // The ollama built-in, used by a profile.
    const ollama = connection(plan, 'Ollama');
    assert.deepEqual([ollama.provider, ollama.model, ollama.apiUrl], ['ollama', 'gpt-oss:20b', undefined]);
  });

  it('prefers OPENAI_API_KEY in the environment over auth.json', () => {
    const plan = planOf('codex/full/config.toml', diskContext({ env: { OPENAI_API_KEY: 'fake-key-env-openai' } }));
    assert.equal(connection(plan, 'OpenAI').apiKey, 'fake-key-env-openai');
  });

  it('skips what it cannot use, each with its reason', () => {
    const plan = planOf('codex/full/config.toml');
    assert.match(skippedReason(plan, 'model_providers.nowhere'), /names no URL/);
    assert.match(skippedReason(plan, '"deepseek"'), /neither built into Codex nor defined/);
    assert.equal(plan.connections.length, 5);
  });

  it('refuses TOML that does not parse, with the place and without the key on that line', () => {
    assertRefused('codex/malformed.toml', { line: 4 });
  });
});
