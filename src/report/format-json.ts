import type { Report } from "./compute.js";

/**
 * The report as JSON for other tools: `clients[]` and `agency` with the same
 * keys (`client`, `tickets`, `byUrgency`, `byFunction`,
 * `firstResponseMinutes.median`, `.p90`, `withinPromise`, `escalations`,
 * `projectWork`, `booked`, ...), the weeks, the first-response buckets and
 * one row per ticket.
 */
export function formatJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
