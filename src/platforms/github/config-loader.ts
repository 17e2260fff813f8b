import { errorInChain, readConfigChain, validateChain, type ChainPlatform } from "../../config/chain.js";
import { checkConfigSource, DEFAULT_TENANCY_POLICY, findRefusedTargets, type TenancyPolicy, type Tenant } from "../../config/tenancy.js";
import type { RepoConfig } from "../../desk/repo-config.js";
import type { KeptState } from "../../runtime/kept-state.js";
import { requestIfChanged } from "./conditional.js";
import type { GitHubOctokit } from "./octokit.js";

/** Where a repository keeps its configuration (README: Configuration). */
export const CONFIG_PATH = ".github/frontdesk.yml";

/** One file in an `_extends` chain. */
interface GitHubSource {
  owner: string;
  repo: string;
  path: string;
  /** A commit, branch or tag; the default branch when undefined. */
  ref?: string | undefined;
}

/** How {@link loadGitHubConfig} reads. */
export interface GitHubConfigOptions {
  /** A commit to read the repository's own files at (a check of a push or pull request); default branch otherwise. */
  ref?: string | undefined;
  /** What `_extends` and the board keys may name beyond the owner's own; default: nothing more. */
  policy?: TenancyPolicy | undefined;
  /**
   * Where the files' texts and ETags are kept: a file read again (the cache
   * expired) is asked for with its ETag, and an unchanged one costs a 304,
   * which GitHub does not count. Not for a commit's files (`ref`).
   */
  kept?: KeptState | undefined;
}

/** Probot's form of `_extends`: `repo`, `owner/repo`, `owner/repo:path/file.yml`. */
const EXTENDS = /^(?:([a-z\d](?:[a-z\d]|-(?=[a-z\d])){0,38})\/)?([-_.\w\d]+)(?::([-_./\w\d]+\.ya?ml))?$/iu;

/**
 * Reads the configuration the way Probot's `context.config` does: the
 * repository's `.github/frontdesk.yml`, else the owner's `.github`
 * repository's, following `_extends`. Unlike Probot it checks each
 * `_extends` source with `policy` before fetching it (a client never reads
 * another client's file), merges lists by replacing them, and keeps each
 * file's text so that errors point at the file, line and column a person
 * must edit. Boards the policy refuses are errors too. HTTP failures other
 * than 404 are thrown: a delivery fails and is retried.
 */
export async function loadGitHubConfig(
  octokit: GitHubOctokit,
  owner: string,
  repo: string,
  options: GitHubConfigOptions = {},
): Promise<RepoConfig> {
  const policy = options.policy ?? DEFAULT_TENANCY_POLICY;
  const tenant: Tenant = { platform: "github", repository: `${owner}/${repo}` };
  const own = (source: Pick<GitHubSource, "owner" | "repo">) => `${source.owner}/${source.repo}`.toLowerCase() === tenant.repository.toLowerCase();
  const platform: ChainPlatform<GitHubSource> = {
    fetch: (source) => (options.kept && !source.ref ? fetchKept(octokit, source, options.kept) : fetchRaw(octokit, source)),
    resolve: (value) => {
      const match = EXTENDS.exec(value.trim());
      if (!match) return undefined;
      // As in Probot, a bare repository name is the client repository's owner's.
      const source = { owner: match[1] ?? owner, repo: match[2] ?? "", path: match[3] ?? CONFIG_PATH };
      return { ...source, ref: own(source) ? options.ref : undefined };
    },
    check: (source) => checkConfigSource(policy, tenant, `${source.owner}/${source.repo}`),
    name: displayName,
    extendsFormat: "repo, owner/repo or owner/repo:path/file.yml",
  };
  const starts: GitHubSource[] = [{ owner, repo, path: CONFIG_PATH, ref: options.ref }];
  if (repo !== ".github") starts.push({ owner, repo: ".github", path: CONFIG_PATH });
  const read = await readConfigChain(platform, starts);
  if (read.kind !== "read") return read.kind === "missing" ? read : { kind: "invalid", errors: read.errors };
  const result = validateChain(read.chain);
  if (!result.ok) return { kind: "invalid", errors: result.errors };
  const refused = findRefusedTargets(policy, tenant, result.config).map(({ path, value, reason }) =>
    errorInChain(read.chain, path, "target not allowed", `${JSON.stringify(value)} ${reason}`),
  );
  if (refused.length > 0) return { kind: "invalid", errors: refused };
  return { kind: "valid", config: result.config, warnings: result.warnings };
}

/** `owner/repo:path`, the way a person finds the file. */
function displayName(source: GitHubSource): string {
  return `${source.owner}/${source.repo}:${source.path}`;
}

/** The file on the default branch, asked for with the ETag of its last text. */
async function fetchKept(octokit: GitHubOctokit, source: GitHubSource, kept: KeptState): Promise<string | undefined> {
  const key = `github:contents:${displayName(source)}`.toLowerCase();
  const before = await kept.read<{ etag: string; text: string }>(key);
  try {
    const answer = await requestIfChanged(octokit, "GET /repos/{owner}/{repo}/contents/{path}", { owner: source.owner, repo: source.repo, path: source.path, mediaType: { format: "raw" } }, before?.etag);
    if (!answer) return before!.text;
    const text = typeof answer.data === "string" ? answer.data : JSON.stringify(answer.data);
    if (answer.etag) await kept.write(key, { etag: answer.etag, text });
    return text;
  } catch (error) {
    if ((error as { status?: unknown }).status === 404) return undefined;
    throw error;
  }
}

async function fetchRaw(octokit: GitHubOctokit, source: GitHubSource): Promise<string | undefined> {
  try {
    const { data } = await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", {
      owner: source.owner,
      repo: source.repo,
      path: source.path,
      mediaType: { format: "raw" },
      ...(source.ref ? { ref: source.ref } : {}),
    });
    // A directory comes back as a JSON listing: as text it is no mapping, which validation says.
    return typeof data === "string" ? data : JSON.stringify(data);
  } catch (error) {
    if ((error as { status?: unknown }).status === 404) return undefined;
    throw error;
  }
}
