import { ConfigError } from "../../config/errors.js";
import { mergeConfigs } from "../../config/merge.js";
import { pickOrigin } from "../../config/origin.js";
import { createLocator, validateConfigObject, type PathLocator } from "../../config/parse.js";
import type { RepoConfig } from "../shared/repo-config.js";
import type { GitHubOctokit } from "./octokit.js";

/** Where a repository keeps its configuration (SPEC section 3). */
export const CONFIG_PATH = ".github/frontdesk.yml";

interface ConfigFile {
  owner: string;
  repo: string;
  path: string;
  url: string;
  config: Record<string, unknown> | null;
}

/**
 * Reads the configuration the way Probot's `context.config` does (the
 * repository's file, else the owner's `.github` repository, following
 * `_extends`), but merges lists by replacing them and keeps the list of files
 * so that errors can point at the file, line and column a person must edit.
 * The raw text is fetched only when there is an error to place.
 */
export async function loadGitHubConfig(
  octokit: GitHubOctokit,
  owner: string,
  repo: string,
  /** A commit to read the repository's own file at (a check of a push or pull request); default branch otherwise. */
  ref?: string,
): Promise<RepoConfig> {
  let loaded: { files: ConfigFile[]; config: unknown };
  try {
    loaded = (await octokit.config.get({
      owner,
      repo,
      path: CONFIG_PATH,
      ...(ref ? { branch: ref } : {}),
      defaults: (configs: object[]) => mergeConfigs(configs) as Record<string, unknown>,
    })) as { files: ConfigFile[]; config: unknown };
  } catch (error) {
    // HTTP failures are not the team's mistake: let the delivery fail and be retried.
    if (typeof (error as { status?: unknown }).status === "number") throw error;
    return { kind: "invalid", errors: [explainFileError(error)] };
  }
  const files = loaded.files.filter((file) => file.config !== null);
  if (files.length === 0) return { kind: "missing" };
  const result = validateConfigObject(loaded.config, { file: displayName(files[0]!) });
  if (result.ok) return { kind: "valid", config: result.config, warnings: result.warnings };
  // Only the repository's own file is read at the commit; inherited ones come from their default branch.
  const refOf = (file: ConfigFile) => (ref && file.owner === owner && file.repo === repo ? ref : undefined);
  const locate = await createFilesLocator(octokit, files, result.errors, refOf);
  const located = validateConfigObject(loaded.config, { file: displayName(files[0]!), locate });
  return { kind: "invalid", errors: located.ok ? result.errors : located.errors };
}

/** `owner/repo:path`, the way a person finds the file. */
function displayName(file: Pick<ConfigFile, "owner" | "repo" | "path">): string {
  return `${file.owner}/${file.repo}:${file.path}`;
}

/**
 * A locator over several files: an error belongs to the most specific file
 * that sets the deepest part of its key path.
 */
async function createFilesLocator(
  octokit: GitHubOctokit,
  files: ConfigFile[],
  errors: readonly ConfigError[],
  refOf: (file: ConfigFile) => string | undefined,
): Promise<PathLocator> {
  const chosen = new Set(errors.map((error) => pickOrigin(files, error.path, (file) => file.config)));
  const locators = new Map<ConfigFile, PathLocator>();
  await Promise.all(
    [...chosen].map(async (file) => {
      const { data } = await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", {
        owner: file.owner,
        repo: file.repo,
        path: file.path,
        mediaType: { format: "raw" },
        ...(refOf(file) ? { ref: refOf(file) } : {}),
      });
      locators.set(file, createLocator(String(data)));
    }),
  );
  return (path, target) => {
    const file = pickOrigin(files, path, (file) => file.config);
    const position = locators.get(file)?.(path, target);
    return position && { ...position, file: displayName(file) };
  };
}



/** The config plugin's own errors: unreadable YAML or a bad `_extends`. */
function explainFileError(error: unknown): ConfigError {
  const message = error instanceof Error ? error.message : String(error);
  const url = /https?:\/\/\S+?\/repos\/([^/]+)\/([^/]+)\/contents\/(\S+?)(?:\?\S*)?(?=[\s,)]|$)/u.exec(message);
  const file = url ? `${url[1]}/${url[2]}:${decodeURIComponent(url[3] ?? "")}` : CONFIG_PATH;
  const cause = (error as { cause?: { message?: string; linePos?: { line: number; col: number }[] } }).cause;
  const detail = (cause?.message ?? message).replace(/^\[@probot\/octokit-plugin-config\]\s*/u, "").split("\n")[0] ?? message;
  return new ConfigError({ file, path: [], detail, position: cause?.linePos?.[0] ?? { line: 1, col: 1 }, cause: error });
}
