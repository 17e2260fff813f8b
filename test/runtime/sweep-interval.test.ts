import { describe, expect, it } from "vitest";
import { DEFAULT_SWEEP_INTERVAL_MS, parseSweepInterval, SweepIntervalError } from "../../src/runtime/sweep-interval.js";

describe("parseSweepInterval", () => {
  it.each([
    [undefined, DEFAULT_SWEEP_INTERVAL_MS],
    ["", 300_000],
    ["300", 300_000],
    ["5m", 300_000],
    ["90s", 90_000],
    ["1h30m", 5_400_000],
    [" 2M ", 120_000],
    ["0", 0],
    ["off", 0],
  ])("%s is %i ms", (value, expected) => {
    expect(parseSweepInterval(value)).toBe(expected);
  });

  it.each(["5 minutes", "-1", "1.5m", "m", "5d"])("rejects %s", (value) => {
    expect(() => parseSweepInterval(value)).toThrow(SweepIntervalError);
  });
});
