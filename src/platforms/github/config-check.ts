import { summarizeConfig } from "../../cli/validate.js";
import type { ConfigError } from "../../config/errors.js";
import type { Config } from "../../config/schema.js";
import type { TenancyPolicy } from "../../config/tenancy.js";
import type { Log } from "../../desk/port.js";
import type { RepoConfig } from "../../desk/repo-config.js";
import { CONFIG_PATH, loadGitHubConfig } from "./config-loader.js";
import type { GitHubOctokit } from "./octokit.js";

/** The check run's name on commits that change the configuration. */
export const CHECK_NAME = "frontdesk";

/** GitHub takes at most 50 annotations per request. */
const MAX_ANNOTATIONS = 50;

export interface CheckTarget {
  owner: string;
  repo: string;
  /** The commit whose configuration is checked: a push's head or a pull request's head. */
  sha: string;
}

/**
 * Tells the team where their configuration is wrong, where they work: a
 * failing check run named `frontdesk` on the commit, one annotation per
 * error on its line and column, or a success that counts the roster.
 * Everyone who can read the repository sees a check run, and the merged
 * configuration carries values of files they may not read (the agency's
 * roster, another file's text): so it shows counts, key paths and kinds of
 * errors, never values. The full messages go to the log.
 */
export async function checkConfigCommit(octokit: GitHubOctokit, target: CheckTarget, log: Log, policy?: TenancyPolicy): Promise<void> {
  const loaded = await loadGitHubConfig(octokit, target.owner, target.repo, { ref: target.sha, policy });
  if (loaded.kind === "missing") return;
  const repo = `${target.owner}/${target.repo}`;
  for (const error of loaded.kind === "invalid" ? loaded.errors : []) {
    log.error({ repo, sha: target.sha }, `invalid configuration: ${error.format()}`);
  }
  const output = loaded.kind === "valid" ? describeSuccess(loaded.config) : describeFailure(loaded, target);
  await octokit.rest.checks.create({
    owner: target.owner,
    repo: target.repo,
    name: CHECK_NAME,
    head_sha: target.sha,
    status: "completed",
    conclusion: loaded.kind === "valid" ? "success" : "failure",
    output,
  });
  log.info({ repo, sha: target.sha, valid: loaded.kind === "valid" }, "configuration checked");
}

/** True when one of the paths is the configuration file. */
export function touchesConfig(paths: readonly string[]): boolean {
  return paths.includes(CONFIG_PATH);
}

/** Counts only, as `frontdesk validate` prints them: the roster's logins are not everyone's to read. */
function describeSuccess(config: Config) {
  return { title: "frontdesk.yml is valid", summary: `${summarizeConfig(config)}.` };
}

function describeFailure(loaded: Extract<RepoConfig, { kind: "invalid" }>, target: CheckTarget) {
  const own = `${target.owner}/${target.repo}:${CONFIG_PATH}`;
  const here = loaded.errors.filter((error) => error.file === own && error.line !== undefined);
  const elsewhere = loaded.errors.filter((error) => !here.includes(error));
  const annotations = here.slice(0, MAX_ANNOTATIONS).map((error) => toAnnotation(error));
  const errors = count(loaded.errors.length, "error", "errors");
  const lines = [
    `${errors} in the configuration. Until they are fixed, new issues only get the \`support\` label.`,
    "",
    ...loaded.errors.map((error) => `- \`${error.formatPublic()}\``),
    "",
    "The full messages are in frontdesk's server log, and `npx frontdesk validate` prints them for a file.",
  ];
  if (elsewhere.length > 0) lines.push("", "Errors in inherited files are listed here but cannot be annotated on this commit.");
  return { title: `${errors} in ${CONFIG_PATH}`, summary: lines.join("\n").slice(0, 65_000), annotations };
}

function toAnnotation(error: ConfigError) {
  return {
    path: CONFIG_PATH,
    start_line: error.line ?? 1,
    end_line: error.line ?? 1,
    start_column: error.col ?? 1,
    end_column: error.col ?? 1,
    annotation_level: "failure" as const,
    title: "frontdesk configuration",
    message: error.describePublic(),
  };
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
