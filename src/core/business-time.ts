import { IANAZone } from "luxon";
import type { Config } from "../config/schema.js";
import { WEEKDAYS } from "../config/schema.js";
import { durationToMinutes, isWithinDates, parseHours } from "../config/values.js";

/**
 * Business time: when the team works, in the wall time of its zone.
 *
 * The business day of a local date is the span of real instants from the first
 * moment the local clock shows `start` to the first moment it shows `end`.
 * Business minutes are real minutes inside those spans. So on a night when the
 * clock changes inside business hours (a 24/7 desk, a night shift), that day
 * is an hour shorter or longer in business minutes, and a promised "1h" is
 * always one real hour of the team's time. Ordinary office hours never see the
 * change, and opening times are always the local ones (09:00 stays 09:00).
 *
 * Everything here is pure: the current time is an argument.
 */

/** Business hours resolved from the configuration, ready to compute with. */
export type BusinessHours = {
  /** IANA time zone of the hours and the holidays. */
  zone: string;
  /** Working days as luxon weekdays, 1 = Monday .. 7 = Sunday. */
  days: Set<number>;
  /** Opening time, minutes after local midnight. */
  start: number;
  /** Closing time, minutes after local midnight (1440 = midnight at the end of the day). */
  end: number;
  /** Days without business hours, YYYY-MM-DD (ranges YYYY-MM-DD..YYYY-MM-DD are accepted too). */
  holidays: readonly string[];
};

/** Searching further than this for an opening means the configuration has none. */
const MAX_SEARCH_DAYS = 3 * 366;
const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * Resolves the `business_hours` section of a validated configuration.
 *
 * @throws RangeError when the section is invalid; the schema rejects that
 *   earlier, so this only guards against unvalidated input.
 */
export function toBusinessHours(config: Config["business_hours"]): BusinessHours {
  // IANAZone.create caches zones by name; isValidZone would ask ICU again on every ticket.
  if (!IANAZone.create(config.timezone).isValid) throw new RangeError(`not an IANA time zone: ${config.timezone}`);
  const span = parseHours(config.hours);
  if (!span) throw new RangeError(`not a span of hours: ${config.hours}`);
  if (config.days.length === 0) throw new RangeError("business_hours.days is empty");
  return {
    zone: config.timezone,
    days: new Set(config.days.map((day) => WEEKDAYS.indexOf(day) + 1)),
    start: span.start,
    end: span.end,
    holidays: [...config.holidays],
  };
}

/** The nominal length of one business day in minutes: what a `d` in a duration means. */
export function dayMinutes(hours: BusinessHours): number {
  return hours.end - hours.start;
}

/**
 * The moment `minutes` business minutes after `start`. A clock started outside
 * business hours (at night, on a weekend or a holiday) starts at the next
 * opening; a result that exactly fills a day is that day's closing time.
 *
 * @throws RangeError when `minutes` is negative or not finite, or when the
 *   hours have no opening within three years (every day a holiday).
 */
export function addBusinessMinutes(start: Date, minutes: number, hours: BusinessHours): Date {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`not a number of business minutes: ${minutes}`);
  let now = start.getTime();
  let remaining = minutes * MINUTE;
  for (;;) {
    const span = nextSpan(now, hours);
    const from = Math.max(now, span.open);
    const available = span.close - from;
    if (remaining <= available) return new Date(from + remaining);
    remaining -= available;
    now = span.close;
  }
}

/**
 * Business minutes that elapse from `from` to `to`; 0 when `to` is not after
 * `from`. The inverse of {@link addBusinessMinutes}: adding the result to
 * `from` lands on `to` whenever `to` lies within business hours.
 */
export function businessMinutesBetween(from: Date, to: Date, hours: BusinessHours): number {
  const begin = from.getTime();
  const finish = to.getTime();
  if (finish <= begin) return 0;
  let total = 0;
  // A day before and after the local dates, so that a span that a clock change
  // pushes across midnight is still seen.
  const last = addDays(localDate(finish, hours.zone), 1);
  for (let date = addDays(localDate(begin, hours.zone), -1); date.ms <= last.ms; date = addDays(date, 1)) {
    const span = spanOn(date, hours);
    if (span) total += Math.max(0, Math.min(span.close, finish) - Math.max(span.open, begin));
  }
  return total / MINUTE;
}

/**
 * When the first response to a ticket opened at `openedAt` is due, for a
 * `respond_within` duration such as `1h`, `1d` or `1d4h` (a day is one
 * business day, see {@link dayMinutes}).
 *
 * @throws RangeError as {@link addBusinessMinutes}, or for a malformed duration.
 */
export function dueAt(openedAt: Date, respondWithin: string, hours: BusinessHours): Date {
  return addBusinessMinutes(openedAt, durationToMinutes(respondWithin, dayMinutes(hours)), hours);
}

/** True when `at` lies inside business hours (a working day, between opening and closing). */
export function isWithinBusinessHours(at: Date, hours: BusinessHours): boolean {
  return nextSpan(at.getTime(), hours).open <= at.getTime();
}

/**
 * When a response is due on the wall clock, for levels with `hours: always`
 * outside business hours: `1h` is one hour, `1d` is 24 hours.
 */
export function wallClockDueAt(start: Date, respondWithin: string): Date {
  return new Date(start.getTime() + durationToMinutes(respondWithin, 24 * 60) * MINUTE);
}

/**
 * Local wall time in `zone` as milliseconds since the epoch written as if it
 * were UTC, to compare with local times such as a handover or a shift.
 */
export function localWallTime(at: Date, zone: string): number {
  return at.getTime() + IANAZone.create(zone).offset(at.getTime()) * MINUTE;
}

/** True when the local date of `date` in the hours' zone is a working day and not a holiday. */
export function isBusinessDay(date: Date, hours: BusinessHours): boolean {
  return isWorkingDate(localDate(date.getTime(), hours.zone), hours);
}

/** The calendar date (YYYY-MM-DD) of `date` in `zone`, e.g. to tell who is away today. */
export function localDay(date: Date, zone: string): string {
  return localDate(date.getTime(), zone).iso;
}

/** A calendar date, kept as its midnight in UTC so that stepping days is exact. */
interface LocalDate {
  ms: number;
  iso: string;
}

interface Span {
  open: number;
  close: number;
}

function dateAt(ms: number): LocalDate {
  return { ms, iso: new Date(ms).toISOString().slice(0, 10) };
}

function addDays(date: LocalDate, days: number): LocalDate {
  return dateAt(date.ms + days * DAY);
}

function localDate(instant: number, zone: string): LocalDate {
  return dateAt(Math.floor(localWallTime(new Date(instant), zone) / DAY) * DAY);
}

/** The weekday of a local date or wall time kept as if it were UTC (ms), as luxon numbers it: 1 = Monday .. 7 = Sunday. */
export function weekdayOf(wall: number): number {
  // 1970-01-01 was a Thursday: luxon weekday 4.
  return ((((Math.floor(wall / DAY) + 3) % 7) + 7) % 7) + 1;
}

function isWorkingDate(date: LocalDate, hours: BusinessHours): boolean {
  return hours.days.has(weekdayOf(date.ms)) && !isWithinDates(date.iso, hours.holidays);
}

/** The business span of a local date, or undefined on a day off or when a clock change swallows it. */
function spanOn(date: LocalDate, hours: BusinessHours): Span | undefined {
  if (!isWorkingDate(date, hours)) return undefined;
  const open = firstInstantAtWallTime(date.ms + hours.start * MINUTE, hours.zone);
  const close = firstInstantAtWallTime(date.ms + hours.end * MINUTE, hours.zone);
  return close > open ? { open, close } : undefined;
}

/** The first business span that has not closed by `instant`. */
function nextSpan(instant: number, hours: BusinessHours): Span {
  const first = addDays(localDate(instant, hours.zone), -1);
  for (let day = 0; day <= MAX_SEARCH_DAYS; day++) {
    const span = spanOn(addDays(first, day), hours);
    if (span && span.close > instant) return span;
  }
  throw new RangeError(
    `no business hours within ${MAX_SEARCH_DAYS} days after ${new Date(instant).toISOString()}: check business_hours.days and holidays`,
  );
}

/**
 * The first real instant at which the zone's clock shows `wall` (a local time
 * written as if it were UTC) or later. Two cases make this more than an offset
 * subtraction: when the clock falls back the time exists twice and the first
 * one counts (luxon would pick the second); when it springs forward the time
 * does not exist and the clock reaches it at the moment of the jump (luxon
 * would move it an hour on).
 */
function firstInstantAtWallTime(wall: number, zoneName: string): number {
  // Pure in its arguments, and every ticket of a day asks for the same openings
  // and closings: each costs a handful of ICU offset look-ups, so remember them.
  const key = `${zoneName}|${wall}`;
  const known = openingInstants.get(key);
  if (known !== undefined) return known;
  if (openingInstants.size >= MAX_REMEMBERED) openingInstants.clear();
  const instant = searchFirstInstant(wall, zoneName);
  openingInstants.set(key, instant);
  return instant;
}

/** Enough for every opening and closing of a few years in a few zones; cleared when full. */
const MAX_REMEMBERED = 4096;
const openingInstants = new Map<string, number>();

function searchFirstInstant(wall: number, zoneName: string): number {
  const zone = IANAZone.create(zoneName);
  // Offsets a day either side cover both sides of any clock change near `wall`.
  const offsets = [zone.offset(wall - DAY), zone.offset(wall + DAY)];
  const exact = offsets
    .map((offset) => wall - offset * MINUTE)
    .filter((instant) => instant + zone.offset(instant) * MINUTE === wall);
  if (exact.length > 0) return Math.min(...exact);
  // In a gap: find the jump, where the clock first shows `wall` or later.
  const candidates = offsets.map((offset) => wall - offset * MINUTE);
  let before = Math.min(...candidates);
  let after = Math.max(...candidates);
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (middle + zone.offset(middle) * MINUTE >= wall) after = middle;
    else before = middle;
  }
  return after;
}

