import { join } from "node:path";
import type { ChainPlatform } from "./chain.js";

/**
 * `_extends` followed offline, for `frontdesk validate --extends <dir>`: the
 * sources come from local folders (a checkout of the agency's `.github`
 * repository, a folder of such checkouts, or a folder of shared files)
 * instead of the platform's API. The chain is read and validated by the same
 * code as the server's (chain.ts), so errors land in the same file, line and
 * column. Which sources the operator allows (FRONTDESK_SHARED_CONFIG) is the
 * server's to check: offline nothing says which repository a file is for.
 */

/** Where a configuration lives on a platform by default. */
export const DEFAULT_CONFIG_PATHS = { github: ".github/frontdesk.yml", gitlab: ".gitlab/frontdesk.yml" } as const;

export type LocalPlatformName = keyof typeof DEFAULT_CONFIG_PATHS;

/** One file of a local chain. */
export interface LocalSource {
  /** The file's path, as it is shown (relative paths stay relative). */
  path: string;
  /** The `_extends` value that named it, and the paths looked at for it; empty for the file given. */
  value?: string;
  tried: string[];
}

/** What a local chain reads with. */
export interface LocalChainOptions {
  /** The folders `--extends` names, in order. */
  dirs: readonly string[];
  /** Which platform's `_extends` defaults apply: `.github/frontdesk.yml` or `.gitlab/frontdesk.yml`. */
  platform: LocalPlatformName;
  /** A file's text, or undefined when there is none; other failures reject. */
  read(path: string): Promise<string | undefined>;
}

/** A GitLab file lives under `.gitlab/`; anything else is read as GitHub's. */
export function inferPlatform(file: string): LocalPlatformName {
  return /(^|[\\/])\.gitlab[\\/]/u.test(file) ? "gitlab" : "github";
}

const SEGMENT = /^(?!\.\.?$)[A-Za-z0-9_.-]+$/u;

/**
 * `repo`, `owner/repo`, `group/sub/project`, each optionally `:path/file.yml`,
 * as the path segments of the repository and the file in it. A file path
 * that is absolute or climbs out with `..` names nothing: offline, as on
 * the server, a source stays inside what it names.
 */
export function parseExtendsValue(value: string): { repository: string[]; file: string | undefined } | undefined {
  const [target = "", file, ...rest] = value.trim().split(":");
  const repository = target.split("/");
  if (rest.length > 0 || !repository.every((segment) => SEGMENT.test(segment))) return undefined;
  if (file !== undefined && (file === "" || file.startsWith("/") || file.split(/[\\/]/u).some((part) => part === ".." || part === ""))) {
    return undefined;
  }
  return { repository, file };
}

/**
 * The local files an `_extends` value may mean, in order: under each folder,
 * `<dir>/<owner>/<repo>/<file>` and `<dir>/<repo>/<file>` (a folder of
 * checkouts), then `<dir>/<file>` (the folder is the checkout, or holds the
 * shared files themselves).
 */
export function listCandidates(value: string, options: Pick<LocalChainOptions, "dirs" | "platform">): string[] | undefined {
  const parsed = parseExtendsValue(value);
  if (!parsed) return undefined;
  const file = parsed.file ?? DEFAULT_CONFIG_PATHS[options.platform];
  const repo = parsed.repository.at(-1) ?? "";
  const candidates = options.dirs.flatMap((dir) => [join(dir, ...parsed.repository, file), join(dir, repo, file), join(dir, file)]);
  return [...new Set(candidates)];
}

/** A {@link ChainPlatform} over local folders; `start` is the file given on the command line. */
export function createLocalChainPlatform(options: LocalChainOptions): ChainPlatform<LocalSource> {
  return {
    fetch: (source) => options.read(source.path),
    resolve: async (value) => {
      const candidates = listCandidates(value, options);
      if (candidates === undefined) return undefined;
      for (const path of candidates) {
        if ((await options.read(path)) !== undefined) return { path, value, tried: candidates };
      }
      return { path: candidates[0] ?? value, value, tried: candidates };
    },
    check: () => ({ allowed: true }),
    name: (source) => source.path,
    extendsFormat:
      options.platform === "github" ? "repo, owner/repo or owner/repo:path/file.yml" : "group/project or group/project:path/file.yml",
    describeMissing: (source) =>
      `${JSON.stringify(source.value)} is in none of the folders given with --extends: looked for ${source.tried.join(", ")}`,
  };
}
