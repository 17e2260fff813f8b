import type { Config } from "../config/schema.js";
import { dueAt, isWithinBusinessHours, toBusinessHours, wallClockDueAt } from "./business-time.js";
import type { AckRecord } from "./marker.js";

/**
 * The promise an acknowledgement makes: when the first response is due, and
 * on which clock. Decided here once, so that intake (which writes it), the
 * sweep and the report (which recompute it when the record is unreadable)
 * agree.
 */

/** Which clock a promise runs on: business hours, or the wall clock for `hours: always` levels outside business hours. */
export type Clock = "business" | "wall";

export interface Promised {
  due: Date;
  clock: Clock;
}

/**
 * The promise intake makes for a ticket of `level` whose clock starts at
 * `clockStart`: a level with `hours: always` that starts outside business
 * hours runs on the wall clock (`1h` is one hour, `1d` 24 hours), any other
 * on business hours. A level the configuration no longer has promises `1d`.
 */
export function promisedDue(config: Config, level: string, clockStart: Date): Promised {
  const hours = toBusinessHours(config.business_hours);
  const entry = config.urgency.levels[level];
  const within = entry?.respond_within ?? "1d";
  const wall = entry?.hours === "always" && !isWithinBusinessHours(clockStart, hours);
  return wall ? { due: wallClockDueAt(clockStart, within), clock: "wall" } : { due: dueAt(clockStart, within, hours), clock: "business" };
}

/**
 * The promise an acknowledgement's record names, or, without a readable
 * record (a person edited the comment), the one intake would have made.
 */
export function recordedPromise(config: Config, record: AckRecord | undefined, level: string, clockStart: Date): Promised {
  if (record) return { due: new Date(record.due), clock: record.clock === "wall" ? "wall" : "business" };
  return promisedDue(config, level, clockStart);
}
