import * as assert from 'node:assert/strict';
import { detectFormat } from '../../../src/importers';
import { assertRefused, connection, fixture, planOf, skippedReason } from './helpers';

describe('import: Roo Code / Kilo settings export', () => {
  it('is detected by its content', () => {
    const { fileName, text } = fixture('roo/minimal.json');
    assert.equal(detectFormat(fileName, text), 'roo');
    assert.equal(detectFormat('/downloads/whatever.json', text), 'roo');
  });

  it('imports a minimal profile with its key', () => {
    const plan = planOf('roo/minimal.json');
    assert.equal(plan.format, 'roo');
    assert.deepEqual(plan.connections, [
      {
        name: 'default',
        provider: 'anthropic',
        model: 'claude-sonnet-4-5',
        apiKey: 'fake-key-roo-anthropic',
        source: 'providerProfiles.apiConfigs["default"]',
      },
    ]);
    assert.deepEqual(plan.skipped, []);
  });

  it('maps every profile by its apiProvider, the URL deciding for OpenAI-compatible ones', () => {
    const plan = planOf('roo/full.json');
    const work = connection(plan, 'work');
    assert.equal(work.provider, 'custom');
    assert.equal(work.apiUrl, 'https://llm.corp.example/v1');
    assert.equal(work.model, 'qwen3-coder');
    // The Authorization header carries a key: ours goes to SecretStorage, never a plain header.
    assert.deepEqual(work.headers, { 'X-Team': 'alpha' });
    assert.equal(work.apiKey, 'fake-key-roo-corp');

    // Same name ignoring case: a suffix. On Groq's host: Groq, its default URL dropped.
    const groq = connection(plan, 'Work 2');
    assert.equal(groq.provider, 'groq');
    assert.equal(groq.apiUrl, undefined);
    assert.equal(groq.apiKey, 'fake-key-roo-groq');

    assert.deepEqual(
      { provider: connection(plan, 'claude').provider, apiUrl: connection(plan, 'claude').apiUrl },
      { provider: 'anthropic', apiUrl: undefined },
    );
    assert.equal(connection(plan, 'gpt').provider, 'openai');
    assert.equal(connection(plan, 'gpt').model, 'gpt-5');

    const azure = connection(plan, 'azure');
    assert.equal(azure.provider, 'azure-openai');
    assert.equal(azure.apiUrl, 'https://my-resource.openai.azure.com/openai/v1');
    assert.equal(azure.model, 'gpt-4o-prod');

    assert.equal(connection(plan, 'gemini').provider, 'google');
    assert.equal(connection(plan, 'router').model, 'anthropic/claude-sonnet-4.5');
    assert.deepEqual(connection(plan, 'local'), {
      name: 'local',
      provider: 'ollama',
      model: 'qwen2.5-coder:7b',
      source: 'providerProfiles.apiConfigs["local"]',
    });
    assert.equal(connection(plan, 'studio').apiUrl, 'http://127.0.0.1:1234/v1');
    assert.equal(connection(plan, 'glm').apiUrl, 'https://open.bigmodel.cn/api/coding/paas/v4');
    assert.equal(connection(plan, 'deep').apiUrl, undefined);
    assert.equal(connection(plan, 'old groq').provider, 'groq');
    const bedrock = connection(plan, 'bedrock api');
    assert.equal(bedrock.apiUrl, 'https://bedrock-runtime.eu-west-1.amazonaws.com');
    assert.equal(bedrock.apiKey, 'fake-key-roo-bedrock');
  });

  it('skips what it cannot use, each with its reason', () => {
    const plan = planOf('roo/full.json');
    assert.match(skippedReason(plan, '"bedrock keys"'), /AWS access keys/);
    assert.match(skippedReason(plan, '"copilot"'), /signs in through another app/);
    assert.match(skippedReason(plan, '"mystery"'), /"doubao" is not one AI Connections supports/);
    assert.equal(plan.skipped.length, 3);
    assert.equal(plan.connections.length, 13);
    for (const s of plan.skipped) assert.ok(!/fake-key/.test(JSON.stringify(s)));
  });

  it('refuses a file that does not parse, naming the place and not the key on that line', () => {
    const error = assertRefused('roo/malformed.json', { line: 6, column: 46 });
    assert.match(error.message, /not valid JSON at line 6, column 46/);
  });

  it('refuses a file of the wrong shape', () => {
    assert.match(assertRefused('roo/wrong-shape.json').message, /apiConfigs/);
  });
});
