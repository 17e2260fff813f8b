/**
 * The few statistics the report shows, defined once so that every format
 * and every reader of the JSON means the same thing.
 */

/**
 * The median: the middle value, or the mean of the two middle values of an
 * even count; null for no values.
 */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return round(value, 1);
}

/**
 * A percentile by the nearest-rank method: the smallest value with at least
 * `percent` of the values at or below it (for 10 values the 90th percentile
 * is the 9th smallest). It is always a value that occurred, never an
 * interpolation; null for no values.
 */
export function percentile(values: readonly number[], percent: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((percent / 100) * sorted.length));
  return round(sorted[rank - 1]!, 1);
}

/** `part` of `whole` as a fraction 0..1 to four places; null when there is no whole. */
export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : round(part / whole, 4);
}

/** `value` rounded half up to `places` decimal places. */
export function round(value: number, places: number): number {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
}
