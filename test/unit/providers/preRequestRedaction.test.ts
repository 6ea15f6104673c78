// Errors raised before any request starts (a pasted URL that does not parse) must not echo the credential a
// URL can carry: user:password, or a `?key=` pasted from a provider's docs.
import * as assert from 'node:assert/strict';
import { listModels, scrubUrlCredentials, streamChatParts, testConnection } from '../../../src/providers';
import { redactingLog } from '../../../src/redactingLog';
import { errorMessage } from '../../../src/flows/errorMessage';
import { exposedText } from './helpers';

const PASTED_KEY = 'fake-pasted-query-key-5521';
const PASSWORD = 'fake-url-password-9031';
// A space in the host makes it unparseable, so the error quotes what was typed.
const BAD_URL = `https://me:${PASSWORD}@api.exa mple.com/v1?key=${PASTED_KEY}&x=1`;

function assertClean(text: string): void {
  assert.ok(!text.includes(PASTED_KEY), `the pasted key leaked: ${text}`);
  assert.ok(!text.includes(PASSWORD), `the URL password leaked: ${text}`);
}

describe('redaction before a request starts', () => {
  it('scrubs user-info and credential query parameters, and keeps the rest of the text', () => {
    const text = scrubUrlCredentials(`see ${BAD_URL} and https://h/p?api_key=fake-a1&Access_Token=fake-b2#sig=fake-c3 ok`);
    assertClean(text);
    for (const leaked of ['fake-a1', 'fake-b2', 'fake-c3']) assert.ok(!text.includes(leaked), text);
    assert.match(text, /https:\/\/\[redacted\]@api\.exa mple\.com\/v1\?key=\[redacted\]&x=1/);
    assert.match(text, / ok$/);
    assert.equal(scrubUrlCredentials('https://api.example.com/v1?page=2&model=gpt-4o'), 'https://api.example.com/v1?page=2&model=gpt-4o');
  });

  it('Test, List Models and chat name the bad URL without its credentials', async () => {
    const target = { provider: 'openai', apiUrl: BAD_URL, apiKey: 'fake-key-unused-1234' };
    const result = await testConnection(target);
    assert.equal(result.ok, false);
    assert.match(result.message, /not a valid URL/);
    assertClean(exposedText(result));

    const listed = await listModels(target).then(
      () => assert.fail('listModels accepted an invalid URL'),
      (error: unknown) => error,
    );
    assertClean(exposedText(listed));

    const streamed = await (async () => {
      for await (const part of streamChatParts(target, [{ role: 'user', content: 'hi' }])) void part;
    })().then(
      () => assert.fail('chat accepted an invalid URL'),
      (error: unknown) => error,
    );
    assert.match(exposedText(streamed), /not a valid URL/);
    assertClean(exposedText(streamed));
  });

  it('any error a command reports, and any log line, is scrubbed', () => {
    assertClean(errorMessage(new TypeError(`Invalid URL: ${BAD_URL}`)));
    assertClean(errorMessage(`failed at ${BAD_URL}`));

    const lines: string[] = [];
    const channel = {
      name: 'test',
      info: (message: string) => lines.push(message),
      error: (error: string | Error) => lines.push(typeof error === 'string' ? error : error.message),
      logLevel: 2,
    };
    const log = redactingLog(channel as never);
    log.info(`fetching ${BAD_URL}`);
    log.error(new Error(`broke: ${BAD_URL}`));
    assert.equal(lines.length, 2);
    for (const line of lines) assertClean(line);
    assert.equal(log.name, 'test', 'other members pass through');
  });
});
