import type { ConfigError } from "../../config/errors.js";
import type { Log } from "../../desk/port.js";
import { loadGitLabConfig } from "./config-loader.js";
import type { GitLabAppDeps } from "./context.js";
import type { GitLabHookProject } from "./payloads.js";

/** The name the status carries in GitLab's commit and pipeline views. */
export const STATUS_NAME = "frontdesk";
/** GitLab cuts a status description at 255 characters. */
const MAX_DESCRIPTION = 255;

/**
 * Tells the team whether the configuration they pushed is valid (README:
 * Checking a configuration): a commit status named `frontdesk` on the pushed commit,
 * `failed` with the first error as `file:line:col: key.path: kind`, or
 * `success`. The status shows no value from any file (an inherited file's
 * values are not everyone's to read); the full messages go to the log.
 * Clients never see any of it.
 */
export async function reportConfigStatus(deps: GitLabAppDeps, project: GitLabHookProject, sha: string, log: Log): Promise<string> {
  const path = project.path_with_namespace;
  const { config } = await loadGitLabConfig(deps.client.files, path, sha, deps.policy);
  if (config.kind === "missing") return "no configuration at the pushed commit";
  const description = config.kind === "valid" ? describeValid(config.warnings) : describeErrors(config.errors);
  for (const error of config.kind === "invalid" ? config.errors : []) {
    log.error({ repo: path, sha }, `invalid configuration: ${error.format()}`);
  }
  const state = config.kind === "valid" ? "success" : "failed";
  await deps.client.commits.editStatus(project.id, sha, state, { name: STATUS_NAME, description });
  return `configuration ${state === "success" ? "valid" : "invalid"}: commit status ${state}`;
}

function describeValid(warnings: readonly ConfigError[]): string {
  return warnings.length === 0 ? "frontdesk.yml is valid" : `frontdesk.yml is valid, with ${warnings.length} warning(s): see frontdesk's log`;
}

function describeErrors(errors: readonly ConfigError[]): string {
  const [first] = errors;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : "";
  const text = `${first?.formatPublic() ?? "invalid configuration"}${more}`;
  return text.length <= MAX_DESCRIPTION ? text : `${text.slice(0, MAX_DESCRIPTION - 1)}…`;
}
