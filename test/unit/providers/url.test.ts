import * as assert from 'node:assert/strict';
import { InvalidUrlError, isPlainHttpToRemoteHost, normalizeBaseUrl, resolveBaseUrl } from '../../../src/providers';

describe('base URL handling', () => {
  const cases: Array<[string, string]> = [
    ['https://api.openai.com/v1/', 'https://api.openai.com/v1'],
    ['  https://api.openai.com/v1  ', 'https://api.openai.com/v1'],
    ['https://api.openai.com/v1/chat/completions', 'https://api.openai.com/v1'],
    ['https://api.openai.com/v1/completions', 'https://api.openai.com/v1'],
    ['https://api.openai.com/v1/models/', 'https://api.openai.com/v1'],
    ['https://api.anthropic.com/v1/messages', 'https://api.anthropic.com'],
    ['http://127.0.0.1:8080/proxy/openai/v1/chat/completions?x=1#frag', 'http://127.0.0.1:8080/proxy/openai/v1'],
    ['HTTPS://API.EXAMPLE.COM/V1', 'https://api.example.com/V1'],
    ['https://example.com', 'https://example.com'],
    ['http://localhost:11434/', 'http://localhost:11434'],
  ];
  for (const [input, expected] of cases) {
    it(`normalises ${JSON.stringify(input)}`, () => assert.equal(normalizeBaseUrl(input), expected));
  }

  for (const bad of ['', 'api.openai.com/v1', 'ftp://example.com', 'file:///etc/passwd', 'javascript:alert(1)', 'https://user:pw@example.com']) {
    it(`refuses ${JSON.stringify(bad)} with a clear error`, () => {
      assert.throws(() => normalizeBaseUrl(bad), (error: unknown) => error instanceof InvalidUrlError && error.message.length > 10);
    });
  }

  it('resolves apiUrl over the default, and the default when apiUrl is blank', () => {
    assert.equal(resolveBaseUrl({ provider: 'openai' }), 'https://api.openai.com/v1');
    assert.equal(resolveBaseUrl({ provider: 'openai', apiUrl: '   ' }), 'https://api.openai.com/v1');
    assert.equal(resolveBaseUrl({ provider: 'openai', apiUrl: 'http://127.0.0.1:9/v1/models' }), 'http://127.0.0.1:9/v1');
    assert.equal(resolveBaseUrl({ provider: 'google' }), 'https://generativelanguage.googleapis.com/v1beta');
  });

  it('refuses a default that needs the user part (Azure resource) and an unknown provider', () => {
    assert.throws(() => resolveBaseUrl({ provider: 'azure-openai' }), /API URL/);
    assert.throws(() => resolveBaseUrl({ provider: 'nope' }), /Unknown provider/);
  });

  it('flags plain http only for hosts other than this machine', () => {
    assert.equal(isPlainHttpToRemoteHost('http://api.example.com/v1'), true);
    assert.equal(isPlainHttpToRemoteHost('http://192.168.1.20:11434'), true);
    assert.equal(isPlainHttpToRemoteHost('https://api.example.com/v1'), false);
    assert.equal(isPlainHttpToRemoteHost('http://localhost:11434'), false);
    assert.equal(isPlainHttpToRemoteHost('http://127.0.0.1:8080/v1'), false);
    assert.equal(isPlainHttpToRemoteHost('http://127.5.6.7:8080/v1'), false);
    assert.equal(isPlainHttpToRemoteHost('http://[::1]:8080/v1'), false);
    assert.equal(isPlainHttpToRemoteHost('not a url'), false);
  });
});
