import { pino } from "pino";
import { createSweeps } from "../frontdesk.js";
import type { Log } from "../desk/port.js";
import { SweepRunner, type Sweep } from "../desk/sweep-runner.js";
import { formatSummary } from "../desk/sweep-summary.js";
import { createLog } from "../runtime/log.js";
import { RedisSettingsError } from "../runtime/redis-url.js";
import { createSharedState, type SharedState } from "../runtime/shared-state.js";
import { createCliLog, EXIT_INVALID, EXIT_OK, EXIT_USAGE, type CliIo } from "./io.js";

/**
 * `frontdesk sweep`: one sweep now, with the clients the server would build
 * from the same environment variables, and a summary. Useful after a restart,
 * or from cron when the server's periodic sweep is off.
 */

const USAGE = [
  "Usage: frontdesk sweep [--verbose]",
  "",
  "Sweeps every repository and project once: triages issues whose webhook never arrived,",
  "reminds contacts and escalates tickets past their response time.",
  "",
  "GitHub: APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH), GHE_HOST for GitHub Enterprise Server.",
  "GitLab: GITLAB_TOKEN and GITLAB_URL; every project the token's user is a member of, or only those in GITLAB_PROJECTS (comma-separated project paths).",
  "REDIS_URL: the Redis the servers share; then one sweep runs at a time across them and this command, and what",
  "the last sweep learned is reused (a sweep where nothing changed costs almost no API calls).",
  "",
].join("\n");

/** The environment to build clients from, and (in tests) the sweeps themselves. */
export interface SweepCommandOptions {
  env: NodeJS.ProcessEnv;
  /** Builds the platforms' sweeps from the environment; tests replace it. */
  createSweeps?: (env: NodeJS.ProcessEnv, log: Log, shared: SharedState) => Sweep[];
}

/** Runs `frontdesk sweep`: exit 0 when all went well, 1 after errors or a rate limit, 2 when nothing is configured. */
export async function runSweep(args: readonly string[], io: CliIo, options: SweepCommandOptions): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  const unknown = args.filter((arg) => arg !== "--verbose");
  if (unknown.length > 0) {
    io.stderr(`frontdesk sweep: unknown argument ${JSON.stringify(unknown[0])}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const log = createCliLog(io, args.includes("--verbose"));
  let shared: SharedState;
  try {
    shared = await createSharedState(options.env, log);
  } catch (error) {
    if (!(error instanceof RedisSettingsError)) throw error;
    io.stderr(`frontdesk sweep: ${error.message}\n`);
    return EXIT_USAGE;
  }
  try {
    const sweeps = (options.createSweeps ?? createSweepsFromEnv)(options.env, log, shared);
    if (sweeps.length === 0) {
      io.stderr("frontdesk sweep: nothing to sweep: set APP_ID and PRIVATE_KEY for GitHub, or GITLAB_TOKEN for GitLab\n");
      return EXIT_USAGE;
    }
    // With REDIS_URL, the servers' lease: one sweep at a time, theirs or this one.
    const runner = new SweepRunner({ log, now: () => io.now(), intervalMs: 0, ...(shared.sweepLease ? { lease: shared.sweepLease } : {}) });
    for (const sweep of sweeps) runner.add(sweep);
    const summary = await runner.run();
    if (!summary) {
      // Not an error for cron: the sweep that runs does this one's work.
      io.stdout("sweep skipped: another sweep (a server's or frontdesk sweep) is running\n");
      return EXIT_OK;
    }
    io.stdout(`${formatSummary(summary)}\n`);
    return summary.errors > 0 || summary.rateLimited ? EXIT_INVALID : EXIT_OK;
  } finally {
    await shared.close();
  }
}

/** The sweeps the environment configures, built by createFrontdesk's code as the server builds its clients. */
export function createSweepsFromEnv(env: NodeJS.ProcessEnv, log: Log, shared?: SharedState): Sweep[] {
  // Probot's lines go to stderr with the CLI's warnings, through frontdesk's serializer; below warn they would bury the summary.
  const probotLog = () => createLog({ level: env.LOG_LEVEL || "warn" }, pino.destination(2));
  return createSweeps(env, { log, probotLog, ...(shared ? { shared } : {}) });
}
