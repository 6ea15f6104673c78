// "Did you mean": the model ids closest to what the user typed.

const DEFAULT_SUGGESTION_COUNT = 5;

/** Lower-case and drop the separators people mix up (`gpt4o`, `GPT_4o` and `gpt-4o` are one name). */
function normalize(id: string): string {
  return id.toLowerCase().replace(/[\s_.:/-]+/g, '');
}

function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
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
