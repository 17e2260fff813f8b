import { z } from "zod";
import { DATE_TIME_PATTERN, explainDateTime } from "./formats.js";
import { date, formatted, login } from "./value-schemas.js";

/**
 * `team.on_call`: who answers an emergency outside business hours. A weekly
 * rotation (the first person from the first handover on or after `from`,
 * the next one a week later, and so on) and explicit shifts, which win over
 * the rotation. Times are local to `business_hours.timezone`.
 */

/** `mon 09:00`: a weekday and a local time. */
export const HANDOVER_PATTERN = /^(mon|tue|wed|thu|fri|sat|sun) ([01]\d|2[0-3]):[0-5]\d$/;

const onCallLogin = login.describe("A login of the roster or the agency.");

/** `2026-12-24 18:00`: a local date that exists and a time. */
const dateTime = formatted(DATE_TIME_PATTERN, explainDateTime).describe("A local date and time, YYYY-MM-DD HH:MM, in business_hours.timezone.");

const shift = z
  .strictObject({
    login: onCallLogin,
    from: dateTime,
    to: dateTime,
  })
  .refine((value) => !DATE_TIME_PATTERN.test(value.from) || !DATE_TIME_PATTERN.test(value.to) || value.from < value.to, {
    error: "a shift must end after it starts",
    path: ["to"],
  })
  .describe("One person on call from one local date-time to another.");

export const onCallSchema = z
  .strictObject({
    rotation: z.array(onCallLogin).default([]).describe("Who is on call, a week each, in this order."),
    handover: z
      .string()
      .regex(HANDOVER_PATTERN, { error: (issue) => `${JSON.stringify(issue.input)} is not a handover: write a weekday and a time, e.g. "mon 09:00"` })
      .default("mon 09:00")
      .describe('When the rotation passes to the next person: a weekday and a local time, e.g. "mon 09:00".'),
    from: date
      .default("2026-01-05")
      .describe("The rotation's first person is on call from the first handover on or after this day (YYYY-MM-DD)."),
    shifts: z.array(shift).default([]).describe("Explicit on-call times; they win over the rotation."),
  })
  .describe("Who is on call outside business hours, for urgency levels with hours: always. Absences in team.away are respected.");

export type OnCall = z.output<typeof onCallSchema>;
