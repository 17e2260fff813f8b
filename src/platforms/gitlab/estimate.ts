import type { Config } from "../../config/schema.js";
import { estimateFromMinutes } from "../../core/estimate.js";

/**
 * GitLab's `time_estimate` (seconds of work; GitLab's own `/estimate 2d`
 * counts 8-hour days, so it sends 57600) as a frontdesk duration in the
 * configured business day (see estimateFromMinutes).
 */
export function estimateFromSeconds(config: Config, seconds: number): string {
  return estimateFromMinutes(config, seconds / 60);
}
