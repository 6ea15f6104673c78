// "Did you mean": the model ids closest to what the user typed.

const DEFAULT_SUGGESTION_COUNT = 5;

/**
 * Distances are computed on at most this many characters of each name: enough to tell real model names apart,
 * and it bounds the cost of a list of 10,000 long ids to a few million steps (edit distance is quadratic).
 */
const MAX_COMPARED_CHARS = 96;

/** Lower-case and drop the separators people mix up (`gpt4o`, `GPT_4o` and `gpt-4o` are one name). */
function normalize(id: string): string {
  // The end is kept: long ids differ in their last segment (`accounts/…/models/<name>`), not in their prefix.
  return id.slice(-MAX_COMPARED_CHARS * 2).toLowerCase().replace(/[\s_.:/-]+/g, '').slice(-MAX_COMPARED_CHARS);
}

/** Edit distance with two reused rows (typed arrays): a 10,000-id list is scored without garbage per cell. */
function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let previous = new Uint16Array(b.length + 1);
  let current = new Uint16Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (ai === b.charCodeAt(j - 1) ? 0 : 1);
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length] as number;
}

/**
 * Lower is closer: edit distance over the longer length, with bonuses when the wanted name is the candidate's
 * last path segment (`llama-3-8b` vs `accounts/fireworks/models/llama-3-8b`), when the candidate extends it
 * (a partial name), or, weakly, when the candidate is part of it (a name with a typo'd suffix).
 */
function distance(wanted: string, candidate: string): number {
  const a = normalize(wanted);
  const b = normalize(candidate);
  const lastSegment = normalize(candidate.split('/').pop() ?? candidate);
  let score = levenshtein(a, b) / Math.max(a.length, b.length, 1);
  if (a === lastSegment && a !== b) score -= 0.8;
  else if (b.includes(a)) score -= 0.3;
  else if (lastSegment.includes(a)) score -= 0.3;
  else if (a.includes(b)) score -= 0.1;
  return score;
}

/**
 * The closest ids to `wanted` from `ids`, best first. Never empty when `ids` is not: even a poor match is more
 * useful than nothing, and the list is sorted so the user sees the nearest first.
 */
export function suggestModels(wanted: string, ids: readonly string[], count = DEFAULT_SUGGESTION_COUNT): string[] {
  return [...new Set(ids)]
    .map((id) => ({ id, score: distance(wanted, id) }))
    .sort((x, y) => x.score - y.score || x.id.localeCompare(y.id))
    .slice(0, Math.max(1, count))
    .map((entry) => entry.id);
}
