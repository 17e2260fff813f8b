import { describe, expect, it } from "vitest";
import { isWithinBusinessHours, localWallTime, toBusinessHours, wallClockDueAt } from "../../src/core/business-time.js";

const berlin = toBusinessHours({ timezone: "Europe/Berlin", days: ["mon", "tue", "wed", "thu", "fri"], hours: "09:00-17:00", holidays: ["2026-12-24"] });

describe("the wall clock beside business time", () => {
  it.each([
    ["Friday 16:59 in Berlin", "2026-11-27T15:59:00Z", true],
    ["Friday 17:00, closing time", "2026-11-27T16:00:00Z", false],
    ["Saturday 02:00", "2026-11-28T01:00:00Z", false],
    ["Monday 09:00, opening time", "2026-11-30T08:00:00Z", true],
    ["a holiday at noon", "2026-12-24T11:00:00Z", false],
  ])("%s is inside business hours: %s", (_name, at, inside) => {
    expect(isWithinBusinessHours(new Date(at), berlin)).toBe(inside);
  });

  it("counts a wall-clock promise in real hours, and a day as 24 of them", () => {
    const start = new Date("2026-11-28T01:00:00Z");
    expect(wallClockDueAt(start, "1h").toISOString()).toBe("2026-11-28T02:00:00.000Z");
    expect(wallClockDueAt(start, "1d30m").toISOString()).toBe("2026-11-29T01:30:00.000Z");
    // The night the clocks go back, 1h is still one real hour.
    expect(wallClockDueAt(new Date("2026-10-25T00:30:00Z"), "1h").toISOString()).toBe("2026-10-25T01:30:00.000Z");
  });

  it("shows an instant as the zone's local time, for comparing with handovers and shifts", () => {
    expect(new Date(localWallTime(new Date("2026-11-28T01:00:00Z"), "Europe/Berlin")).toISOString()).toBe("2026-11-28T02:00:00.000Z");
    expect(new Date(localWallTime(new Date("2026-07-01T01:00:00Z"), "Europe/Berlin")).toISOString()).toBe("2026-07-01T03:00:00.000Z");
  });
});
