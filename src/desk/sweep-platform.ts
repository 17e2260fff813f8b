import type { Log } from "./port.js";
import { currentHold } from "../runtime/lock.js";
import { isRateLimitError } from "./sweep-errors.js";
import { sweepRepository, type RepoSweep } from "./sweep-repo.js";
import type { Sweep } from "./sweep-runner.js";
import { addSummary, createSummary, type SweepSummary } from "./sweep-summary.js";

/**
 * The sweep's loop over one platform, written once: the adapter only says
 * where the repositories are (GitHub's installations, GitLab's projects) and
 * opens each for the sweep. One repository's failure is logged and counted
 * and the others go on; a rate limit stops the platform's sweep, and the
 * next sweep carries on.
 */

/** A repository or project the platform found, not yet read. */
export interface SweepTarget {
  /** owner/name or group/project, for the log. */
  readonly name: string;
  /** Reads what the sweep needs (configuration, tracker, lock); undefined where frontdesk is not configured. */
  open(now: Date, log: Log): Promise<RepoSweep | undefined>;
}

/** A listing that failed part-way (one installation, one project): counted, and the others go on. */
export interface FailedListing {
  readonly failed: string;
  readonly error: unknown;
}

/** Where a platform's repositories are. */
export interface SweepSource {
  /** `github` or `gitlab`, for the log. */
  readonly platform: string;
  /** The repositories to sweep, in order; an error thrown here (listing everything) ends the platform's sweep. */
  targets(log: Log): AsyncIterable<SweepTarget | FailedListing>;
}

/** The platform's sweep, for the server's runner or `frontdesk sweep`. */
export function platformSweep(source: SweepSource): Sweep {
  return { platform: source.platform, run: (now, log) => sweepTargets(source, now, log) };
}

async function sweepTargets(source: SweepSource, now: Date, log: Log): Promise<SweepSummary> {
  const total = createSummary();
  try {
    for await (const target of source.targets(log)) {
      const where = "failed" in target ? target.failed : target.name;
      if (currentHold()?.signal.aborted) {
        // Another sweep may have the lease now: what is left is its to do.
        total.errors++;
        log.warn({ where }, "sweep stopped: its lease was lost (Redis slow or unreachable); the next sweep carries on");
        return total;
      }
      try {
        if ("failed" in target) throw target.error;
        const repository = await target.open(now, log);
        if (!repository) continue;
        const summary = await sweepRepository(repository);
        log.debug({ repo: target.name, ...summary }, "sweep: repository done");
        addSummary(total, summary);
      } catch (error) {
        if (isRateLimitError(error)) return rateLimited(total, log, where, error);
        total.errors++;
        log.error({ err: error, repo: where }, "failed" in target ? "sweep: listing failed" : "sweep: repository failed");
      }
    }
  } catch (error) {
    if (!isRateLimitError(error)) throw error;
    return rateLimited(total, log, source.platform, error);
  }
  return total;
}

function rateLimited(total: SweepSummary, log: Log, where: string, error: unknown): SweepSummary {
  total.rateLimited = true;
  log.warn({ err: error, where }, "sweep stopped by a rate limit; the next sweep carries on");
  return total;
}
