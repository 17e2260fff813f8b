import type { PacerLimits } from "./pacer.js";

/**
 * frontdesk's limits per platform, side by side: what one Pacer lane allows
 * itself, at or below what the platform allows, so that reaching a limit is
 * a wait in frontdesk rather than a refusal from the platform.
 */

/**
 * GitHub, per installation: GitHub's secondary limits allow 80 content-creating
 * requests a minute and 500 an hour; frontdesk keeps a reserve of them for
 * urgent work and leaves more free while it sweeps.
 */
export const GITHUB_LIMITS: PacerLimits = {
  concurrent: 50,
  writesPerMinute: 80,
  writesPerHour: 500,
  reserve: 6,
  backgroundReserve: 20,
};

/**
 * GitLab, every call, per user: gitlab.com allows 2,000 authenticated API
 * requests a minute; frontdesk stays at 60% of that. "write" in the Pacer's
 * terms means "counted" here: reads count as much as writes
 * (docs/gitlab-limits.md).
 */
export const GITLAB_REQUEST_LIMITS: PacerLimits = {
  concurrent: 10,
  writesPerMinute: 1_200,
  // GitLab has no hourly limit (yet); this one never binds before the minute's does.
  writesPerHour: 72_000,
  reserve: 100,
  backgroundReserve: 300,
};

/**
 * GitLab note creation, per user: GitLab's default is 300 a minute; frontdesk
 * stays at two thirds. A note takes its place here first and then waits in the
 * requests lane, so this lane must not limit concurrency: a normal note
 * holding a place while it queues for a request would keep an urgent one out.
 */
export const GITLAB_NOTE_LIMITS: PacerLimits = {
  concurrent: 100_000,
  writesPerMinute: 200,
  writesPerHour: 12_000,
  reserve: 20,
  backgroundReserve: 60,
};
