// The pure pieces: suggestions, redaction, retry-after, error facts, paging caps, list finalisation.
import * as assert from 'node:assert/strict';
import { CallContext } from '../../../src/providers/callContext';
import { errorFacts, retryAfterSeconds } from '../../../src/providers/classify';
import { MAX_MODELS, MAX_PAGES, collectPages, finalizeModels } from '../../../src/providers/modelList';
import { byModelId } from '../../../src/shared/modelOrder';
import { redact } from '../../../src/providers/redact';
import { suggestModels } from '../../../src/providers/suggest';

describe('suggestModels', () => {
  const ids = ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'o3-mini', 'text-embedding-3-small', 'accounts/fireworks/models/llama-v3p1-8b-instruct'];

  it('puts the closest ids first', () => {
    assert.deepEqual(suggestModels('gpt4o', ids).slice(0, 2), ['gpt-4o', 'gpt-4o-mini']);
    assert.equal(suggestModels('gpt-4o-mni', ids)[0], 'gpt-4o-mini');
    assert.equal(suggestModels('GPT_4.1', ids)[0], 'gpt-4.1');
  });

  it('matches a bare name against a namespaced id', () => {
    assert.equal(suggestModels('llama-v3p1-8b-instruct', ids)[0], 'accounts/fireworks/models/llama-v3p1-8b-instruct');
  });

  it('is never empty when the list is not, and empty for an empty list', () => {
    assert.equal(suggestModels('zzzzzz', ids).length, 5);
    assert.deepEqual(suggestModels('x', ['only-one']), ['only-one']);
    assert.deepEqual(suggestModels('x', []), []);
  });
});

describe('redact', () => {
  it('removes the secret, a prefix echo of it and masked echoes', () => {
    const key = 'sk-proj-ABCDEFGHIJKLMNOPQRSTUVWX';
    const text = `Bad key ${key}; also sk-proj-ABCDEF... and sk-pro****UVWX and Bearer abcdefghijklmnop`;
    const out = redact(text, [key]);
    assert.ok(!out.includes(key));
    assert.ok(!out.includes('sk-proj-ABCDEF'));
    assert.ok(!out.includes('UVWX'));
    assert.ok(!out.includes('abcdefghijklmnop'));
    assert.match(out, /^Bad key \[redacted\]/);
  });

  it('redacts custom secrets that have no key shape, and leaves ordinary text alone', () => {
    assert.equal(redact('token=s3cr3t-value here', ['s3cr3t-value']), 'token=[redacted] here');
    assert.equal(redact('The model gpt-4o was not found.', ['s3cr3t-value']), 'The model gpt-4o was not found.');
  });
});

describe('retryAfterSeconds', () => {
  const none = { codes: [] };
  it('reads retry-after seconds, an HTTP date, retry-after-ms and Gemini RetryInfo', () => {
    assert.equal(retryAfterSeconds(new Headers({ 'retry-after': '20' }), none), 20);
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(retryAfterSeconds(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' }), none, now), 30);
    assert.equal(retryAfterSeconds(new Headers({ 'retry-after-ms': '1500', 'retry-after': '9' }), none), 2);
    assert.equal(retryAfterSeconds(new Headers(), { codes: [], retryDelaySeconds: 38 }), 38);
    assert.equal(retryAfterSeconds(new Headers(), none), undefined);
  });
});

describe('errorFacts', () => {
  it('reads message, codes and RetryInfo from every dialect shape', () => {
    const gemini = errorFacts(
      JSON.stringify({ error: { code: 429, message: 'slow down', status: 'RESOURCE_EXHAUSTED', details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '1.5s' }] } }),
      new Headers(),
    );
    assert.equal(gemini.message, 'slow down');
    assert.ok(gemini.codes.includes('resource_exhausted'));
    assert.equal(gemini.retryDelaySeconds, 1.5);
    const anthropic = errorFacts(JSON.stringify({ type: 'error', error: { type: 'rate_limit_error', message: 'too fast' } }), new Headers());
    assert.equal(anthropic.message, 'too fast');
    assert.ok(anthropic.codes.includes('rate_limit_error'));
    assert.equal(errorFacts(JSON.stringify({ error: "model 'x' not found" }), new Headers()).message, "model 'x' not found");
    assert.equal(errorFacts(JSON.stringify({ detail: [{ msg: 'field required' }] }), new Headers()).message, 'field required');
    const aws = errorFacts(JSON.stringify({ message: 'bad token' }), new Headers({ 'x-amzn-errortype': 'UnrecognizedClientException:http://internal' }));
    assert.ok(aws.codes.includes('unrecognizedclientexception'));
  });
});

describe('paging and list finalisation', () => {
  let ctx: CallContext;
  beforeEach(() => {
    ctx = new CallContext(5000, undefined, []);
  });
  afterEach(() => ctx.dispose());

  it(`stops after ${MAX_PAGES} pages of an endless list`, async () => {
    let calls = 0;
    const models = await collectPages(ctx, async () => {
      calls++;
      return { models: [{ id: `m${calls}` }], next: `cursor-${calls}` };
    });
    assert.equal(calls, MAX_PAGES);
    assert.equal(models.length, MAX_PAGES);
  });

  it(`stops at ${MAX_MODELS} models`, async () => {
    let calls = 0;
    const models = await collectPages(ctx, async () => {
      calls++;
      return { models: Array.from({ length: 3000 }, (_, i) => ({ id: `p${calls}-${i}` })), next: `c${calls}` };
    });
    assert.equal(calls, 4);
    assert.equal(models.length, MAX_MODELS);
  });

  it('stops when a cursor repeats', async () => {
    let calls = 0;
    await collectPages(ctx, async () => {
      calls++;
      return { models: [{ id: `m${calls}` }], next: 'same' };
    });
    assert.equal(calls, 2);
  });

  it('de-duplicates (keeping labels a duplicate adds), in the order listed', () => {
    const out = finalizeModels([{ id: 'b' }, { id: 'a', label: 'A' }, { id: 'b', label: 'Bee', contextLength: 8 }, { id: ' ' }, { id: 'a' }]);
    assert.deepEqual(out, [{ id: 'b', label: 'Bee', contextLength: 8 }, { id: 'a', label: 'A' }]);
  });

  it('byModelId sorts a list for showing by id (UTF-16 order), duplicates kept, the input untouched', () => {
    const input = [{ id: 'zeta' }, { id: 'alpha' }, { id: 'Beta' }, { id: 'alpha', label: 'again' }];
    assert.deepEqual(byModelId(input), [{ id: 'Beta' }, { id: 'alpha' }, { id: 'alpha', label: 'again' }, { id: 'zeta' }]);
    assert.equal(input[0]?.id, 'zeta');
  });
});
