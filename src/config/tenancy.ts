import type { PathSegment } from "./errors.js";
import type { Config } from "./schema.js";

/**
 * Client repositories often share one owner (the agency's organisation or
 * GitLab group), so the owner is no boundary between clients. What one
 * client's configuration may reach, inherit from (`_extends`) or send work
 * to (boards, `move_to`), is what the operator allows, and nothing else.
 *
 * Both variables are comma-separated lists of entries, matched without
 * regard to case. An entry allows what it names and everything below it at
 * a `/` boundary:
 *
 * - `FRONTDESK_SHARED_CONFIG`: repositories (`owner/repo`) or GitLab
 *   projects (`group/project`) whose files any client may inherit, for
 *   example `acme-agency/.github,agency/frontdesk-defaults`; `agency/` allows
 *   every repository or project of `agency`.
 * - `FRONTDESK_PROJECT_TARGETS`: GitHub board URLs
 *   (`https://github.com/orgs/agency/projects/7`, or
 *   `https://github.com/orgs/agency` for every board of `agency`) and GitLab
 *   project paths for `project_work.move_to` (`agency/projects`, or
 *   `agency/` for every project of the group).
 */

/** What the operator allows beyond a client's own repository. */
export interface TenancyPolicy {
  /** Entries of `FRONTDESK_SHARED_CONFIG`: where `_extends` may point. */
  sharedConfig: readonly string[];
  /** Entries of `FRONTDESK_PROJECT_TARGETS`: boards and `move_to` projects. */
  projectTargets: readonly string[];
}

/** Nothing shared beyond the defaults: the owner's `.github` on GitHub, nothing on GitLab. */
export const DEFAULT_TENANCY_POLICY: TenancyPolicy = Object.freeze({ sharedConfig: [], projectTargets: [] });

export const SHARED_CONFIG_VARIABLE = "FRONTDESK_SHARED_CONFIG";
export const PROJECT_TARGETS_VARIABLE = "FRONTDESK_PROJECT_TARGETS";

/** The policy from `FRONTDESK_SHARED_CONFIG` and `FRONTDESK_PROJECT_TARGETS`; unset means the defaults. */
export function readTenancyPolicy(env: NodeJS.ProcessEnv): TenancyPolicy {
  return { sharedConfig: splitEntries(env[SHARED_CONFIG_VARIABLE]), projectTargets: splitEntries(env[PROJECT_TARGETS_VARIABLE]) };
}

function splitEntries(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
}

export type TenancyPlatform = "github" | "gitlab";

/** The repository or project whose configuration is read: the tenant. */
export interface Tenant {
  platform: TenancyPlatform;
  /** `owner/repo` on GitHub, `group/project` (subgroups included) on GitLab. */
  repository: string;
}

/** Whether a source or target may be used, and if not, the rule and the variable that would allow it. */
export type TenancyDecision = { allowed: true } | { allowed: false; reason: string };

const ALLOWED: TenancyDecision = { allowed: true };

/** The owner of `owner/repo`, or the group path of `group/sub/project`. */
function ownerOf(repository: string): string {
  return repository.split("/").slice(0, -1).join("/");
}

/**
 * Whether `tenant`'s configuration may inherit from `source` (`owner/repo`
 * or `group/project`, already resolved). Allowed: the tenant's own
 * repository, on GitHub the owner's `.github` repository (Probot's place for
 * shared defaults), and what `FRONTDESK_SHARED_CONFIG` names. Every step of
 * a chain is checked against the tenant it is read for, so an allowed
 * source cannot lead to another client either.
 */
export function checkConfigSource(policy: TenancyPolicy, tenant: Tenant, source: string): TenancyDecision {
  const owner = ownerOf(tenant.repository);
  const ownDefaults = tenant.platform === "github" ? `${owner}/.github` : undefined;
  if (sameName(source, tenant.repository) || (ownDefaults && sameName(source, ownDefaults))) return ALLOWED;
  if (isAllowedBy(policy.sharedConfig, source)) return ALLOWED;
  const defaults =
    ownDefaults === undefined
      ? `a project inherits only from what ${SHARED_CONFIG_VARIABLE} allows`
      : `a repository inherits only from ${ownDefaults} or what ${SHARED_CONFIG_VARIABLE} allows`;
  return refuse(`is not a shared configuration source: ${defaults}`, SHARED_CONFIG_VARIABLE, policy.sharedConfig, source);
}

/**
 * Whether `tenant` may send work to `target`: a GitHub Projects v2 URL
 * (`project_work.board`, `support_board`) or a GitLab project path
 * (`project_work.move_to`). On GitHub the owner's own boards are allowed
 * (`/orgs/<owner>/` or `/users/<owner>/`, on any host, since a board is
 * found by its owner and number); beyond them, and on GitLab at all, only
 * what `FRONTDESK_PROJECT_TARGETS` names.
 */
export function checkProjectTarget(policy: TenancyPolicy, tenant: Tenant, target: string): TenancyDecision {
  const owner = ownerOf(tenant.repository);
  if (tenant.platform === "github" && sameName(boardOwner(target) ?? "", owner)) return ALLOWED;
  if (isAllowedBy(policy.projectTargets, target)) return ALLOWED;
  const defaults =
    tenant.platform === "github"
      ? `a repository uses only boards of ${owner} or what ${PROJECT_TARGETS_VARIABLE} allows`
      : `a project moves work only to what ${PROJECT_TARGETS_VARIABLE} allows`;
  return refuse(`is not an allowed target: ${defaults}`, PROJECT_TARGETS_VARIABLE, policy.projectTargets, target);
}

/** A key whose target the policy refuses. */
export interface RefusedTarget {
  path: PathSegment[];
  /** The target as written. */
  value: string;
  reason: string;
}

/**
 * The targets of a valid configuration that `tenant` may not use: the board
 * keys on GitHub, `project_work.move_to` on GitLab (each platform ignores
 * the other's keys).
 */
export function findRefusedTargets(policy: TenancyPolicy, tenant: Tenant, config: Config): RefusedTarget[] {
  const targets: [PathSegment[], string | undefined][] =
    tenant.platform === "github"
      ? [
          [["project_work", "board"], config.project_work.board],
          [["support_board"], config.support_board],
        ]
      : [[["project_work", "move_to"], config.project_work.move_to]];
  const refused: RefusedTarget[] = [];
  for (const [path, target] of targets) {
    if (target === undefined) continue;
    const decision = checkProjectTarget(policy, tenant, target);
    if (!decision.allowed) refused.push({ path, value: target, reason: decision.reason });
  }
  return refused;
}

const BOARD_OWNER = /^https?:\/\/[^/\s]+\/(?:orgs|users)\/([A-Za-z0-9-]+)\/projects\/\d+\/?$/u;

function boardOwner(url: string): string | undefined {
  return BOARD_OWNER.exec(url.trim())?.[1];
}

/** An entry allows itself and what lies below it: `agency/` and `agency` both allow `agency/site`, never `agency-b/site`. */
function isAllowedBy(entries: readonly string[], name: string): boolean {
  const wanted = normalize(name);
  return entries.some((entry) => {
    const allowed = normalize(entry);
    return allowed !== "" && (wanted === allowed || wanted.startsWith(`${allowed}/`));
  });
}

function normalize(name: string): string {
  return name.trim().toLowerCase().replace(/\/+$/u, "");
}

function sameName(a: string, b: string): boolean {
  return normalize(a) === normalize(b);
}

function refuse(rule: string, variable: string, entries: readonly string[], name: string): TenancyDecision {
  const value = [...entries, name.trim()].join(",");
  return { allowed: false, reason: `${rule} (set ${variable}=${value} to allow it)` };
}
