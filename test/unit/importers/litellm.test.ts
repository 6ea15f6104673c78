import * as assert from 'node:assert/strict';
import { detectFormat } from '../../../src/importers';
import { assertRefused, connection, diskContext, fixture, planOf, skippedReason } from './helpers';

describe('import: LiteLLM proxy config.yaml', () => {
  it('is detected by its content, even named config.yaml', () => {
    const { text } = fixture('litellm/minimal.yaml');
    assert.equal(detectFormat('/srv/litellm/config.yaml', text), 'litellm');
  });

  it('resolves os.environ/X from the environment, else names the variable', () => {
    const set = planOf('litellm/minimal.yaml', diskContext({ env: { OPENAI_API_KEY: 'fake-key-env-openai' } }));
    assert.deepEqual(set.connections, [
      { name: 'gpt-4o', provider: 'openai', model: 'gpt-4o', apiKey: 'fake-key-env-openai', source: 'model_list[0] "gpt-4o"' },
    ]);
    const unset = planOf('litellm/minimal.yaml');
    assert.equal(unset.connections[0]?.apiKeyEnv, 'OPENAI_API_KEY');
    assert.equal(unset.connections[0]?.apiKey, undefined);
  });

  it('makes one connection per model_list entry, the provider from the model prefix', () => {
    const env = { AZURE_API_KEY: 'fake-key-env-azure', ANTHROPIC_API_KEY: 'fake-key-env-anthropic' };
    const plan = planOf('litellm/full.yaml', diskContext({ env }));
    const azure = connection(plan, 'gpt-4o');
    assert.deepEqual(
      [azure.provider, azure.model, azure.apiUrl, azure.apiKey, azure.timeoutSeconds],
      ['azure-openai', 'gpt-4o-eu', 'https://my-eu.openai.azure.com/openai/v1', 'fake-key-env-azure', 30],
    );
    const claude = connection(plan, 'claude');
    assert.deepEqual([claude.provider, claude.model, claude.apiKey], ['anthropic', 'claude-3-5-sonnet-20241022', 'fake-key-env-anthropic']);
    assert.deepEqual(claude.capabilities, { contextWindow: 200000, maxOutputTokens: 8192 });
    assert.deepEqual([connection(plan, 'local-llama').provider, connection(plan, 'local-llama').apiUrl], ['ollama', undefined]);
    const corp = connection(plan, 'corp');
    assert.deepEqual([corp.provider, corp.apiUrl, corp.apiKey], ['custom', 'https://llm.corp.example/v1', 'fake-key-litellm-corp']);
    const router = connection(plan, 'router');
    assert.deepEqual([router.provider, router.model, router.apiKeyEnv], ['openrouter', 'anthropic/claude-sonnet-4.5', 'OPENROUTER_API_KEY']);
    assert.equal(connection(plan, 'bare').provider, 'anthropic');
  });

  it('skips entries it cannot use, each with its reason', () => {
    const plan = planOf('litellm/full.yaml');
    assert.match(skippedReason(plan, 'model_list[1]'), /api_base comes from os.environ\/AZURE_US_API_BASE, which is not set/);
    assert.match(skippedReason(plan, '"sonnet-bedrock"'), /AWS credentials/);
    assert.match(skippedReason(plan, '"broken"'), /no litellm_params.model/);
    assert.equal(plan.connections.length, 6);
    // The master key belongs to the proxy, not to any entry.
    assert.ok(!JSON.stringify(plan).includes('fake-key-litellm-master'));
  });

  it('imports the second entry of a shared model_name under a suffixed name once its URL is set', () => {
    const plan = planOf('litellm/full.yaml', diskContext({ env: { AZURE_US_API_BASE: 'https://my-us.openai.azure.com' } }));
    assert.equal(connection(plan, 'gpt-4o 2').apiUrl, 'https://my-us.openai.azure.com/openai/v1');
  });

  it('refuses YAML that does not parse, and a model_list that is not a list', () => {
    assertRefused('litellm/malformed.yaml', { line: 5 });
    assert.match(assertRefused('litellm/litellm-wrong-shape.yaml', { line: 2, column: 3 }).message, /no "model_list" list/);
  });
});
