import { measureEditDistance } from "./suggest.js";
import { daysInMonth, isValidDate, parseDurationParts } from "./values.js";

/**
 * The written forms of frontdesk.yml's values as regular expressions, so
 * that the JSON Schema can carry them as `pattern`s and an editor flags
 * `2 hours` as the file is typed; and, for each, a message that says what is
 * wrong with a value and what to write instead. The schema checks values with
 * these same patterns; a test holds them to the parsers in values.ts.
 */

/**
 * A duration: `30m`, `4h`, `2d`, `1d4h`, not all zero, with blanks around it
 * allowed (the parser trims). The lookaheads say "not blank" and "some digit
 * is not 0", which is "more than nothing".
 */
export const DURATION_PATTERN = /^\s*(?=\S)(?=[\s\S]*[1-9])(?:\d+d)?(?:\d+h)?(?:\d+m)?\s*$/;

/** A day that exists, YYYY-MM-DD, leap years included. */
const DAY =
  "(?:\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2[0-8]))" +
  "|(?:\\d{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)";

/** A calendar date that exists: YYYY-MM-DD. */
export const DATE_PATTERN = new RegExp(`^${DAY}$`);

/**
 * A date or an inclusive range `YYYY-MM-DD..YYYY-MM-DD`. That a range does
 * not end before it starts is beyond a pattern: the schema checks it apart.
 */
export const DATE_OR_RANGE_PATTERN = new RegExp(`^${DAY}(?:\\.\\.${DAY})?$`);

const CLOCK = "(?:[01]\\d|2[0-3]):[0-5]\\d";

/**
 * Working hours `HH:MM-HH:MM`, the end up to `24:00`, blanks around the dash
 * allowed. That the end comes after the start is checked apart.
 */
export const HOURS_PATTERN = new RegExp(`^\\s*${CLOCK}\\s*-\\s*(?:${CLOCK}|24:00)\\s*$`);

/** A local date that exists and a time: `2026-12-24 18:00`. */
export const DATE_TIME_PATTERN = new RegExp(`^${DAY} ${CLOCK}$`);

/** A share of the response time: `0%` to `100%`. */
export const PERCENT_PATTERN = /^(?:100|[1-9]?\d)%$/;

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** How a value the schema refuses reads in a message: `"2 hours"`, or `the number 80`. */
function shown(value: unknown): string {
  return typeof value === "number" ? `the number ${value}` : JSON.stringify(value);
}

/** Why `value` is no duration, and what to write instead. */
export function explainDuration(value: unknown): string {
  const usage = "use 30m, 4h or 2d (d is one business day)";
  if (typeof value === "number") {
    return `${shown(value)} is not a duration: write the unit after the number, ${value}h for hours or ${value}d for business days`;
  }
  const text = String(value).trim();
  const parts = parseDurationParts(text);
  if (parts !== undefined) return `${shown(value)} is not a duration: it is no time at all; ${usage}`;
  const words = /^(\d+)\s*(minutes?|mins?|hours?|hrs?|stunden?|std|days?|tage?)$/iu.exec(text);
  if (words) {
    const unit = /^(m|mi)/iu.test(words[2] ?? "") ? "m" : /^(h|s)/iu.test(words[2] ?? "") ? "h" : "d";
    return `${shown(value)} is not a duration: write ${words[1]}${unit} (30m, 4h or 2d; d is one business day)`;
  }
  return `${shown(value)} is not a duration: ${usage}`;
}

/** Why `value` is no date: the form, or the day that does not exist. */
export function explainDate(value: unknown): string {
  return `${shown(value)} is not a date: ${explainDay(String(value))}`;
}

/** Why `value` is no local date and time: the day that does not exist, or the form. */
export function explainDateTime(value: unknown): string {
  const prefix = `${shown(value)} is not a local date and time`;
  const [day = "", time = ""] = String(value).split(" ");
  if (new RegExp(`^${CLOCK}$`).test(time) && !DATE_PATTERN.test(day) && /^\d{4}-\d{1,2}-\d{1,2}$/u.test(day)) return `${prefix}: ${explainDay(day)}`;
  return `${prefix}: write it as YYYY-MM-DD HH:MM, e.g. "2026-12-24 18:00"`;
}

/** Why `value` is neither a date nor a range. */
export function explainDateOrRange(value: unknown): string {
  const text = String(value);
  const range = /^(.+?)\s*(?:\.\.\.?|\s-\s|\s+(?:to|bis)\s+|–)\s*(.+)$/u.exec(text);
  const prefix = `${shown(value)} is not a date or range`;
  if (!range) return `${prefix}: ${explainDay(text)}`;
  const [, start = "", end = ""] = range;
  const bad = [start, end].find((day) => !isValidDate(day));
  if (bad !== undefined) return `${prefix}: ${explainDay(bad)}`;
  if (!text.includes("..") || text.includes("...")) return `${prefix}: write a range with two dots, ${start}..${end}`;
  return `${prefix}: the range ends before it starts; write ${end}..${start}`;
}

/**
 * What is wrong with one day as written: a day that does not exist, or a
 * form other than YYYY-MM-DD (with the German and US forms rewritten).
 */
function explainDay(text: string): string {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(text);
  if (iso) {
    const [year, month, day] = iso.slice(1).map(Number) as [number, number, number];
    if (month < 1 || month > 12) return `there is no month ${month}; use YYYY-MM-DD`;
    const days = daysInMonth(year, month);
    return `${day} ${MONTHS[month - 1]} ${year} does not exist (${MONTHS[month - 1]} ${year} has ${days} days)`;
  }
  const loose = /^(\d{4})-(\d{1,2})-(\d{1,2})$/u.exec(text);
  if (loose) return `write the month and the day with two digits, ${rewrite(loose[1], loose[2], loose[3])}`;
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/u.exec(text);
  if (german) return `write it as YYYY-MM-DD, ${rewrite(german[3], german[2], german[1])}`;
  return "use YYYY-MM-DD";
}

function rewrite(year = "", month = "", day = ""): string {
  return `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
}

/** Why `value` is no span of working hours. */
export function explainHours(value: unknown): string {
  const prefix = `${shown(value)} is not a span of hours`;
  const usage = 'use "09:00-17:00" (start before end)';
  const match = /^\s*(\d{1,2})(?::(\d{2}))?\s*-\s*(\d{1,2})(?::(\d{2}))?\s*$/u.exec(String(value));
  if (!match) return `${prefix}: ${usage}`;
  const [, sh = "", sm, eh = "", em] = match;
  const [start, end] = [Number(sh) * 60 + Number(sm ?? 0), Number(eh) * 60 + Number(em ?? 0)];
  if (Number(sh) > 23 || Number(eh) > 24 || Number(sm ?? 0) > 59 || Number(em ?? 0) > 59 || end > 24 * 60) {
    return `${prefix}: a day has the hours 00:00 to 24:00; ${usage}`;
  }
  const written = `${clock(sh, sm)}-${clock(eh, em)}`;
  if (start >= end) return `${prefix}: the end must come after the start (hours past midnight are not supported); ${usage}`;
  return `${prefix}: write the hours with two digits and the minutes, "${written}"`;
}

function clock(hours: string, minutes = "00"): string {
  return `${hours.padStart(2, "0")}:${minutes}`;
}

/** Why `value` is no percentage, with the percentage it probably means. */
export function explainPercent(value: unknown): string {
  const number = typeof value === "number" ? value : Number(String(value).replace(/\s*%\s*$/u, "").trim());
  const prefix = `${shown(value)} is not a share`;
  if (Number.isFinite(number) && String(value).trim() !== "") {
    const percent = number > 0 && number < 1 ? Math.round(number * 100) : number;
    if (Number.isInteger(percent) && percent >= 0 && percent <= 100) {
      return `${prefix}: write ${percent}% (a whole percentage from 0% to 100%)`;
    }
  }
  return `${prefix}: write a whole percentage from 0% to 100%, for example 80%`;
}

/**
 * Why `value` is no time zone, with the zone it probably means: the same
 * name in another case, the zone of a city (`Berlin`), or a city one slip
 * away (`Europe/Berlln`). Not a zone that merely looks alike: `Munich` is
 * not `Zurich`.
 */
export function explainTimeZone(value: unknown): string {
  const prefix = `${shown(value)} is not an IANA time zone`;
  const nearest = typeof value === "string" ? findTimeZone(value) : undefined;
  return nearest === undefined ? `${prefix} (for example Europe/Berlin)` : `${prefix}; did you mean ${nearest}?`;
}

function findTimeZone(value: string): string | undefined {
  const zones = Intl.supportedValuesOf("timeZone");
  const wanted = value.trim().toLowerCase().replaceAll(" ", "_");
  const city = (zone: string) => zone.split("/").at(-1)?.toLowerCase() ?? "";
  const exact = zones.find((zone) => zone.toLowerCase() === wanted) ?? zones.find((zone) => city(zone) === city(wanted));
  if (exact !== undefined) return exact;
  const region = wanted.includes("/") ? wanted.split("/").slice(0, -1).join("/") : undefined;
  const limit = Math.floor(city(wanted).length / 4);
  return zones.find(
    (zone) =>
      (region === undefined || zone.toLowerCase().startsWith(`${region}/`)) &&
      measureEditDistance(city(zone), city(wanted)) <= limit,
  );
}
