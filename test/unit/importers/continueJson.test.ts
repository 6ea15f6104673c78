import * as assert from 'node:assert/strict';
import { detectFormat } from '../../../src/importers';
import { assertRefused, connection, fixture, planOf, skippedReason } from './helpers';

describe('import: Continue config.json', () => {
  it('is detected by its content', () => {
    const { fileName, text } = fixture('continue-json/minimal.json');
    assert.equal(detectFormat(fileName, text), 'continue-json');
  });

  it('imports a minimal model, named by its title, with its key', () => {
    const plan = planOf('continue-json/minimal.json');
    assert.equal(plan.format, 'continue-json');
    assert.deepEqual(plan.connections, [
      { name: 'GPT-4', provider: 'openai', model: 'gpt-4', apiKey: 'fake-key-continuejson-openai', source: 'models[0] "GPT-4"' },
    ]);
  });

  it('maps each model: AUTODETECT is no model, Azure takes the engine, local servers their URL form', () => {
    const plan = planOf('continue-json/full.json');
    assert.deepEqual(connection(plan, 'Claude').capabilities, { contextWindow: 200000 });
    const ollama = connection(plan, 'Ollama');
    assert.deepEqual([ollama.provider, ollama.model], ['ollama', undefined]);
    const azure = connection(plan, 'Azure GPT');
    assert.deepEqual([azure.provider, azure.model, azure.apiUrl], ['azure-openai', 'gpt4o-deployment', 'https://my-resource.openai.azure.com/openai/v1']);
    const llama = connection(plan, 'llama.cpp');
    assert.deepEqual([llama.provider, llama.apiUrl, llama.headers], ['llamacpp', 'http://127.0.0.1:8080/v1', { 'X-Org': 'home' }]);
    // 7200 s is over our 600 s limit: left to the setting rather than cut short.
    assert.equal(llama.timeoutSeconds, undefined);
    const textGen = connection(plan, 'Text Gen');
    assert.deepEqual([textGen.provider, textGen.apiUrl], ['custom', 'http://localhost:5000/v1']);
    // No title: named after its model.
    assert.equal(connection(plan, 'gpt-4o-mini').apiKey, 'fake-key-continuejson-untitled');
  });

  it('skips the autocomplete and embeddings models and unknown providers without a URL', () => {
    const plan = planOf('continue-json/full.json');
    assert.match(skippedReason(plan, 'tabAutocompleteModel'), /autocomplete/);
    assert.match(skippedReason(plan, 'embeddingsProvider'), /embeddings/);
    assert.match(skippedReason(plan, '"Free"'), /"free-trial" is not one AI Connections supports/);
    assert.equal(plan.connections.length, 6);
  });

  it('refuses JSON that does not parse, with the place and without the key on that line', () => {
    assertRefused('continue-json/malformed.json', { line: 3, column: 105 });
  });
});
