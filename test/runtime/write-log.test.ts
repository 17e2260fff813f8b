import { describe, expect, it } from "vitest";
import { WriteLog } from "../../src/runtime/write-log.js";

describe("WriteLog", () => {
  it("counts a sliding window and says when it has room again", () => {
    const log = new WriteLog();
    for (const at of [0, 0, 10, 20, 30]) log.add(at);
    expect(log.size).toBe(5);
    expect(log.waitFor(6, 60_000, 30)).toBe(0);
    // Five in the window, a limit of four: the second write at 0 must leave, at 60,000.
    expect(log.waitFor(4, 60_000, 30)).toBe(60_000 - 30);
    expect(log.waitFor(3, 60_000, 30)).toBe(60_010 - 30); // three must leave: 0, 0 and 10
    expect(log.waitFor(2, 60_000, 30)).toBe(60_020 - 30);
    expect(log.waitFor(4, 60_000, 60_000)).toBe(0);
  });

  it("moves a write to its answer and forgets what is older than the hour", () => {
    const log = new WriteLog();
    log.add(0);
    log.add(5);
    log.move(0, 100);
    expect(log.waitFor(2, 60_000, 60_050)).toBe(0); // the write at 0 now counts from 100... and the one at 5 has left
    expect(log.waitFor(1, 60_000, 60_050)).toBe(50);
    log.prune(3_600_000);
    expect(log.size).toBe(0);
  });

  it("stays fast with an hour of thousands of writes", () => {
    const log = new WriteLog();
    const start = performance.now();
    for (let at = 0; at < 66_000; at++) {
      log.add(at * 50);
      log.move(at * 50, at * 50 + 20);
      log.waitFor(2_000, 60_000, at * 50 + 20);
      log.waitFor(66_000, 3_600_000, at * 50 + 20);
    }
    expect(performance.now() - start).toBeLessThan(2_000);
  });
});
