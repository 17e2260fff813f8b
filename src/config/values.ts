import { IANAZone } from "luxon";

/**
 * Parsers for the scalar values of frontdesk.yml. They are pure and shared by
 * the schema (to validate) and the core (to compute).
 */

const DURATION = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/;

/** Parts of a duration as written; `d` is one business day, resolved later. */
export interface DurationParts {
  days: number;
  hours: number;
  minutes: number;
}

export function parseDurationParts(value: string): DurationParts | undefined {
  const match = DURATION.exec(value.trim());
  if (!match || value.trim() === "") return undefined;
  const [, days = "0", hours = "0", minutes = "0"] = match;
  return { days: Number(days), hours: Number(hours), minutes: Number(minutes) };
}

export function isValidDuration(value: string): boolean {
  const parts = parseDurationParts(value);
  return parts !== undefined && parts.days + parts.hours + parts.minutes > 0;
}

/** A duration in business minutes, where one day is `dayMinutes` long. */
export function durationToMinutes(value: string, dayMinutes: number): number {
  const parts = parseDurationParts(value);
  if (!parts) throw new RangeError(`not a duration: ${value}`);
  return parts.days * dayMinutes + parts.hours * 60 + parts.minutes;
}

/** Writes business minutes back as a duration, the way a person would (2d, 1h30m). */
export function formatMinutes(minutes: number, dayMinutes: number): string {
  let rest = Math.round(minutes);
  const days = Math.floor(rest / dayMinutes);
  rest -= days * dayMinutes;
  const hours = Math.floor(rest / 60);
  rest -= hours * 60;
  const text = `${days ? `${days}d` : ""}${hours ? `${hours}h` : ""}${rest ? `${rest}m` : ""}`;
  return text || "0m";
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Days in month `month` (1-12) of `year`, in the Gregorian calendar (also before 1582, as ISO 8601 counts). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** `YYYY-MM-DD..YYYY-MM-DD`, start not after end; undefined otherwise. */
export function parseDateRange(value: string): { start: string; end: string } | undefined {
  const [start, end, extra] = value.split("..");
  if (extra !== undefined || !start || !end || !isValidDate(start) || !isValidDate(end)) return undefined;
  return start <= end ? { start, end } : undefined;
}

/** True when `day` (YYYY-MM-DD) falls on one of the dates or ranges. */
export function isWithinDates(day: string, entries: readonly string[]): boolean {
  return entries.some((entry) => {
    const range = parseDateRange(entry);
    return range ? range.start <= day && day <= range.end : entry === day;
  });
}

const HOURS = /^(\d{2}):(\d{2})\s*-\s*(\d{2}):(\d{2})$/;

/** "09:00-17:00" as minutes after midnight; undefined unless start < end. */
export function parseHours(value: string): { start: number; end: number } | undefined {
  const match = HOURS.exec(value.trim());
  if (!match) return undefined;
  const [, sh, sm, eh, em] = match.map(Number) as [number, number, number, number, number];
  if (sh > 23 || eh > 24 || sm > 59 || em > 59 || (eh === 24 && em !== 0)) return undefined;
  const start = sh * 60 + sm;
  const end = eh * 60 + em;
  return start < end ? { start, end } : undefined;
}

/** True for a name ICU knows as an IANA zone. `IANAZone.create` remembers zones by name; `isValidZone` asks ICU again each time. */
export function isValidTimeZone(value: string): boolean {
  return IANAZone.create(value).isValid;
}
