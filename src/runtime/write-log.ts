/**
 * The writes of one lane in the last hour, for sliding-window limits. Times
 * only grow (a write is counted at its start and moved to its answer), so the
 * log is an array in time order with running totals: how many writes a window
 * holds, and when enough of them leave it, are binary searches, not scans.
 * GitLab allows thousands of writes an hour; a scan per call would not do.
 */
export class WriteLog {
  #times: number[] = [];
  /** #totals[i]: the writes at #times[0..i], pruned ones included. */
  #totals: number[] = [];
  #head = 0;

  /** Writes in the log (the last hour, once pruned). */
  get size(): number {
    return this.#times.length === this.#head ? 0 : this.#totals.at(-1)! - this.#before(this.#head);
  }

  add(at: number): void {
    const last = this.#times.length - 1;
    if (last >= this.#head && this.#times[last] === at) this.#totals[last]!++;
    else {
      this.#times.push(at);
      this.#totals.push((this.#totals.at(-1) ?? 0) + 1);
    }
  }

  /** Moves one write from `from` to `to` (its answer), keeping the order. */
  move(from: number, to: number): void {
    const index = this.#search(from);
    if (index < this.#times.length && this.#times[index] === from) {
      for (let after = index; after < this.#totals.length; after++) this.#totals[after]!--;
    }
    this.add(to);
  }

  /** Forgets writes older than `since`. */
  prune(since: number): void {
    while (this.#head < this.#times.length && this.#times[this.#head]! < since) this.#head++;
    if (this.#head > 1024 && this.#head > this.#times.length / 2) {
      this.#times = this.#times.slice(this.#head);
      this.#totals = this.#totals.slice(this.#head);
      this.#head = 0;
    }
  }

  /** Milliseconds until fewer than `limit` writes lie within the last `windowMs` (0: now). */
  waitFor(limit: number, windowMs: number, now: number): number {
    const first = this.#search(now - windowMs + 1);
    const before = this.#before(first);
    const inWindow = (this.#totals.at(-1) ?? 0) - before;
    if (inWindow < limit) return 0;
    // The write whose leaving brings the window below the limit.
    const leaving = this.#searchTotal(before + inWindow - limit + 1, first);
    return Math.max(1, this.#times[leaving]! + windowMs - now);
  }

  #before(index: number): number {
    return index === 0 ? 0 : this.#totals[index - 1]!;
  }

  /** The first index at or after the head whose time is at least `at`. */
  #search(at: number): number {
    let low = this.#head;
    let high = this.#times.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.#times[mid]! < at) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** The first index from `from` whose running total reaches `total`. */
  #searchTotal(total: number, from: number): number {
    let low = from;
    let high = this.#totals.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.#totals[mid]! < total) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
