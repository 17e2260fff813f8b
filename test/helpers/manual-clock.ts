import type { PacerClock } from "../../src/runtime/pacer.js";

/** A clock that moves only when the test says so. */
export class ManualClock implements PacerClock {
  #now = 0;
  #timers: { at: number; callback: () => void; id: number }[] = [];
  #id = 0;

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, ms: number): NodeJS.Timeout {
    const id = ++this.#id;
    this.#timers.push({ at: this.#now + ms, callback, id });
    return { id, unref() {} } as unknown as NodeJS.Timeout;
  }

  clearTimeout(timer: NodeJS.Timeout): void {
    const id = (timer as unknown as { id: number }).id;
    this.#timers = this.#timers.filter((entry) => entry.id !== id);
  }

  /** Moves time forward, firing due timers in order, and lets promises settle. */
  async advance(ms: number): Promise<void> {
    const target = this.#now + ms;
    for (;;) {
      this.#timers.sort((a, b) => a.at - b.at);
      const next = this.#timers[0];
      if (!next || next.at > target) break;
      this.#timers.shift();
      this.#now = next.at;
      next.callback();
      await flush();
    }
    this.#now = target;
    await flush();
  }
}

export async function flush(): Promise<void> {
  for (let index = 0; index < 10; index++) await Promise.resolve();
}
