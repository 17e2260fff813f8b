import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  addBusinessMinutes,
  type BusinessHours,
  businessMinutesBetween,
  dayMinutes,
  dueAt,
  isBusinessDay,
  localDay,
  toBusinessHours,
} from "../../src/core/business-time.js";

const WEEKDAYS = new Set([1, 2, 3, 4, 5]);
const EVERY_DAY = new Set([1, 2, 3, 4, 5, 6, 7]);

const berlin: BusinessHours = {
  zone: "Europe/Berlin",
  days: WEEKDAYS,
  start: 9 * 60,
  end: 17 * 60,
  holidays: ["2026-12-24", "2026-12-25", "2026-12-26", "2026-12-31"],
};
const newYork: BusinessHours = { zone: "America/New_York", days: WEEKDAYS, start: 9 * 60, end: 17 * 60, holidays: [] };
/** A night shift whose hours contain the clock change (02:00-03:00 in Berlin). */
const nightShift: BusinessHours = { zone: "Europe/Berlin", days: EVERY_DAY, start: 0, end: 4 * 60, holidays: [] };
/** Opening inside the hour that is skipped in March and repeated in October. */
const opensAt0230: BusinessHours = { zone: "Europe/Berlin", days: EVERY_DAY, start: 150, end: 600, holidays: [] };
const allDay: BusinessHours = { zone: "Europe/Berlin", days: EVERY_DAY, start: 0, end: 24 * 60, holidays: [] };

/** Instants are written and compared with their offset, so a wrong hour or a wrong offset both show. */
function at(iso: string): Date {
  const parsed = DateTime.fromISO(iso, { setZone: true });
  if (!parsed.isValid) throw new Error(`bad fixture ${iso}`);
  return parsed.toJSDate();
}
function inZone(date: Date, zone: string): string {
  return DateTime.fromJSDate(date, { zone }).toISO({ suppressMilliseconds: true, suppressSeconds: true }) ?? "invalid";
}

describe("toBusinessHours", () => {
  it("resolves the configured section", () => {
    const hours = toBusinessHours({
      timezone: "Europe/Berlin",
      days: ["mon", "sat", "sun"],
      hours: "08:30-16:00",
      holidays: ["2026-12-24"],
    });
    expect(hours).toEqual({
      zone: "Europe/Berlin",
      days: new Set([1, 6, 7]),
      start: 510,
      end: 960,
      holidays: ["2026-12-24"],
    });
    expect(dayMinutes(hours)).toBe(450);
  });

  it("rejects an unknown zone", () => {
    expect(() => toBusinessHours({ timezone: "Mars/Olympus", days: ["mon"], hours: "09:00-17:00", holidays: [] })).toThrow(
      RangeError,
    );
  });
});

describe("addBusinessMinutes", () => {
  it.each([
    ["Friday 16:30 + 1h is Monday 09:30", berlin, "2026-11-27T16:30+01:00", 60, "2026-11-30T09:30+01:00"],
    ["within the day", berlin, "2026-11-24T10:00+01:00", 90, "2026-11-24T11:30+01:00"],
    ["a full day ends at closing, not next morning", berlin, "2026-11-24T09:00+01:00", 480, "2026-11-24T17:00+01:00"],
    ["overnight", berlin, "2026-11-24T16:00+01:00", 120, "2026-11-25T10:00+01:00"],
    ["opened before opening time", berlin, "2026-11-24T07:15+01:00", 30, "2026-11-24T09:30+01:00"],
    ["opened after closing time", berlin, "2026-11-24T19:00+01:00", 30, "2026-11-25T09:30+01:00"],
    ["opened Saturday night", berlin, "2026-11-28T23:00+01:00", 60, "2026-11-30T10:00+01:00"],
    ["opened on a holiday (24 Dec, then 25 Dec and a weekend)", berlin, "2026-12-24T10:00+01:00", 60, "2026-12-28T10:00+01:00"],
    ["0 minutes on a holiday is the next opening", berlin, "2026-12-24T10:00+01:00", 0, "2026-12-28T09:00+01:00"],
    ["0 minutes within hours is now", berlin, "2026-11-24T10:00+01:00", 0, "2026-11-24T10:00+01:00"],
    ["opened exactly at closing starts next morning", berlin, "2026-11-24T17:00+01:00", 15, "2026-11-25T09:15+01:00"],
    // The clock changes at 02:00 on Sunday: offsets must be those of the day of arrival, not of departure.
    ["Friday before the March switch", berlin, "2026-03-27T16:30+01:00", 60, "2026-03-30T09:30+02:00"],
    ["a day across the March switch", berlin, "2026-03-27T16:30+01:00", 480, "2026-03-30T16:30+02:00"],
    ["Friday before the October switch", berlin, "2026-10-23T16:30+02:00", 60, "2026-10-26T09:30+01:00"],
    ["New York, Friday 16:30 + 1h", newYork, "2026-11-27T16:30-05:00", 60, "2026-11-30T09:30-05:00"],
    ["New York, across its March switch", newYork, "2026-03-06T16:30-05:00", 60, "2026-03-09T09:30-04:00"],
    // Hours containing 02:00-03:00: business minutes are real minutes.
    ["night shift, March: 02:00-03:00 does not exist", nightShift, "2026-03-29T01:30+01:00", 60, "2026-03-29T03:30+02:00"],
    ["night shift, March: the short night closes early", nightShift, "2026-03-29T01:30+01:00", 120, "2026-03-30T00:30+02:00"],
    ["night shift, October: 02:00-03:00 counts twice", nightShift, "2026-10-25T02:30+02:00", 60, "2026-10-25T02:30+01:00"],
    ["night shift, October: the long night", nightShift, "2026-10-25T01:00+02:00", 240, "2026-10-25T04:00+01:00"],
    ["opening 02:30 in March: opens at the jump", opensAt0230, "2026-03-29T01:00+01:00", 0, "2026-03-29T03:00+02:00"],
    ["opening 02:30 in October: the first 02:30", opensAt0230, "2026-10-25T01:00+02:00", 0, "2026-10-25T02:30+02:00"],
    ["24/7 across the March switch", allDay, "2026-03-28T23:30+01:00", 180, "2026-03-29T03:30+02:00"],
    ["24/7 across the October switch", allDay, "2026-10-24T23:30+02:00", 240, "2026-10-25T02:30+01:00"],
  ] as const)("%s", (_name, hours, start, minutes, expected) => {
    expect(inZone(addBusinessMinutes(at(start), minutes, hours), hours.zone)).toBe(expected);
  });

  it("throws instead of searching forever when there is never an opening", () => {
    const never: BusinessHours = { ...berlin, days: new Set([1]), holidays: ["2026-01-01..2031-12-31"] };
    expect(() => addBusinessMinutes(at("2026-11-24T10:00+01:00"), 60, never)).toThrow(RangeError);
    expect(() => dueAt(at("2026-11-24T10:00+01:00"), "1h", never)).toThrow(/no business hours within/);
  });

  it("finds an opening after a long run of holidays", () => {
    const longBreak: BusinessHours = { ...berlin, holidays: ["2026-01-01..2027-12-31"] };
    expect(inZone(addBusinessMinutes(at("2026-06-01T10:00+02:00"), 60, longBreak), berlin.zone)).toBe(
      "2028-01-03T10:00+01:00",
    );
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])("rejects %s minutes", (minutes) => {
    expect(() => addBusinessMinutes(at("2026-11-24T10:00+01:00"), minutes, berlin)).toThrow(RangeError);
  });
});

describe("dueAt", () => {
  it.each([
    ["1d is one working day", "2026-11-24T10:00+01:00", "1d", "2026-11-25T10:00+01:00"],
    ["1d on Friday is Monday", "2026-11-27T10:00+01:00", "1d", "2026-11-30T10:00+01:00"],
    ["1d4h", "2026-11-27T10:00+01:00", "1d4h", "2026-11-30T14:00+01:00"],
    ["1h on a holiday", "2026-12-31T12:00+01:00", "1h", "2027-01-01T10:00+01:00"],
    ["30m before opening", "2026-11-24T06:00+01:00", "30m", "2026-11-24T09:30+01:00"],
    ["1d across the March switch", "2026-03-27T10:00+01:00", "1d", "2026-03-30T10:00+02:00"],
    ["1d across the October switch", "2026-10-23T10:00+02:00", "1d", "2026-10-26T10:00+01:00"],
    ["1h opened on a Saturday night", "2026-11-28T23:00+01:00", "1h", "2026-11-30T10:00+01:00"],
  ] as const)("%s", (_name, opened, within, expected) => {
    expect(inZone(dueAt(at(opened), within, berlin), berlin.zone)).toBe(expected);
  });

  it("remembers openings per zone: the same local date in two zones gives each its own", () => {
    for (let round = 0; round < 2; round++) {
      expect(inZone(dueAt(at("2026-11-24T08:00+01:00"), "1h", berlin), berlin.zone)).toBe("2026-11-24T10:00+01:00");
      expect(inZone(dueAt(at("2026-11-24T08:00-05:00"), "1h", newYork), newYork.zone)).toBe("2026-11-24T10:00-05:00");
    }
  });

  it("a day is the length of the configured hours", () => {
    const short: BusinessHours = { ...newYork, start: 10 * 60, end: 14 * 60 };
    expect(inZone(dueAt(at("2026-11-24T12:00-05:00"), "1d", short), short.zone)).toBe("2026-11-25T12:00-05:00");
  });

  it("24/7: a day is 24 real hours, also on the 25-hour day", () => {
    expect(inZone(dueAt(at("2026-10-24T12:00+02:00"), "1d", allDay), allDay.zone)).toBe("2026-10-25T11:00+01:00");
  });
});

describe("businessMinutesBetween", () => {
  it.each([
    ["within a day", berlin, "2026-11-24T10:00+01:00", "2026-11-24T12:30+01:00", 150],
    ["overnight", berlin, "2026-11-24T16:00+01:00", "2026-11-25T10:00+01:00", 120],
    ["over a weekend", berlin, "2026-11-27T16:30+01:00", "2026-11-30T09:30+01:00", 60],
    ["a whole week", berlin, "2026-11-23T00:00+01:00", "2026-11-30T00:00+01:00", 5 * 480],
    ["over holidays", berlin, "2026-12-23T16:00+01:00", "2026-12-28T10:00+01:00", 120],
    ["from and to in the same night", berlin, "2026-11-24T18:00+01:00", "2026-11-25T08:00+01:00", 0],
    ["to before from", berlin, "2026-11-25T10:00+01:00", "2026-11-24T10:00+01:00", 0],
    ["to equal to from", berlin, "2026-11-24T10:00+01:00", "2026-11-24T10:00+01:00", 0],
    ["over the March switch", berlin, "2026-03-27T16:30+01:00", "2026-03-30T09:30+02:00", 60],
    ["the March night shift is 3 real hours", nightShift, "2026-03-29T00:00+01:00", "2026-03-29T04:00+02:00", 180],
    ["the October night shift is 5 real hours", nightShift, "2026-10-25T00:00+02:00", "2026-10-25T04:00+01:00", 300],
    ["New York", newYork, "2026-11-27T16:00-05:00", "2026-11-30T10:00-05:00", 120],
    ["seconds are kept", berlin, "2026-11-24T10:00:00+01:00", "2026-11-24T10:00:30+01:00", 0.5],
  ] as const)("%s", (_name, hours, from, to, expected) => {
    expect(businessMinutesBetween(at(from), at(to), hours)).toBe(expected);
  });

  it.each([
    [berlin, "2026-11-27T16:30+01:00", "2026-11-30T09:30+01:00"],
    [berlin, "2026-12-24T10:00+01:00", "2026-12-28T11:00+01:00"],
    [berlin, "2026-11-28T23:00+01:00", "2026-11-30T09:00+01:00"],
    [berlin, "2026-03-27T12:00+01:00", "2026-03-30T16:59+02:00"],
    [nightShift, "2026-10-25T01:00+02:00", "2026-10-25T02:15+01:00"],
    [nightShift, "2026-03-28T03:00+01:00", "2026-03-29T03:10+02:00"],
    [allDay, "2026-10-24T10:00+02:00", "2026-10-26T10:00+01:00"],
  ] as const)("add(%#) undoes between within hours", (hours, from, to) => {
    const minutes = businessMinutesBetween(at(from), at(to), hours);
    expect(inZone(addBusinessMinutes(at(from), minutes, hours), hours.zone)).toBe(inZone(at(to), hours.zone));
  });
});

describe("isBusinessDay and localDay", () => {
  it.each([
    ["a Monday", "2026-11-30T12:00+01:00", true],
    ["a Saturday", "2026-11-28T12:00+01:00", false],
    ["a holiday", "2026-12-24T12:00+01:00", false],
    ["Friday 23:30 UTC is Saturday in Berlin", "2026-11-27T23:30Z", false],
    ["Sunday 23:30 UTC is Monday in Berlin", "2026-11-29T23:30Z", true],
  ] as const)("%s", (_name, date, expected) => {
    expect(isBusinessDay(at(date), berlin)).toBe(expected);
  });

  it("gives the date in the zone", () => {
    const late = at("2026-11-27T23:30Z");
    expect(localDay(late, "Europe/Berlin")).toBe("2026-11-28");
    expect(localDay(late, "America/New_York")).toBe("2026-11-27");
    expect(localDay(at("2026-03-29T01:59+01:00"), "Europe/Berlin")).toBe("2026-03-29");
  });
});
