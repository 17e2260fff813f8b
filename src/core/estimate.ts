import type { Config } from "../config/schema.js";
import { durationToMinutes, formatMinutes, isValidDuration } from "../config/values.js";
import { dayMinutes, toBusinessHours } from "./business-time.js";
import { readFormField, sameLabel } from "./text-match.js";
import type { Ticket } from "./types.js";

/**
 * Estimates (README: Commands, `/estimate`) and how they compare with the size
 * threshold. Durations are business time: `2d` is two business days of the
 * length of `business_hours.hours`, so `2d` is above a `4h` threshold.
 */

export type EstimateSource = "command" | "label" | "form";

/** An estimate in force on a ticket. */
export interface Estimate {
  /** A duration as frontdesk writes it: `2d`, `1d4h`, `30m`. */
  duration: string;
  source: EstimateSource;
  /** What it came from: the command, the size label or the form answer. */
  detail: string;
}

/** An estimate measured against the threshold. */
export interface Sizing {
  estimateMinutes: number;
  thresholdMinutes: number;
  /** Above the threshold: project work. An estimate equal to it is still support. */
  above: boolean;
}

/**
 * A duration as a person may type it (`2d`, `2 d`, `1d 4h`, `4H`), in the
 * canonical form; undefined when it is not one.
 */
export function normalizeDuration(text: string): string | undefined {
  const compact = text.replace(/\s+/gu, "").toLowerCase();
  return isValidDuration(compact) ? compact : undefined;
}

/** The estimate a size label stands for, when `label` is one of `project_work.sizes`. */
export function estimateFromSizeLabel(config: Config, label: string): Estimate | undefined {
  for (const [name, duration] of Object.entries(config.project_work.sizes)) {
    if (sameLabel(name, label)) return { duration: normalizeDuration(duration) ?? duration, source: "label", detail: name };
  }
  return undefined;
}

/** The largest size among the size labels on a ticket: a ticket labelled both M and L is an L. */
export function estimateFromSizeLabels(config: Config, labels: readonly string[]): Estimate | undefined {
  const minutesOf = minutesIn(config);
  let largest: Estimate | undefined;
  for (const label of labels) {
    const estimate = estimateFromSizeLabel(config, label);
    if (estimate && (!largest || minutesOf(estimate.duration) > minutesOf(largest.duration))) largest = estimate;
  }
  return largest;
}

/**
 * The answer to an issue-form field headed `Estimate`: a duration, or the
 * name of a size (`size: L`, or just `L` for it), so that a form can offer
 * the sizes as a dropdown.
 */
export function estimateFromForm(config: Config, body: string): Estimate | undefined {
  const answer = readFormField(body, ["Estimate"]);
  if (answer === undefined) return undefined;
  const duration = normalizeDuration(answer);
  if (duration) return { duration, source: "form", detail: answer };
  const size = Object.keys(config.project_work.sizes).find(
    (name) => sameLabel(name, answer) || sameLabel(name.split(":").pop()?.trim() ?? name, answer),
  );
  const sized = size === undefined ? undefined : estimateFromSizeLabel(config, size);
  return sized && { ...sized, source: "form", detail: answer };
}

/**
 * The estimate in force: the one frontdesk recorded (from `/estimate` or a
 * size label a person added, whichever came last), else a size label on the
 * ticket, else the form field.
 */
export function findEstimate(config: Config, ticket: Ticket, recorded?: Estimate): Estimate | undefined {
  return recorded ?? estimateFromSizeLabels(config, ticket.labels) ?? estimateFromForm(config, ticket.body);
}

/**
 * A platform's own estimate in minutes of work (GitLab's `time_estimate` / 60;
 * its `/estimate 2d` counts 8-hour days, so 960) as a frontdesk duration,
 * written in the configured business day: `2d` with 09:00-17:00, `1d7h` with
 * 09:00-18:00. The minutes are what is compared, not the text.
 */
export function estimateFromMinutes(config: Config, minutes: number): string {
  return formatMinutes(Math.max(1, Math.round(minutes)), dayMinutes(toBusinessHours(config.business_hours)));
}

/** An estimate against `project_work.threshold`, both in business minutes. */
export function compareWithThreshold(config: Config, duration: string): Sizing {
  const minutesOf = minutesIn(config);
  const estimateMinutes = minutesOf(duration);
  const thresholdMinutes = minutesOf(config.project_work.threshold);
  return { estimateMinutes, thresholdMinutes, above: estimateMinutes > thresholdMinutes };
}

function minutesIn(config: Config): (duration: string) => number {
  const day = dayMinutes(toBusinessHours(config.business_hours));
  return (duration) => durationToMinutes(duration, day);
}
