import type { RepositoryFiles } from "@gitbeaker/rest";
import { errorInChain, readConfigChain, validateChain, type ChainPlatform } from "../../config/chain.js";
import { checkConfigSource, DEFAULT_TENANCY_POLICY, findRefusedTargets, type TenancyPolicy, type Tenant } from "../../config/tenancy.js";
import type { RepoConfig } from "../../desk/repo-config.js";
import { statusOf } from "./client.js";

export { MAX_EXTENDS_DEPTH } from "../../config/chain.js";

/** Where a GitLab project keeps its configuration (README: Configuration). */
export const GITLAB_CONFIG_PATH = ".gitlab/frontdesk.yml";

/** One file in an `_extends` chain. */
export interface ConfigSource {
  /** `group/project`. */
  project: string;
  /** Path of the file in that project. */
  file: string;
  /** Branch, tag or commit; `HEAD` is the project's default branch. */
  ref: string;
}

/** A project's configuration and the files it was built from. */
export interface LoadedGitLabConfig {
  config: RepoConfig;
  /** The files the configuration was inherited from (`_extends`), nearest first. */
  inheritsFrom: ConfigSource[];
}

/**
 * Reads `.gitlab/frontdesk.yml` from the project's default branch and follows
 * `_extends: group/project` (or `group/project:path/to/file.yml`, or a bare
 * `project` in the same group) to what `policy` allows, never fetching a
 * source it refuses. What a file sets replaces what it inherits, lists
 * whole; a `project_work.move_to` the policy refuses is an error. A missing
 * file is no configuration; HTTP failures other than 404 are thrown so that
 * the delivery fails and is logged.
 */
export async function loadGitLabConfig(
  files: RepositoryFiles,
  project: string,
  defaultBranch: string | null | undefined,
  policy: TenancyPolicy = DEFAULT_TENANCY_POLICY,
): Promise<LoadedGitLabConfig> {
  // A project without commits has no default branch and so no file.
  if (!defaultBranch) return { config: { kind: "missing" }, inheritsFrom: [] };
  const tenant: Tenant = { platform: "gitlab", repository: project };
  const platform: ChainPlatform<ConfigSource> = {
    fetch: (source) => fetchRaw(files, source),
    resolve: parseExtends,
    check: (source) => checkConfigSource(policy, tenant, source.project),
    name: displayName,
    extendsFormat: "group/project or group/project:path/file.yml",
  };
  const read = await readConfigChain(platform, [{ project, file: GITLAB_CONFIG_PATH, ref: defaultBranch }]);
  if (read.kind === "missing") return { config: { kind: "missing" }, inheritsFrom: [] };
  const inheritsFrom = read.chain.slice(1).map((file) => file.source);
  if (read.kind === "invalid") return { config: { kind: "invalid", errors: read.errors }, inheritsFrom };
  const result = validateChain(read.chain);
  if (!result.ok) return { config: { kind: "invalid", errors: result.errors }, inheritsFrom };
  const refused = findRefusedTargets(policy, tenant, result.config).map(({ path, value, reason }) =>
    errorInChain(read.chain, path, "target not allowed", `${JSON.stringify(value)} ${reason}`),
  );
  if (refused.length > 0) return { config: { kind: "invalid", errors: refused }, inheritsFrom };
  return { config: { kind: "valid", config: result.config, warnings: result.warnings }, inheritsFrom };
}

/** `group/project:path`, the way a person finds the file. */
function displayName(source: ConfigSource): string {
  return `${source.project}:${source.file}`;
}

const PROJECT_PATH = /^[A-Za-z0-9_.][A-Za-z0-9_.-]*(\/[A-Za-z0-9_.][A-Za-z0-9_.-]*)*$/u;
const FILE_PATH = /^(?!\/)(?!.*(^|\/)\.\.(\/|$))[^\s]+$/u;

/** `group/project[:file]`, or `project[:file]` in the extending project's own group. */
export function parseExtends(value: string, from: string | ConfigSource): ConfigSource | undefined {
  const [target = "", file = GITLAB_CONFIG_PATH, ...rest] = value.trim().split(":");
  // A file path is relative to the project's root: "https://..." is no project.
  if (rest.length > 0 || !PROJECT_PATH.test(target) || !FILE_PATH.test(file)) return undefined;
  const namespace = (typeof from === "string" ? from : from.project).split("/").slice(0, -1).join("/");
  const project = target.includes("/") || !namespace ? target : `${namespace}/${target}`;
  return { project, file, ref: "HEAD" };
}

async function fetchRaw(files: RepositoryFiles, source: ConfigSource): Promise<string | undefined> {
  try {
    const raw = await files.showRaw(source.project, source.file, source.ref);
    return typeof raw === "string" ? raw : await raw.text();
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}
