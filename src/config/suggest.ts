/**
 * "Did you mean ...?" for unknown keys and values, by edit distance. Small
 * enough to write here rather than depend on a package.
 */

/**
 * The edit distance between two strings: the fewest single-character
 * insertions, deletions, substitutions and swaps of two neighbouring
 * characters that turn `a` into `b` (the optimal string alignment distance,
 * so that `bbo` is one slip away from `bob`).
 */
export function measureEditDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  // Three rows of the classic table: previous[j] is the distance between a[0..i-1) and b[0..j).
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      const deletion = (previous[j] ?? 0) + 1;
      const insertion = (current[j - 1] ?? 0) + 1;
      let best = Math.min(substitution, deletion, insertion);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (beforePrevious[j - 2] ?? 0) + 1);
      current.push(best);
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The candidate nearest to `word` (ignoring case), or undefined when none is
 * close enough to be a plausible typo: at most one edit per three characters,
 * and at least one. Failing that, a candidate that the word begins (or that
 * begins the word), for shortened keys like `respond` or `threshold_hours`.
 * Ties go to the earlier candidate, so the answer is stable.
 */
export function findNearest(word: string, candidates: Iterable<string>): string | undefined {
  const needle = word.toLowerCase();
  const limit = Math.max(1, Math.floor(needle.length / 3));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = measureEditDistance(needle, candidate.toLowerCase());
    if (distance <= limit && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best ?? findByPrefix(needle, candidates);
}

const MIN_PREFIX = 4;

function findByPrefix(needle: string, candidates: Iterable<string>): string | undefined {
  for (const candidate of candidates) {
    const lower = candidate.toLowerCase();
    const [shorter, longer] = needle.length <= lower.length ? [needle, lower] : [lower, needle];
    if (shorter.length >= MIN_PREFIX && longer.startsWith(shorter)) return candidate;
  }
  return undefined;
}
