import * as assert from 'node:assert/strict';
import { getProvider, normalizeBaseUrl, providers } from '../../../src/providers';

const REQUIRED_IDS = (
  'openai anthropic google azure-openai cohere bedrock vertex openrouter mistral groq deepseek xai together fireworks ' +
  'perplexity moonshot ai21 cerebras chutes nanogpt zai siliconflow electronhub infermatic deepinfra pollinations ollama lmstudio ' +
  'llamacpp vllm custom'
).split(' ');

describe('provider catalogue', () => {
  it('has at least 30 entries and every required id, each once', () => {
    assert.ok(providers.length >= 30, `${providers.length} entries`);
    const ids = providers.map((p) => p.id);
    assert.equal(new Set(ids).size, ids.length, 'ids are unique');
    for (const id of REQUIRED_IDS) assert.ok(ids.includes(id), `missing ${id}`);
  });

  for (const info of providers) {
    it(`${info.id}: has the required fields, a usable default URL and a consistent test strategy`, () => {
      assert.ok(info.label.trim().length > 1);
      assert.equal(typeof info.keyRequired, 'boolean');
      assert.ok(['openai', 'anthropic', 'gemini', 'ollama', 'azure-openai', 'cohere', 'bedrock', 'vertex'].includes(info.dialect));
      assert.ok(['list-models', 'free-check', 'completion'].includes(info.testStrategy));
      if (info.testStrategy === 'free-check') assert.ok(info.freeCheck, 'a free check names its endpoint');
      if (!info.hasModelList) assert.ok((info.knownModels ?? []).length > 0, 'providers without a list offer known ids');
      const withoutPlaceholder = info.defaultUrl.replace(/\{[a-z]+\}/g, 'x');
      assert.equal(normalizeBaseUrl(withoutPlaceholder), withoutPlaceholder, 'the default URL is already in normal form');
      if (info.local) assert.equal(info.keyRequired, false, 'local servers run without a key');
      else if (info.id !== 'pollinations' && info.id !== 'custom') assert.match(info.defaultUrl, /^https:/, 'cloud APIs use https');
    });
  }

  it('looks entries up by id and returns undefined for unknown ids', () => {
    assert.equal(getProvider('anthropic')?.dialect, 'anthropic');
    assert.equal(getProvider('google')?.dialect, 'gemini');
    assert.equal(getProvider('azure-openai')?.testStrategy, 'completion');
    assert.equal(getProvider('perplexity')?.testStrategy, 'completion');
    assert.equal(getProvider('no-such-provider'), undefined);
  });

  it('is frozen (a caller cannot change the catalogue for everyone)', () => {
    assert.ok(Object.isFrozen(providers));
  });
});
