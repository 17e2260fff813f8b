import type { PathSegment } from "./errors.js";
import { findWholePrefix } from "./merge.js";

/**
 * Which of the files a merged configuration came from an error belongs to:
 * the first (most specific) file that sets the deepest part of its key path.
 * Under a key a file sets as a whole (`team`, `urgency.levels`, ...), only
 * the nearest file that sets that key counts: the others' values are not in
 * the merge.
 */
export function pickOrigin<T>(files: readonly T[], path: readonly PathSegment[], valueOf: (file: T) => unknown): T {
  const whole = findWholePrefix(path);
  if (whole !== undefined) {
    const owner = files.find((file) => matchingDepth(valueOf(file), whole) === whole.length);
    if (owner !== undefined) return owner;
  }
  let best = files[0] as T;
  let bestDepth = -1;
  for (const file of files) {
    const depth = matchingDepth(valueOf(file), path);
    if (depth > bestDepth) {
      best = file;
      bestDepth = depth;
    }
  }
  return best;
}

function matchingDepth(value: unknown, path: readonly PathSegment[]): number {
  let depth = 0;
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, segment)) break;
    current = (current as Record<string | number, unknown>)[segment];
    depth++;
  }
  return depth;
}
