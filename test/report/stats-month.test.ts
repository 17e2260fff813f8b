import { describe, expect, it } from "vitest";
import { monthOf, monthWindow, parseMonth, previousMonth, weekOf, weeksOfMonth } from "../../src/report/month.js";
import { median, percentile, share } from "../../src/report/stats.js";

describe("median and percentile", () => {
  it("takes the middle value, or the mean of the two middle ones", () => {
    expect(median([540, 45, 90])).toBe(90);
    expect(median([45, 45, 90, 240, 300, 540])).toBe(165);
    expect(median([])).toBeNull();
  });

  it("takes the 90th percentile by nearest rank: a value that occurred", () => {
    // 10 values: rank ceil(9) = 9th smallest; 6 values: rank ceil(5.4) = 6th; 1 value: itself.
    expect(percentile([30, 45, 45, 60, 90, 180, 240, 300, 540, 570], 90)).toBe(540);
    expect(percentile([45, 45, 90, 240, 300, 540], 90)).toBe(540);
    expect(percentile([12.34], 90)).toBe(12.3);
    expect(percentile([], 90)).toBeNull();
  });

  it("gives shares to four places, none without a whole", () => {
    expect(share(5, 6)).toBe(0.8333);
    expect(share(0, 0)).toBeNull();
  });
});

describe("the month in the client's zone", () => {
  it("runs from local midnight to local midnight", () => {
    expect(monthWindow("2026-10", "Europe/Berlin")).toEqual({ from: new Date("2026-09-30T22:00:00Z"), to: new Date("2026-10-31T23:00:00Z") });
    expect(monthWindow("2026-10", "UTC")).toEqual({ from: new Date("2026-10-01T00:00:00Z"), to: new Date("2026-11-01T00:00:00Z") });
    expect(() => monthWindow("2026-13", "UTC")).toThrow(RangeError);
  });

  it("tells an instant's month and week in a zone", () => {
    expect(monthOf(new Date("2026-09-30T22:30:00Z"), "Europe/Berlin")).toBe("2026-10");
    expect(monthOf(new Date("2026-09-30T22:30:00Z"), "UTC")).toBe("2026-09");
    // Sunday 1 Nov 00:30 CET belongs to the week of Monday 26 October.
    expect(weekOf(new Date("2026-10-31T23:30:00Z"), "Europe/Berlin")).toBe("2026-10-26");
  });

  it("lists the Mondays of the weeks that hold a day of the month", () => {
    expect(weeksOfMonth("2026-10")).toEqual(["2026-09-28", "2026-10-05", "2026-10-12", "2026-10-19", "2026-10-26"]);
    expect(weeksOfMonth("2026-02")).toEqual(["2026-01-26", "2026-02-02", "2026-02-09", "2026-02-16", "2026-02-23"]);
  });

  it("reads YYYY-MM and knows the previous month", () => {
    expect(parseMonth("2026-10")).toEqual({ year: 2026, month: 10 });
    expect(parseMonth("2026-1")).toBeUndefined();
    expect(previousMonth(new Date("2026-11-01T08:00:00Z"))).toBe("2026-10");
    expect(previousMonth(new Date("2027-01-15T08:00:00Z"))).toBe("2026-12");
  });
});
