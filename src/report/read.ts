import type { Log } from "../desk/port.js";
import { isRateLimitError } from "../desk/sweep-errors.js";
import { withPriority } from "../runtime/priority.js";
import { monthWindow } from "./month.js";
import type { ReportSource, ReportTarget } from "./source.js";
import type { RepositoryInput } from "./ticket-facts.js";

/**
 * Reads a month's tickets from the platforms for the report: every
 * repository and project a source lists, a few at a time, each paced at
 * background priority so that a server in the same process answers its
 * webhooks first. A repository that fails is named and the others go on;
 * a rate limit stops the reading, since a report without some clients is
 * not the month's report.
 */

export interface ReadProgress {
  /** Repositories and projects read so far (including those without frontdesk). */
  repositories: number;
  /** Issues created in the month found so far (tickets or not). */
  issues: number;
  /** The one just read. */
  last: string;
}

export interface ReadOptions {
  month: string;
  /** Only this repository or project (its path), or this client (`client` in its configuration); case-insensitive. */
  only?: string;
  log: Log;
  onProgress?: (progress: ReadProgress) => void;
  /** Repositories read at the same time; default 4. */
  concurrency?: number;
}

export interface ReadResult {
  repositories: RepositoryInput[];
  /** Repositories the report leaves out, and why (an invalid configuration, a failure). */
  notIncluded: { repo: string; reason: string }[];
  /** Repositories or listings that failed. */
  errors: number;
  rateLimited: boolean;
}

/** Reads the month from every source. */
export function readMonth(sources: readonly ReportSource[], options: ReadOptions): Promise<ReadResult> {
  return withPriority("background", () => readAll(sources, options));
}

async function readAll(sources: readonly ReportSource[], options: ReadOptions): Promise<ReadResult> {
  const result: ReadResult = { repositories: [], notIncluded: [], errors: 0, rateLimited: false };
  const progress = { repositories: 0, issues: 0 };
  const only = options.only?.toLowerCase();
  // A path names its repository; anything else may be a client's name, known only from the configuration.
  const byPath = only !== undefined && only.includes("/");
  const limit = Math.max(1, options.concurrency ?? 4);
  const fail = (where: string, error: unknown) => {
    if (isRateLimitError(error)) result.rateLimited = true;
    result.errors++;
    result.notIncluded.push({ repo: where, reason: error instanceof Error ? error.message : String(error) });
    options.log.error({ err: error, repo: where }, "report: reading failed");
  };

  const read = async (target: ReportTarget) => {
    try {
      const opened = await target.open(options.log);
      if (opened && "skipped" in opened) {
        if (only === undefined || byPath) result.notIncluded.push({ repo: opened.repo, reason: opened.skipped });
      } else if (opened && (only === undefined || byPath || opened.config.client?.toLowerCase() === only)) {
        const tickets = await opened.readTickets(monthWindow(options.month, opened.config.business_hours.timezone));
        result.repositories.push({ platform: opened.platform, repo: opened.repo, config: opened.config, teamMembers: opened.teamMembers, tickets });
        progress.issues += tickets.length;
      }
    } catch (error) {
      fail(target.name, error);
    }
    progress.repositories++;
    options.onProgress?.({ ...progress, last: target.name });
  };

  for (const source of sources) {
    const running = new Set<Promise<void>>();
    try {
      for await (const target of source.targets(options.log)) {
        if (result.rateLimited) break;
        if ("failed" in target) {
          fail(target.failed, target.error);
          continue;
        }
        if (byPath && target.name.toLowerCase() !== only) continue;
        const task: Promise<void> = read(target).finally(() => running.delete(task));
        running.add(task);
        if (running.size >= limit) await Promise.race(running);
      }
    } catch (error) {
      fail(source.platform, error);
    }
    await Promise.all(running);
    if (result.rateLimited) break;
  }
  result.repositories.sort((a, b) => a.repo.localeCompare(b.repo));
  return result;
}
