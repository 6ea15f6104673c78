// What a model can do: the provider's list first, then the table of known families, then defaults (local or cloud).
import * as assert from 'node:assert/strict';
import { modelCapabilities } from '../../../src/providers/capabilities';
import type { ModelCapabilities, ModelInfo } from '../../../src/providers/types';

const caps = (provider: string, model: ModelInfo): ModelCapabilities => modelCapabilities({ provider }, model);

describe('modelCapabilities', () => {
  it('takes what the provider\'s list says over the table', () => {
    const listed = caps('anthropic', { id: 'claude-sonnet-4-5', contextLength: 100_000, maxOutputTokens: 4_000, toolCalling: false, imageInput: false });
    assert.deepEqual(listed, { toolCalling: false, imageInput: false, contextWindow: 100_000, maxOutputTokens: 4_000, family: 'claude-sonnet-4-5' });
    const images = caps('openai', { id: 'gpt-3.5-turbo', imageInput: true, contextLength: 50_000 });
    assert.equal(images.imageInput, true);
    assert.equal(images.contextWindow, 50_000);
    assert.equal(images.toolCalling, true);
  });

  it('takes each value the list leaves out from the table', () => {
    const partial = caps('openrouter', { id: 'anthropic/claude-sonnet-4.5', toolCalling: false });
    assert.equal(partial.toolCalling, false);
    assert.equal(partial.imageInput, true);
    assert.equal(partial.contextWindow, 200_000);
  });

  const known: Array<[provider: string, id: string, expected: ModelCapabilities]> = [
    ['anthropic', 'claude-sonnet-4-5', { toolCalling: true, imageInput: true, contextWindow: 200_000, maxOutputTokens: 64_000, family: 'claude-sonnet-4-5' }],
    ['anthropic', 'claude-sonnet-4-5-20250929', { toolCalling: true, imageInput: true, contextWindow: 200_000, maxOutputTokens: 64_000, family: 'claude-sonnet-4-5' }],
    ['openrouter', 'anthropic/claude-3.5-sonnet', { toolCalling: true, imageInput: true, contextWindow: 200_000, maxOutputTokens: 8_192, family: 'claude-3.5-sonnet' }],
    ['openai', 'gpt-5-mini', { toolCalling: true, imageInput: true, contextWindow: 400_000, maxOutputTokens: 128_000, family: 'gpt-5-mini' }],
    ['openai', 'gpt-4o-2024-08-06', { toolCalling: true, imageInput: true, contextWindow: 128_000, maxOutputTokens: 16_384, family: 'gpt-4o' }],
    ['google', 'gemini-2.5-pro', { toolCalling: true, imageInput: true, contextWindow: 1_048_576, maxOutputTokens: 65_536, family: 'gemini-2.5-pro' }],
    ['google', 'models/gemini-2.0-flash', { toolCalling: true, imageInput: true, contextWindow: 1_048_576, maxOutputTokens: 8_192, family: 'gemini-2.0-flash' }],
  ];
  for (const [provider, id, expected] of known) {
    it(`knows ${id} (${provider})`, () => {
      assert.deepEqual(caps(provider, { id }), expected);
    });
  }

  it('knows a Bedrock id with its region and vendor prefixes and version suffix', () => {
    const bedrock = caps('bedrock', { id: 'us.anthropic.claude-3-5-sonnet-20241022-v2:0' });
    assert.equal(bedrock.contextWindow, 200_000);
    assert.equal(bedrock.maxOutputTokens, 8_192);
    assert.equal(bedrock.toolCalling, true);
    assert.equal(bedrock.imageInput, true);
    assert.match(bedrock.family, /^claude-3-5-sonnet/);
    assert.deepEqual(caps('bedrock', { id: 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0' }).maxOutputTokens, 64_000);
  });

  it('knows llama3.2 on Ollama by its family, without the tag, with the window Ollama is told (num_ctx cap)', () => {
    const llama = caps('ollama', { id: 'llama3.2:3b' });
    assert.deepEqual(llama, { toolCalling: true, imageInput: false, contextWindow: 32_768, maxOutputTokens: 8_192, family: 'llama3.2' });
    // The same model behind an OpenAI-compatible server keeps its full window.
    assert.equal(caps('vllm', { id: 'llama3.2:3b' }).contextWindow, 131_072);
  });

  it('gives an unknown model on a local server the local defaults', () => {
    for (const provider of ['ollama', 'lmstudio', 'vllm']) {
      assert.deepEqual(caps(provider, { id: 'my-finetune:7b' }), { toolCalling: true, imageInput: false, contextWindow: 32_768, maxOutputTokens: 4_096, family: 'my-finetune' });
    }
  });

  it('gives an unknown cloud model the cloud defaults: tools on, images off', () => {
    for (const provider of ['openai', 'openrouter', 'custom']) {
      assert.deepEqual(caps(provider, { id: 'acme-large-2' }), { toolCalling: true, imageInput: false, contextWindow: 128_000, maxOutputTokens: 8_192, family: 'acme-large-2' });
    }
  });

  it('names the family so VS Code\'s prefix matching finds claude, gpt and gemini', () => {
    const prefixes: Array<[string, string, string]> = [
      ['anthropic', 'claude-opus-4-1-20250805', 'claude'],
      ['openrouter', 'anthropic/claude-3.5-haiku', 'claude'],
      ['bedrock', 'us.anthropic.claude-3-5-sonnet-20241022-v2:0', 'claude'],
      ['bedrock', 'global.anthropic.claude-haiku-4-5-20251001-v1:0', 'claude'],
      ['openai', 'gpt-4.1-mini', 'gpt'],
      ['openrouter', 'openai/gpt-5', 'gpt'],
      ['azure-openai', 'GPT-4o', 'gpt'],
      ['google', 'models/gemini-2.5-flash', 'gemini'],
      ['openrouter', 'google/gemini-2.5-pro-preview', 'gemini'],
      ['vertex', 'publishers/google/models/gemini-2.0-flash-001', 'gemini'],
    ];
    for (const [provider, id, prefix] of prefixes) {
      const family = caps(provider, { id }).family;
      assert.ok(family.startsWith(prefix), `${id}: family ${family}`);
    }
  });

  it('never puts the output limit above half the window', () => {
    const ids = ['claude-sonnet-4-5', 'gpt-5', 'gpt-4.1', 'o3', 'gemini-2.5-pro', 'grok-4', 'qwen3-coder', 'unknown-model'];
    for (const id of ids) {
      for (const contextLength of [2, 3, 1_000, 8_192, 16_385, 100_000, undefined]) {
        for (const maxOutputTokens of [undefined, 500, 50_000, 1_000_000]) {
          const c = caps('openai', { id, ...(contextLength === undefined ? {} : { contextLength }), ...(maxOutputTokens === undefined ? {} : { maxOutputTokens }) });
          assert.ok(c.maxOutputTokens >= 1 && c.maxOutputTokens <= c.contextWindow / 2, `${id} ${contextLength} ${maxOutputTokens}: ${c.maxOutputTokens} of ${c.contextWindow}`);
          if (maxOutputTokens !== undefined && maxOutputTokens <= c.contextWindow / 2) assert.equal(c.maxOutputTokens, maxOutputTokens);
        }
      }
    }
    assert.equal(caps('anthropic', { id: 'claude-sonnet-4-5', contextLength: 32_000 }).maxOutputTokens, 16_000);
  });
});
