/**
 * The GitLab side of the environment (SPEC section 6): which instance, which
 * token, which webhook secret. Read once at start; nothing else reads env.
 */

/** The variables that must be set for frontdesk to serve GitLab. */
export const GITLAB_VARIABLES = ["GITLAB_TOKEN", "GITLAB_WEBHOOK_SECRET"] as const;

/** GITLAB_URL when it is not set. */
export const DEFAULT_GITLAB_URL = "https://gitlab.com";

/** The GitLab variables, read and checked. */
export interface GitLabSettings {
  /** The instance, without a trailing slash or `/api/v4`: `https://gitlab.com`, `https://git.example.com/gitlab`. */
  url: string;
  token: string;
  webhookSecret: string;
}

/** The environment names a GitLab instance frontdesk cannot use. */
export class GitLabSettingsError extends Error {
  override readonly name = "GitLabSettingsError";
}

/** GitLab is served when both its token and its webhook secret are set. */
export function isGitLabConfigured(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.GITLAB_TOKEN && env.GITLAB_WEBHOOK_SECRET);
}

/**
 * Reads GITLAB_URL, GITLAB_TOKEN and GITLAB_WEBHOOK_SECRET. Throws a
 * {@link GitLabSettingsError} when one is missing or the URL is not http(s).
 */
export function readGitLabSettings(env: NodeJS.ProcessEnv): GitLabSettings {
  const token = env.GITLAB_TOKEN ?? "";
  const webhookSecret = env.GITLAB_WEBHOOK_SECRET ?? "";
  if (!token) throw new GitLabSettingsError("GITLAB_TOKEN is not set");
  // Without a secret anyone could make frontdesk write to client projects.
  if (!webhookSecret) throw new GitLabSettingsError("GITLAB_WEBHOOK_SECRET is not set");
  return { url: normalizeGitLabUrl(env.GITLAB_URL || DEFAULT_GITLAB_URL), token, webhookSecret };
}

/**
 * `https://git.example.com/` and `https://git.example.com/api/v4` both mean
 * the instance at `https://git.example.com`; gitbeaker appends `/api/v4`
 * itself and would otherwise call `//api/v4` or `/api/v4/api/v4`.
 */
export function normalizeGitLabUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch (cause) {
    throw new GitLabSettingsError(`GITLAB_URL ${JSON.stringify(value)} is not a URL`, { cause });
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new GitLabSettingsError(`GITLAB_URL ${JSON.stringify(value)} must start with https:// or http://`);
  }
  const path = url.pathname.replace(/\/+$/u, "").replace(/\/api\/v4$/u, "");
  return `${url.origin}${path}`;
}
