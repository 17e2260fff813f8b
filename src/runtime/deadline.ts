/**
 * `promise`'s outcome, or, when `ms` pass first, what `late` returns (or
 * throws). The timer is cleared either way, so it never holds the process.
 */
export function withDeadline<T, U>(promise: Promise<T>, ms: number, late: () => U): Promise<T | U> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(0, ms)))).then(late);
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
