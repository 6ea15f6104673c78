// The bounded "did you mean" search must pick exactly what the plain one would: full edit distance over the
// normalised names, bonuses, sorted by score then id. A reference implementation checks it on random lists.
import * as assert from 'node:assert/strict';
import { suggestModels } from '../../../src/providers/suggest';

const normalize = (id: string) => id.slice(-192).toLowerCase().replace(/[\s_.:/-]+/g, '').slice(-96);

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current.push(Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    previous = current;
  }
  return previous[b.length] as number;
}

function reference(wanted: string, ids: string[], count = 5): string[] {
  const a = normalize(wanted);
  const scored = [...new Set(ids)].map((id) => {
    const b = normalize(id);
    const last = normalize(id.split('/').pop() ?? id);
    let score = levenshtein(a, b) / Math.max(a.length, b.length, 1);
    if (a === last && a !== b) score -= 0.8;
    else if (b.includes(a) || last.includes(a)) score -= 0.3;
    else if (a.includes(b)) score -= 0.1;
    return { id, score };
  });
  scored.sort((x, y) => x.score - y.score || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return scored.slice(0, count).map((s) => s.id);
}

/** A small deterministic generator, so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('suggestModels (bounded) agrees with the plain search', () => {
  it('on 300 random lists of model-like ids', () => {
    const next = random(42);
    const parts = ['gpt', '4o', 'mini', 'claude', 'sonnet', 'llama', '3', '70b', 'accounts/fireworks/models', 'qwen', 'coder', ':latest', '-', '.', '/'];
    const make = () => Array.from({ length: 1 + Math.floor(next() * 5) }, () => parts[Math.floor(next() * parts.length)]).join('');
    for (let round = 0; round < 300; round++) {
      const ids = Array.from({ length: 1 + Math.floor(next() * 40) }, make);
      const wanted = next() < 0.3 ? (ids[0] ?? '') + 'x' : make();
      assert.deepEqual(suggestModels(wanted, ids), reference(wanted, ids), `wanted ${JSON.stringify(wanted)} in ${JSON.stringify(ids)}`);
    }
  });
});
