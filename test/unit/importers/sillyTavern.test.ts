import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { detectFormat } from '../../../src/importers';
import { FIXTURES, assertRefused, connection, diskContext, fixture, planOf, skippedReason } from './helpers';

describe('import: SillyTavern settings.json + secrets.json', () => {
  it('is detected by its content', () => {
    const { fileName, text } = fixture('sillytavern/full/settings.json');
    assert.equal(detectFormat(fileName, text), 'sillytavern');
  });

  it('takes each profile key from secrets.json beside it: its secret-id, else the active key of its API', () => {
    const ctx = diskContext();
    const plan = planOf('sillytavern/full/settings.json', ctx);
    assert.deepEqual(ctx.asked, [join(FIXTURES, 'sillytavern/full/secrets.json')]);
    // The secret-id names a key that is not the active one: the profile's own key wins.
    const or = connection(plan, 'OR Claude');
    assert.deepEqual([or.provider, or.model, or.apiKey], ['openrouter', 'anthropic/claude-sonnet-4.5', 'fake-key-st-openrouter-main']);
    assert.equal(connection(plan, 'Claude direct').apiKey, 'fake-key-st-claude-active');
    // A single key with no active flag is the key.
    assert.equal(connection(plan, 'Gemini').apiKey, 'fake-key-st-gemini');
    assert.equal(connection(plan, 'Gemini').provider, 'google');
  });

  it('maps custom and text-completion profiles by their URL', () => {
    const plan = planOf('sillytavern/full/settings.json');
    const vllm = connection(plan, 'My vLLM');
    assert.deepEqual([vllm.provider, vllm.apiUrl, vllm.apiKey], ['custom', 'http://192.168.1.20:8000/v1', undefined]);
    const ooba = connection(plan, 'Ooba');
    assert.deepEqual([ooba.provider, ooba.apiUrl], ['custom', 'http://127.0.0.1:5000/v1']);
    const ollama = connection(plan, 'Ollama TC');
    assert.deepEqual([ollama.provider, ollama.apiUrl, ollama.model], ['ollama', 'http://127.0.0.1:11434', 'llama3.1:8b']);
  });

  it('skips profiles it cannot use, each with its reason', () => {
    const plan = planOf('sillytavern/full/settings.json');
    assert.match(skippedReason(plan, '"Custom nowhere"'), /names no URL/);
    assert.match(skippedReason(plan, '"Vertex"'), /Vertex AI/);
    assert.match(skippedReason(plan, '"Strange"'), /"windowai" is not one AI Connections supports/);
    assert.equal(plan.connections.length, 6);
  });

  it('imports profiles without keys when there is no secrets.json', () => {
    const plan = planOf('sillytavern/minimal/settings.json');
    assert.deepEqual(plan.connections, [{ name: 'GPT', provider: 'openai', model: 'gpt-4o', source: 'connectionManager.profiles[0] "GPT"' }]);
  });

  it('reads the older secrets.json with one plain value per API', () => {
    assert.equal(connection(planOf('sillytavern/legacy/settings.json'), 'DeepSeek').apiKey, 'fake-key-st-legacy-deepseek');
  });

  it('says so when the file has no connection profiles', () => {
    const plan = planOf('sillytavern/no-profiles/settings.json');
    assert.deepEqual(plan.connections, []);
    assert.match(skippedReason(plan, 'profiles'), /no connection profiles/);
  });

  it('refuses JSON that does not parse, with the place and without the key on that line', () => {
    assertRefused('sillytavern/malformed/settings.json', { line: 4, column: 96 });
  });
});
