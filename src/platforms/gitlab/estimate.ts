import type { Config } from "../../config/schema.js";
import { formatMinutes } from "../../config/values.js";
import { dayMinutes, toBusinessHours } from "../../core/business-time.js";

/**
 * GitLab's `time_estimate` (seconds of work; GitLab's own `/estimate 2d`
 * counts 8-hour days, so it sends 57600) as a frontdesk duration, written in
 * the configured business day: `2d` with 09:00-17:00, `16h` would be `1d7h`
 * with 09:00-18:00. The number of minutes is what is compared, not the text.
 */
export function estimateFromSeconds(config: Config, seconds: number): string {
  return formatMinutes(Math.max(1, Math.round(seconds / 60)), dayMinutes(toBusinessHours(config.business_hours)));
}
