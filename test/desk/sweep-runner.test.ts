import { describe, expect, it } from "vitest";
import { isRateLimitError } from "../../src/desk/sweep-errors.js";
import { currentPriority } from "../../src/runtime/priority.js";
import { SweepRunner, type Sweep, type SweepTimers } from "../../src/desk/sweep-runner.js";
import { createSummary, formatSummary } from "../../src/desk/sweep-summary.js";

const QUIET = { debug() {}, info() {}, warn() {}, error() {} };
const NOW = new Date("2026-11-26T09:00:00Z");

function sweepOf(platform: string, run: Sweep["run"]): Sweep {
  return { platform, run };
}

describe("SweepRunner", () => {
  it("runs one sweep at a time: a start while one runs is skipped", async () => {
    let release: () => void = () => undefined;
    let runs = 0;
    const runner = new SweepRunner({ log: QUIET, now: () => NOW, intervalMs: 0 });
    runner.add(
      sweepOf("github", async () => {
        runs++;
        await new Promise<void>((resolve) => (release = resolve));
        return { ...createSummary(), repos: 2 };
      }),
    );
    const first = runner.run();
    expect(await runner.run()).toBeUndefined();
    release();
    expect(await first).toMatchObject({ repos: 2 });
    const third = runner.run();
    release();
    expect(await third).toMatchObject({ repos: 2 });
    expect(runs).toBe(2);
  });

  it("runs the sweeps at background priority with one clock reading", async () => {
    const seen: string[] = [];
    const runner = new SweepRunner({ log: QUIET, now: () => NOW, intervalMs: 0 });
    runner.add(sweepOf("github", async (now) => (seen.push(`${currentPriority()} ${now.toISOString()}`), createSummary())));
    await runner.run();
    expect(seen).toEqual(["background 2026-11-26T09:00:00.000Z"]);
  });

  it("logs a failing platform and still sweeps the other; a rate limit on one does not stop the other", async () => {
    const errors: unknown[] = [];
    const runner = new SweepRunner({ log: { ...QUIET, error: (fields) => void errors.push(fields) }, now: () => NOW, intervalMs: 0 });
    runner.add(sweepOf("github", async () => ({ ...createSummary(), repos: 1, rateLimited: true })));
    runner.add(sweepOf("gitlab", async () => Promise.reject(new Error("GitLab is down"))));
    runner.add(sweepOf("other", async () => ({ ...createSummary(), repos: 1, reminders: 1 })));
    expect(await runner.run()).toEqual({ repos: 2, triaged: 0, reminders: 1, escalations: 0, errors: 1, rateLimited: true });
    expect(errors).toEqual([expect.objectContaining({ platform: "gitlab" })]);
  });

  it("sweeps every interval on a timer that does not keep the process alive, until stopped", async () => {
    const calls: string[] = [];
    let tick: () => void = () => undefined;
    const timer = { unref: () => calls.push("unref") } as unknown as NodeJS.Timeout;
    const timers: SweepTimers = {
      setInterval: (callback, ms) => ((tick = callback), calls.push(`every ${ms}`), timer),
      clearInterval: (cleared) => void calls.push(cleared === timer ? "cleared" : "other"),
    };
    let runs = 0;
    const runner = new SweepRunner({ log: QUIET, now: () => NOW, intervalMs: 300_000, timers });
    runner.add(sweepOf("github", async () => (runs++, createSummary())));
    runner.start();
    runner.start();
    tick();
    await new Promise((resolve) => setImmediate(resolve));
    runner.stop();
    expect(calls).toEqual(["every 300000", "unref", "cleared"]);
    expect(runs).toBe(1);
  });

  it("starts no timer when the interval is off or nothing is served", () => {
    const calls: number[] = [];
    const timers: SweepTimers = { setInterval: (_callback, ms) => (calls.push(ms), {} as NodeJS.Timeout), clearInterval: () => undefined };
    const off = new SweepRunner({ log: QUIET, now: () => NOW, intervalMs: 0, timers });
    off.add(sweepOf("github", async () => createSummary()));
    off.start();
    new SweepRunner({ log: QUIET, now: () => NOW, intervalMs: 1000, timers }).start();
    expect(calls).toEqual([]);
  });
});

describe("isRateLimitError", () => {
  it.each([
    ["GitHub 429", { status: 429 }, true],
    ["GitHub secondary limit", { status: 403, response: { headers: { "retry-after": "60" } } }, true],
    ["GitHub primary limit", { status: 403, response: { headers: { "x-ratelimit-remaining": "0" } } }, true],
    ["a message saying so", { status: 403, message: "You have exceeded a secondary rate limit" }, true],
    ["GitLab 429 (gitbeaker)", { cause: { response: { status: 429 } } }, true],
    ["a missing permission", { status: 403, message: "Resource not accessible by integration", response: { headers: {} } }, false],
    ["a server error", { status: 502 }, false],
    ["not an HTTP error", new Error("boom"), false],
  ])("%s", (_name, error, expected) => {
    expect(isRateLimitError(error)).toBe(expected);
  });
});

describe("formatSummary", () => {
  it("says what the sweep did, and when a rate limit stopped it", () => {
    const summary = { repos: 3, triaged: 1, reminders: 2, escalations: 1, errors: 0, rateLimited: false };
    expect(formatSummary(summary)).toBe("repos swept: 3, tickets triaged: 1, reminders: 2, escalations: 1, errors: 0");
    expect(formatSummary({ ...summary, rateLimited: true })).toMatch(/stopped by a rate limit/u);
  });
});
