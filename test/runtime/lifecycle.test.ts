import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import type { UnfinishedWork } from "../../src/runtime/background.js";
import { EXIT_CONFIG, exitOnSignals, failStart, logUnfinished } from "../../src/runtime/lifecycle.js";
import { SettingsError } from "../../src/runtime/settings.js";

function recorder() {
  const lines: { level: string; obj: object; msg: string }[] = [];
  return { lines, log: { info: (obj: object, msg: string) => void lines.push({ level: "info", obj, msg }), warn: (obj: object, msg: string) => void lines.push({ level: "warn", obj, msg }) } };
}

const WORK: UnfinishedWork = { label: "github issues d-7", fields: { delivery: "d-7", event: "issues", repo: "acme/site", issue: 7 }, running: true };

describe("exitOnSignals", () => {
  it("drains once on SIGTERM, logs what is left by issue and exits 0", async () => {
    const signals = new EventEmitter();
    const { lines, log } = recorder();
    const drained: number[] = [];
    const exited = new Promise<number>((resolve) =>
      exitOnSignals({ timeoutMs: 25_000, log, signals: signals as unknown as NodeJS.Process, exit: resolve, drain: async (ms) => (drained.push(ms), [WORK]) }),
    );
    signals.emit("SIGTERM", "SIGTERM");
    expect(await exited).toBe(0);
    expect(drained).toEqual([25_000]);
    expect(lines.map(({ msg }) => msg)).toEqual(["SIGTERM: shutting down", "not finished at shutdown: the next sweep picks the issue up", "shut down"]);
    expect(lines[1]!.obj).toEqual({ delivery: "d-7", event: "issues", repo: "acme/site", issue: 7, work: "github issues d-7", running: true });
  });

  it("exits 1 at once on a second signal while draining, but takes the same signal twice in a second as one (Ctrl-C on npm start)", async () => {
    const signals = new EventEmitter();
    const { log } = recorder();
    const codes: number[] = [];
    let clock = 0;
    const now = () => clock;
    exitOnSignals({ timeoutMs: 25_000, log, now, signals: signals as unknown as NodeJS.Process, exit: (code) => void codes.push(code), drain: () => new Promise(() => undefined) });
    signals.emit("SIGINT", "SIGINT");
    clock = 50;
    signals.emit("SIGINT", "SIGINT");
    expect(codes).toEqual([]);
    clock = 2_000;
    signals.emit("SIGINT", "SIGINT");
    expect(codes).toEqual([1]);
  });
});

describe("logUnfinished", () => {
  it("lists at most 200 and counts the rest", () => {
    const { lines, log } = recorder();
    logUnfinished(log, Array.from({ length: 205 }, () => WORK));
    expect(lines).toHaveLength(201);
    expect(lines.at(-1)).toMatchObject({ obj: { more: 5 } });
  });
});

describe("failStart", () => {
  it("a configuration error: its message as the one line, exit code 78", () => {
    const out: string[] = [];
    const code = failStart(new SettingsError('PORT="abc" is not a port'), (error) => error instanceof SettingsError, (line) => out.push(line) > 0);
    expect([code, out]).toEqual([EXIT_CONFIG, ['frontdesk: PORT="abc" is not a port\n']]);
  });

  it("a port in use: one line, exit code 1", () => {
    const out: string[] = [];
    const error = Object.assign(new Error("listen EADDRINUSE: address already in use 127.0.0.1:3000"), { code: "EADDRINUSE" });
    expect(failStart(error, () => false, (line) => out.push(line) > 0)).toBe(1);
    expect(out).toEqual(["frontdesk: cannot listen: listen EADDRINUSE: address already in use 127.0.0.1:3000\n"]);
  });

  it("anything else: exit code 1 with the stack, which is a bug's only trace", () => {
    const out: string[] = [];
    expect(failStart(new TypeError("boom"), () => false, (line) => out.push(line) > 0)).toBe(1);
    expect(out[0]).toMatch(/^frontdesk: cannot start: TypeError: boom\n {4}at /u);
  });
});
