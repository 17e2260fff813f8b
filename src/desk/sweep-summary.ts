/**
 * What one sweep did, for the log and for `frontdesk sweep`'s output.
 */
export interface SweepSummary {
  /** Repositories and projects with a configuration whose tickets were looked at. */
  repos: number;
  /** Issues the sweep triaged because their opening event never arrived. */
  triaged: number;
  reminders: number;
  escalations: number;
  /** Repositories or tickets that failed (each logged with its repository). */
  errors: number;
  /** True when a rate limit stopped the sweep; the next one carries on. */
  rateLimited: boolean;
}

/** A summary of nothing done yet. */
export function createSummary(): SweepSummary {
  return { repos: 0, triaged: 0, reminders: 0, escalations: 0, errors: 0, rateLimited: false };
}

/** Adds `part` into `total` and returns `total`. */
export function addSummary(total: SweepSummary, part: SweepSummary): SweepSummary {
  total.repos += part.repos;
  total.triaged += part.triaged;
  total.reminders += part.reminders;
  total.escalations += part.escalations;
  total.errors += part.errors;
  total.rateLimited ||= part.rateLimited;
  return total;
}

/** One line a person reads: `repos swept: 3, tickets triaged: 1, reminders: 2, escalations: 1, errors: 0`. */
export function formatSummary(summary: SweepSummary): string {
  const line = [
    `repos swept: ${summary.repos}`,
    `tickets triaged: ${summary.triaged}`,
    `reminders: ${summary.reminders}`,
    `escalations: ${summary.escalations}`,
    `errors: ${summary.errors}`,
  ].join(", ");
  return summary.rateLimited ? `${line} (stopped by a rate limit; the next sweep carries on)` : line;
}
