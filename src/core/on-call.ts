import { WEEKDAYS, type Config, type Weekday } from "../config/schema.js";
import { isWithinDates } from "../config/values.js";
import { localDay, localWallTime, weekdayOf } from "./business-time.js";

/**
 * Who is on call at a moment (`team.on_call`): an explicit shift first, else
 * the weekly rotation, skipping whoever is away that day. All times are local
 * to `business_hours.timezone`; a handover at `mon 09:00` stays at 09:00
 * across a clock change, so a week may be an hour shorter or longer.
 */

export interface OnCall {
  login?: string;
  /** Why, for the plan's reasons: `shift until 2026-12-27 09:00`, `rotation, week of 2026-11-23`. */
  why: string;
}

const WEEK = 7 * 24 * 60 * 60_000;

export function onCallAt(config: Config, at: Date): OnCall {
  const schedule = config.team.on_call;
  if (!schedule) return { why: "team.on_call is not set" };
  const zone = config.business_hours.timezone;
  const today = localDay(at, zone);
  const isAway = (login: string) => isWithinDates(today, config.team.away[login] ?? []);
  const wall = localWallTime(at, zone);
  const skipped: string[] = [];
  for (const shift of schedule.shifts) {
    if (wall < parseLocal(shift.from) || wall >= parseLocal(shift.to)) continue;
    if (!isAway(shift.login)) return { login: shift.login, why: `shift until ${shift.to}` };
    skipped.push(`${shift.login} (away)`);
  }
  const rotation = schedule.rotation;
  if (rotation.length === 0) return { why: skipped.length > 0 ? `nobody: ${skipped.join(", ")}` : "nobody: no shift now and no rotation" };
  const first = firstHandover(schedule.from, schedule.handover);
  // Weeks of local wall time since the first handover: a handover stays at its local time.
  const week = Math.floor((wall - first) / WEEK);
  const weekStart = new Date(first + week * WEEK).toISOString().slice(0, 16).replace("T", " ");
  const person = (offset: number) => rotation[(((week + offset) % rotation.length) + rotation.length) % rotation.length]!;
  for (let step = 0; step < rotation.length; step++) {
    const login = person(step);
    if (isAway(login)) {
      skipped.push(`${login} (away)`);
      continue;
    }
    return { login, why: `rotation since ${weekStart}${skipped.length > 0 ? `; passed over ${skipped.join(", ")}` : ""}` };
  }
  return { why: `nobody: everyone in the rotation is away (${rotation.join(", ")})` };
}

/** `2026-12-24 18:00` as local wall time (ms, as if UTC). */
function parseLocal(text: string): number {
  return Date.parse(`${text.replace(" ", "T")}:00Z`);
}

/** The first handover (local wall time) on or after the local midnight that starts `from`. */
function firstHandover(from: string, handover: string): number {
  const [day = "mon", time = "09:00"] = handover.split(" ");
  const midnight = Date.parse(`${from}T00:00:00Z`);
  // Both as luxon weekdays (1 = Monday); the schema admits only WEEKDAYS, Monday otherwise.
  const ahead = (Math.max(1, WEEKDAYS.indexOf(day as Weekday) + 1) - weekdayOf(midnight) + 7) % 7;
  const [hour = 0, minute = 0] = time.split(":").map(Number);
  return midnight + ahead * 86_400_000 + (hour * 60 + minute) * 60_000;
}
