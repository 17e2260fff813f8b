import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { pino } from "pino";
import { readTenancyPolicy } from "../config/tenancy.js";
import type { Language } from "../core/messages.js";
import type { Log } from "../desk/port.js";
import { createGitHubProbot } from "../platforms/github/middleware.js";
import { createGitHubReportSource } from "../platforms/github/report-source.js";
import { createGitLabClient } from "../platforms/gitlab/client.js";
import { ConfigDependents } from "../platforms/gitlab/config-dependents.js";
import { createGitLabReportSource } from "../platforms/gitlab/report-source.js";
import { readGitLabProjects } from "../platforms/gitlab/seen-projects.js";
import { DEFAULT_GITLAB_URL, normalizeGitLabUrl } from "../platforms/gitlab/settings.js";
import { UserDirectory } from "../platforms/gitlab/users.js";
import { computeReport } from "../report/compute.js";
import { formatReport, isReportFormat, REPORT_FORMATS } from "../report/format.js";
import { parseMonth, previousMonth } from "../report/month.js";
import { readMonth, type ReadProgress } from "../report/read.js";
import type { ReportSource } from "../report/source.js";
import { KeyedLock } from "../runtime/keyed-lock.js";
import { GITHUB_LIMITS } from "../runtime/limits.js";
import { createLog } from "../runtime/log.js";
import { Pacer } from "../runtime/pacer.js";
import { RepoCache } from "../runtime/repo-cache.js";
import { createCliLog, EXIT_INVALID, EXIT_OK, EXIT_USAGE, type CliIo } from "./io.js";

/**
 * `frontdesk report`: a month of support per client and for the agency, read
 * from the platforms with the clients the server would build from the same
 * variables, at background priority.
 */

export const REPORT_USAGE = `Usage: frontdesk report [--month YYYY-MM] [options]

A month's support per client and for the agency: tickets by urgency and function,
time to first response (median, 90th percentile), promises kept, reminders,
escalations, project work, bookings, and in the client-team model each person's share.

  --month YYYY-MM          the month (default: the previous month)
  --client <name>          one repository or project (owner/name, group/project),
                           or one client (the configuration's client name)
  --format <format>        md (default), csv (one row per ticket), html or json
  --out <file>             write the report there instead of to stdout
  --language en|de         the report's language (default: the clients' language
                           when they all have the same, else en)
  --progress               show progress on stderr (shown anyway on a terminal)

GitHub: APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH), GHE_HOST for GitHub Enterprise Server.
GitLab: GITLAB_TOKEN and GITLAB_URL; GITLAB_PROJECTS (comma-separated project paths)
restricts it to those projects.
`;

const OPTIONS = {
  month: { type: "string" },
  client: { type: "string" },
  format: { type: "string" },
  out: { type: "string" },
  language: { type: "string" },
  progress: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

/** The environment to build clients from, the terminal, and (in tests) the sources and the file system. */
export interface ReportCommandOptions {
  env: NodeJS.ProcessEnv;
  /** stderr is a terminal: progress is shown there without --progress. */
  stderrIsTTY?: boolean;
  /** Builds the platforms' sources from the environment; tests replace it. */
  createSources?: (env: NodeJS.ProcessEnv, log: Log) => ReportSource[];
  writeFile?: (path: string, text: string) => Promise<void>;
}

/** Runs `frontdesk report`: exit 0, 1 when a repository could not be read (the report names it), 2 for bad arguments or nothing configured. */
export async function runReport(args: readonly string[], io: CliIo, options: ReportCommandOptions): Promise<number> {
  let values: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; args: string[] }>>["values"];
  try {
    ({ values } = parseArgs({ args: [...args], options: OPTIONS, allowPositionals: false, strict: true }));
  } catch (error) {
    return usage(io, (error as Error).message);
  }
  if (values.help) {
    io.stdout(REPORT_USAGE);
    return EXIT_OK;
  }
  const month = values.month ?? previousMonth(io.now());
  if (!parseMonth(month)) return usage(io, `--month ${month} is not a month: use YYYY-MM, e.g. 2026-10`);
  const format = values.format ?? "md";
  if (!isReportFormat(format)) return usage(io, `--format ${format} is not one of ${REPORT_FORMATS.join(", ")}`);
  const language = values.language;
  if (language !== undefined && language !== "en" && language !== "de") return usage(io, `--language ${language} is not en or de`);

  const log = createCliLog(io);
  const sources = (options.createSources ?? createReportSourcesFromEnv)(options.env, log);
  if (sources.length === 0) {
    io.stderr("frontdesk report: nothing to read: set APP_ID and PRIVATE_KEY for GitHub, or GITLAB_TOKEN for GitLab\n");
    return EXIT_USAGE;
  }
  const showProgress = values.progress === true || options.stderrIsTTY === true;
  const onProgress = showProgress ? progressPrinter(io, options.stderrIsTTY === true) : undefined;
  const read = await readMonth(sources, { month, only: values.client, log, onProgress });
  if (onProgress && options.stderrIsTTY) io.stderr("\n");
  if (values.client !== undefined && read.repositories.length === 0 && read.errors === 0) {
    // A --client that names nothing is a wrong argument: one line, without the whole usage.
    io.stderr(`frontdesk report: no repository, project or client named ${JSON.stringify(values.client)} with a valid frontdesk configuration\n`);
    return EXIT_USAGE;
  }
  const report = computeReport({ month, now: io.now(), repositories: read.repositories, notIncluded: read.notIncluded, ...(language ? { language: language as Language } : {}) });
  const text = formatReport(report, format);
  if (values.out === undefined) io.stdout(text);
  else {
    await (options.writeFile ?? ((path, content) => writeFile(path, content, "utf8")))(values.out, text);
    io.stderr(`frontdesk report: ${report.agency.tickets} tickets of ${report.clients.length} clients in ${month} written to ${values.out}\n`);
  }
  if (read.rateLimited) io.stderr("frontdesk report: stopped by a rate limit; the report lacks the repositories not yet read: run it again later\n");
  return read.errors > 0 ? EXIT_INVALID : EXIT_OK;
}

/**
 * The report's sources from the environment, with the clients built as the
 * server and `frontdesk sweep` build theirs (createFrontdesk, createSweeps):
 * GitHub with the App's variables and frontdesk's pacing per installation,
 * GitLab with GITLAB_TOKEN: every project the token's user is a member of,
 * or only those in GITLAB_PROJECTS when it is set.
 */
export function createReportSourcesFromEnv(env: NodeJS.ProcessEnv, log: Log): ReportSource[] {
  const sources: ReportSource[] = [];
  const policy = readTenancyPolicy(env);
  if (env.APP_ID && (env.PRIVATE_KEY || env.PRIVATE_KEY_PATH)) {
    // Probot's lines go to stderr, below warn they would bury the report.
    const probotLog = createLog({ level: env.LOG_LEVEL || "warn" }, pino.destination(2));
    const probot = createGitHubProbot(env, new Pacer(GITHUB_LIMITS), probotLog);
    sources.push(createGitHubReportSource({ probot, cache: new RepoCache(), policy }));
  }
  const paths = readGitLabProjects(env);
  if (env.GITLAB_TOKEN) {
    const client = createGitLabClient({ url: normalizeGitLabUrl(env.GITLAB_URL || DEFAULT_GITLAB_URL), token: env.GITLAB_TOKEN, log });
    const app = {
      client,
      cache: new RepoCache(),
      locks: new KeyedLock(),
      users: new UserDirectory(client.users),
      dependents: new ConfigDependents(),
      now: () => new Date(),
      policy,
    };
    sources.push(createGitLabReportSource({ app, paths }));
  }
  return sources;
}

/** On a terminal one line rewritten in place; otherwise (--progress into a file or pipe) one line per repository. */
function progressPrinter(io: CliIo, terminal: boolean): (progress: ReadProgress) => void {
  return (progress) => {
    const line = `report: repositories read: ${progress.repositories}, issues of the month: ${progress.issues} (last: ${progress.last})`;
    io.stderr(terminal ? `\r\u001b[K${line}` : `${line}\n`);
  };
}

function usage(io: CliIo, message: string): number {
  io.stderr(`frontdesk report: ${message}\n\n${REPORT_USAGE}`);
  return EXIT_USAGE;
}
