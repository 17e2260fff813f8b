import { DateTime } from "luxon";
import type { TimeWindow } from "./source.js";

/**
 * The calendar month a report covers, in each client's own time zone: a
 * ticket opened at 00:30 on 1 October in Berlin is October's, although it
 * is still 30 September in UTC.
 */

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/u;

/** `YYYY-MM` as year and month, or undefined when it is not one. */
export function parseMonth(value: string): { year: number; month: number } | undefined {
  const match = MONTH.exec(value.trim());
  return match ? { year: Number(match[1]), month: Number(match[2]) } : undefined;
}

/**
 * A month as the report names and compares it: `YYYY-MM` without surrounding space.
 *
 * @throws RangeError for a month that is not `YYYY-MM`.
 */
export function normalMonth(value: string): string {
  if (!parseMonth(value)) throw new RangeError(`not a month: ${value} (use YYYY-MM)`);
  return value.trim();
}

/** The month before the one `now` falls in (UTC), as `YYYY-MM`: what a report run at the start of a month covers. */
export function previousMonth(now: Date): string {
  return DateTime.fromJSDate(now, { zone: "UTC" }).startOf("month").minus({ months: 1 }).toFormat("yyyy-MM");
}

/**
 * The real instants of a month in `zone`: from its first midnight to the
 * next month's.
 *
 * @throws RangeError for a month that is not `YYYY-MM`.
 */
export function monthWindow(month: string, zone: string): TimeWindow {
  const parsed = parseMonth(month);
  if (!parsed) throw new RangeError(`not a month: ${month} (use YYYY-MM)`);
  const start = DateTime.fromObject({ year: parsed.year, month: parsed.month, day: 1 }, { zone });
  return { from: start.toJSDate(), to: start.plus({ months: 1 }).toJSDate() };
}

/** The Monday (YYYY-MM-DD) of the week that holds `instant`'s local date in `zone`. */
export function weekOf(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).startOf("week").toISODate() ?? "";
}

/** The Mondays of every week that holds a day of the month, oldest first. */
export function weeksOfMonth(month: string): string[] {
  const parsed = parseMonth(month);
  if (!parsed) throw new RangeError(`not a month: ${month} (use YYYY-MM)`);
  const first = DateTime.fromObject({ year: parsed.year, month: parsed.month, day: 1 }, { zone: "UTC" });
  const last = first.endOf("month");
  const weeks: string[] = [];
  for (let monday = first.startOf("week"); monday <= last; monday = monday.plus({ weeks: 1 })) weeks.push(monday.toISODate() ?? "");
  return weeks;
}

/** The month (YYYY-MM) that `instant` falls in, in `zone`. */
export function monthOf(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat("yyyy-MM");
}
