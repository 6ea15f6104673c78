import * as assert from 'node:assert/strict';
import { detectFormat } from '../../../src/importers';
import { assertRefused, connection, diskContext, fixture, planOf, skippedReason } from './helpers';

describe('import: opencode.json', () => {
  it('is detected by its content', () => {
    const { fileName, text } = fixture('opencode/minimal.json');
    assert.equal(detectFormat(fileName, text), 'opencode');
    assert.equal(detectFormat('/p/opencode.jsonc', '{ // broken'), 'opencode');
  });

  it('imports a provider with no models, with the top-level model, {env:X} resolved or named', () => {
    const set = planOf('opencode/minimal.json', diskContext({ env: { ANTHROPIC_API_KEY: 'fake-key-env-anthropic' } }));
    assert.deepEqual(set.connections, [
      { name: 'anthropic', provider: 'anthropic', model: 'claude-sonnet-4-5', apiKey: 'fake-key-env-anthropic', source: 'provider.anthropic' },
    ]);
    assert.equal(planOf('opencode/minimal.json').connections[0]?.apiKeyEnv, 'ANTHROPIC_API_KEY');
  });

  it('makes one connection per provider × model, with {file:…}, headers, timeout and limits', () => {
    const plan = planOf('opencode/full/opencode.jsonc', diskContext({ env: { TEAM_NAME: 'platform' } }));
    const qwen = connection(plan, 'Qwen3 Coder');
    assert.deepEqual(qwen, {
      name: 'Qwen3 Coder',
      provider: 'custom',
      model: 'qwen3-coder',
      apiUrl: 'https://llm.corp.example/v1',
      apiKey: 'fake-key-opencode-file',
      headers: { 'X-Team': 'platform' },
      timeoutSeconds: 120,
      capabilities: { contextWindow: 262144, maxOutputTokens: 65536, toolCalling: true },
      source: 'provider.corp.models["qwen3-coder"]',
    });
    assert.equal(connection(plan, 'glm-4.6').apiKey, 'fake-key-opencode-file');
    // An OpenAI-compatible URL on Ollama's host is Ollama, in its native form (the default: dropped).
    const llama = connection(plan, 'Llama 3.1');
    assert.deepEqual([llama.provider, llama.apiUrl], ['ollama', undefined]);
    assert.deepEqual([connection(plan, 'qwen3-8b').provider, connection(plan, 'qwen3-8b').apiUrl], ['lmstudio', 'http://127.0.0.1:1234/v1']);
    assert.equal(connection(plan, 'anthropic/claude-sonnet-4.5').apiKeyEnv, 'OPENROUTER_API_KEY');
  });

  it('skips disabled providers and ones it cannot reach', () => {
    const plan = planOf('opencode/full/opencode.jsonc');
    assert.match(skippedReason(plan, 'provider.groq'), /disabled_providers/);
    assert.match(skippedReason(plan, 'provider.mystery'), /names no URL/);
    assert.equal(plan.connections.length, 5);
    assert.ok(!JSON.stringify(plan).includes('fake-key-opencode-groq'));
  });

  it('refuses JSON that does not parse, with the place and without the key on that line', () => {
    assertRefused('opencode/malformed.jsonc', { line: 4, column: 64 });
  });
});
