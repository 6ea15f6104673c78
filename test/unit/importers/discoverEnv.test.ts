import * as assert from 'node:assert/strict';
import { discoverEnv } from '../../../src/importers';
import { getProvider } from '../../../src/providers';

describe('discoverEnv', () => {
  it('finds nothing in an environment without provider variables', () => {
    assert.deepEqual(discoverEnv({ PATH: '/usr/bin', HOME: '/home/u', OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '  ' }), []);
  });

  it('offers one connection per provider, named after it, reading the key from the variable', () => {
    const found = discoverEnv({ OPENAI_API_KEY: 'fake-key-openai', ANTHROPIC_API_KEY: 'fake-key-anthropic', CO_API_KEY: 'fake-key-co' });
    assert.deepEqual(
      found.map((c) => [c.name, c.provider, c.apiKeyEnv]),
      [
        ['OpenAI', 'openai', 'OPENAI_API_KEY'],
        ['Anthropic', 'anthropic', 'ANTHROPIC_API_KEY'],
        ['Cohere', 'cohere', 'CO_API_KEY'],
      ],
    );
    for (const c of found) {
      assert.equal(c.apiKey, undefined, 'the value is never copied: it is read at request time');
      assert.ok(getProvider(c.provider), `${c.provider} is in the catalogue`);
      assert.ok(!JSON.stringify(c).includes('fake-key'), 'no key value anywhere in the find');
    }
  });

  it('applies base-URL variables', () => {
    const [openai, anthropic] = discoverEnv({
      OPENAI_API_KEY: 'fake-key-1',
      OPENAI_BASE_URL: 'http://127.0.0.1:9999/v1/',
      ANTHROPIC_API_KEY: 'fake-key-2',
      ANTHROPIC_BASE_URL: 'https://gateway.example/anthropic',
    });
    assert.equal(openai?.apiUrl, 'http://127.0.0.1:9999/v1');
    assert.equal(anthropic?.apiUrl, 'https://gateway.example/anthropic');
    assert.match(openai?.source ?? '', /OPENAI_BASE_URL/);
  });

  it('takes the legacy OPENAI_API_BASE only when OPENAI_BASE_URL is not set', () => {
    assert.equal(discoverEnv({ OPENAI_API_KEY: 'fake-key', OPENAI_API_BASE: 'https://old.example/v1' })[0]?.apiUrl, 'https://old.example/v1');
    assert.equal(
      discoverEnv({ OPENAI_API_KEY: 'fake-key', OPENAI_API_BASE: 'https://old.example/v1', OPENAI_BASE_URL: 'https://new.example/v1' })[0]?.apiUrl,
      'https://new.example/v1',
    );
  });

  it('prefers GOOGLE_API_KEY over GEMINI_API_KEY, and offers Gemini once', () => {
    const both = discoverEnv({ GEMINI_API_KEY: 'fake-key-g', GOOGLE_API_KEY: 'fake-key-G' });
    assert.equal(both.length, 1);
    assert.equal(both[0]?.provider, 'google');
    assert.equal(both[0]?.apiKeyEnv, 'GOOGLE_API_KEY');
    assert.equal(discoverEnv({ GEMINI_API_KEY: 'fake-key-g' })[0]?.apiKeyEnv, 'GEMINI_API_KEY');
  });

  it('needs both the Azure key and endpoint, and points at the v1 API under the endpoint', () => {
    assert.deepEqual(discoverEnv({ AZURE_OPENAI_API_KEY: 'fake-key-az' }), []);
    assert.deepEqual(discoverEnv({ AZURE_OPENAI_ENDPOINT: 'https://res.openai.azure.com/' }), []);
    const [azure] = discoverEnv({ AZURE_OPENAI_API_KEY: 'fake-key-az', AZURE_OPENAI_ENDPOINT: 'https://res.openai.azure.com/' });
    assert.equal(azure?.provider, 'azure-openai');
    assert.equal(azure?.apiUrl, 'https://res.openai.azure.com/openai/v1');
    assert.equal(azure?.apiKeyEnv, 'AZURE_OPENAI_API_KEY');
    const [already] = discoverEnv({ AZURE_OPENAI_API_KEY: 'fake-key-az', AZURE_OPENAI_ENDPOINT: 'https://res.openai.azure.com/openai' });
    assert.equal(already?.apiUrl, 'https://res.openai.azure.com/openai/v1');
  });

  it('knows the other SDK names (Cohere both ways, Together, Z.ai, …), each provider once', () => {
    const found = discoverEnv({
      COHERE_API_KEY: 'fake-key-1',
      TOGETHER_AI_API_KEY: 'fake-key-2',
      ZHIPU_API_KEY: 'fake-key-3',
      OPENROUTER_API_KEY: 'fake-key-4',
      MISTRAL_API_KEY: 'fake-key-5',
      GROQ_API_KEY: 'fake-key-6',
      DEEPSEEK_API_KEY: 'fake-key-7',
      XAI_API_KEY: 'fake-key-8',
    });
    assert.deepEqual(found.map((c) => c.provider).sort(), ['cohere', 'deepseek', 'groq', 'mistral', 'openrouter', 'together', 'xai', 'zai']);
    const names = found.map((c) => c.name.toLowerCase());
    assert.equal(new Set(names).size, names.length, 'names are unique');
  });
});
