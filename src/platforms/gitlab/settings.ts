import { SettingsError } from "../../runtime/settings.js";

/**
 * The GitLab side of the environment (README: Connect GitLab): which instance, which
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
  /** GITLAB_WEBHOOK_SECRET, one entry per secret GitLab may send as `X-Gitlab-Token`. */
  webhookSecrets: WebhookSecret[];
}

/**
 * One entry of GITLAB_WEBHOOK_SECRET: a secret valid for every project, or,
 * written `group/path:secret`, only for the projects under that namespace
 * (a group, a subgroup, or one project's full path).
 */
export interface WebhookSecret {
  /** The namespace, lower-cased (`acme`, `acme/clients`, `acme/site`); undefined: every project. */
  scope?: string;
  secret: string;
}

/** The environment names a GitLab instance frontdesk cannot use. */
export class GitLabSettingsError extends SettingsError {
  override readonly name = "GitLabSettingsError";
}

/** GitLab is served when both its token and its webhook secret are set. */
export function isGitLabConfigured(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.GITLAB_TOKEN && env.GITLAB_WEBHOOK_SECRET);
}

/**
 * Reads GITLAB_URL, GITLAB_TOKEN and GITLAB_WEBHOOK_SECRET. Throws a
 * {@link GitLabSettingsError} when one is missing, the URL is not http(s) or
 * an entry of the secret list is malformed.
 */
export function readGitLabSettings(env: NodeJS.ProcessEnv): GitLabSettings {
  const token = env.GITLAB_TOKEN ?? "";
  const webhookSecret = env.GITLAB_WEBHOOK_SECRET ?? "";
  if (!token) throw new GitLabSettingsError("GITLAB_TOKEN is not set");
  // Without a secret anyone could make frontdesk write to client projects.
  if (!webhookSecret) throw new GitLabSettingsError("GITLAB_WEBHOOK_SECRET is not set");
  return { url: normalizeGitLabUrl(env.GITLAB_URL || DEFAULT_GITLAB_URL), token, webhookSecrets: parseWebhookSecrets(webhookSecret) };
}

// A GitLab namespace segment: letters, digits, `_`, `.` and `-`, not starting with `-`.
const NAMESPACE = /^[a-z0-9_.][a-z0-9_.-]*(\/[a-z0-9_.][a-z0-9_.-]*)*$/iu;

/**
 * GITLAB_WEBHOOK_SECRET as a list: comma-separated entries, each `secret`
 * (every project) or `group/path:secret` (projects under that namespace; the
 * secret is what follows the first colon). Blanks around entries are ignored.
 * The errors name the entry by its position, never by its text: it holds a secret.
 */
export function parseWebhookSecrets(value: string): WebhookSecret[] {
  const entries = value.split(",");
  return entries.map((raw, index) => {
    const where = entries.length > 1 ? `GITLAB_WEBHOOK_SECRET entry ${index + 1} of ${entries.length}` : "GITLAB_WEBHOOK_SECRET";
    const entry = raw.trim();
    if (entry === "") throw new GitLabSettingsError(`${where} is empty`);
    const colon = entry.indexOf(":");
    if (colon < 0) return { secret: entry };
    const scope = entry.slice(0, colon).trim();
    const secret = entry.slice(colon + 1).trim();
    if (!NAMESPACE.test(scope)) {
      throw new GitLabSettingsError(`${where}: what comes before ":" must be a group path such as acme or acme/clients`);
    }
    if (secret === "") throw new GitLabSettingsError(`${where} has no secret after its group path`);
    return { scope: scope.toLowerCase(), secret };
  });
}

/**
 * Whether `path` (a project's `path_with_namespace`) lies under `scope`, at a
 * path-segment boundary and ignoring case: `acme` holds `acme/site` and
 * `acme/clients/site`, not `acme-corp/site`; `acme/site` holds that project
 * alone. No scope holds every path.
 */
export function isWithinScope(path: string, scope: string | undefined): boolean {
  if (scope === undefined) return true;
  const lower = path.toLowerCase();
  return lower === scope || lower.startsWith(`${scope}/`);
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
