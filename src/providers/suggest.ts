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

/** One reused row: the distances are computed in place, no allocation per pair or per cell. */
let row = new Uint16Array(MAX_COMPARED_CHARS + 1);

/**
 * Edit distance (insert, delete, substitute: 1 each), or `limit + 1` as soon as it must exceed `limit`: only a
 * band of width 2·limit around the diagonal is computed (Ukkonen), so a candidate that cannot beat the best
 * found so far costs a few cells per character instead of the whole square.
 */
function boundedLevenshtein(a: string, b: string, limit: number): number {
  const m = a.length;
  const n = b.length;
  const over = limit + 1;
  if (a === b) return 0;
  if (Math.abs(m - n) > limit) return over;
  if (row.length < n + 1) row = new Uint16Array(n + 1);
  for (let j = 0; j <= n; j++) row[j] = j <= limit ? j : over;
  for (let i = 1; i <= m; i++) {
    const ai = a.charCodeAt(i - 1);
    const lo = Math.max(1, i - limit);
    const hi = Math.min(n, i + limit);
    let diagonal = row[lo - 1] as number;
    let left = lo === 1 ? i : over;
    row[lo - 1] = Math.min(left, over);
    let rowMin = Math.min(left, over); // the row's first cell counts too (an empty b has no other)
    for (let j = lo; j <= hi; j++) {
      const up = row[j] as number;
      let best = diagonal + (ai === b.charCodeAt(j - 1) ? 0 : 1);
      if (up + 1 < best) best = up + 1;
      if (left + 1 < best) best = left + 1;
      if (best > over) best = over;
      diagonal = up;
      row[j] = best;
      left = best;
      if (best < rowMin) rowMin = best;
    }
    if (hi < n) row[hi + 1] = over;
    if (rowMin > limit) return over;
  }
  return Math.min(row[n] as number, over);
}

interface Scored {
  id: string;
  score: number;
}

/**
 * Lower is closer: edit distance over the longer length, with bonuses when the wanted name is the candidate's
 * last path segment (`llama-3-8b` vs `accounts/fireworks/models/llama-3-8b`), when the candidate extends it
 * (a partial name), or, weakly, when the candidate is part of it (a name with a typo'd suffix). Undefined when
 * the candidate cannot score below `worst` (the last of the best kept so far).
 */
function score(a: string, candidate: string, worst: number): number | undefined {
  const b = normalize(candidate);
  const lastSegment = normalize(candidate.split('/').pop() ?? candidate);
  let bonus = 0;
  if (a === lastSegment && a !== b) bonus = 0.8;
  else if (b.includes(a) || lastSegment.includes(a)) bonus = 0.3;
  else if (a.includes(b)) bonus = 0.1;
  const longest = Math.max(a.length, b.length, 1);
  // distance / longest − bonus ≤ worst  ⇔  distance ≤ (worst + bonus) · longest
  const limit = Number.isFinite(worst) ? Math.min(longest, Math.floor((worst + bonus) * longest + 1e-9)) : longest;
  if (limit < 0) return undefined;
  const distance = boundedLevenshtein(a, b, limit);
  return distance > limit ? undefined : distance / longest - bonus;
}

/**
 * The closest ids to `wanted` from `ids`, best first. Never empty when `ids` is not: even a poor match is more
 * useful than nothing, and the list is sorted so the user sees the nearest first.
 */
export function suggestModels(wanted: string, ids: readonly string[], count = DEFAULT_SUGGESTION_COUNT): string[] {
  const keep = Math.max(1, count);
  const a = normalize(wanted);
  // Only the best few are kept, in a small sorted array: no sort of the whole list, and each candidate is
  // measured only as far as it could still make the list. Ties go to the smaller id, by code unit.
  const best: Scored[] = [];
  const before = (x: Scored, y: Scored): boolean => x.score < y.score || (x.score === y.score && x.id < y.id);
  for (const id of new Set(ids)) {
    const worst = best.length === keep ? (best[keep - 1] as Scored).score : Infinity;
    const value = score(a, id, worst);
    if (value === undefined) continue;
    const entry = { id, score: value };
    if (best.length === keep && !before(entry, best[keep - 1] as Scored)) continue;
    let at = best.length;
    while (at > 0 && before(entry, best[at - 1] as Scored)) at--;
    best.splice(at, 0, entry);
    if (best.length > keep) best.pop();
  }
  return best.map((entry) => entry.id);
}
