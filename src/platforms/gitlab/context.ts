import type { LoadBook } from "../../runtime/load-book.js";
import type { TenancyPolicy } from "../../config/tenancy.js";
import type { Log } from "../../desk/port.js";
import type { Broadcast } from "../../runtime/broadcast.js";
import type { Lock } from "../../runtime/lock.js";
import type { RepoCache } from "../../runtime/repo-cache.js";
import { withPriority } from "../../runtime/priority.js";
import type { RepoConfig } from "../../desk/repo-config.js";
import type { GitLabClient } from "./client.js";
import type { ConfigDependents } from "./config-dependents.js";
import { loadGitLabConfig } from "./config-loader.js";
import type { GitLabHookProject } from "./payloads.js";
import type { ResolvedProject } from "./resolve-project.js";
import type { ProjectRef } from "./tracker.js";
import type { UserDirectory } from "./users.js";

/** What the GitLab event handlers share for the life of the process. */
export interface GitLabAppDeps {
  client: GitLabClient;
  /** GitLab's own: keys are project paths, which may equal GitHub's owner/repo. */
  cache: RepoCache;
  locks: Lock;
  users: UserDirectory;
  dependents: ConfigDependents;
  now: () => Date;
  /** What `_extends` and `move_to` may name beyond the project itself; default: nothing shared. */
  policy?: TenancyPolicy;
  /** People's open tickets across every project, shared with the sweep. */
  load?: LoadBook;
  /** With REDIS_URL: a push one replica receives clears the configurations on every replica. */
  broadcast?: Broadcast;
  /**
   * Set per delivery, not for the process: the namespace the secret that
   * admitted the delivery is limited to; undefined for a secret valid
   * everywhere (and for the sweep). resolveProject refuses projects outside it.
   */
  scope?: string;
}

/** What became of an event, for the response body and the log. */
export interface EventOutcome {
  status: "done" | "ignored";
  reason: string;
}

/** An event frontdesk has nothing to do for, and why. */
export function ignored(reason: string): EventOutcome {
  return { status: "ignored", reason };
}

/** A project as frontdesk names it: numeric id for calls, full path for people and caches. */
export function toProjectRef(project: GitLabHookProject | ResolvedProject): ProjectRef {
  return { id: project.id, path: project.path_with_namespace };
}

/** Work on one issue runs alone: two deliveries for it must not both see it untriaged. */
export function lockIssue<T>(deps: GitLabAppDeps, project: ProjectRef, iid: number, task: () => Promise<T>): Promise<T> {
  return deps.locks.run(`gitlab:${project.path}#${iid}`.toLowerCase(), task);
}

/**
 * The project's configuration, loaded once per cache period; GitHub-only keys
 * are named in the log then. The load is shared by every delivery waiting
 * for it, an emergency's among them, so it goes as urgent. Only a project the
 * API described will do: a payload's path may name another project than its id.
 */
export function readProjectConfig(deps: GitLabAppDeps, project: ResolvedProject, log: Log): Promise<RepoConfig> {
  const path = project.path_with_namespace;
  return deps.cache.get(path, "config", async () => {
    const loaded = await withPriority("urgent", () => loadGitLabConfig(deps.client.files, path, project.default_branch, deps.policy));
    deps.dependents.record(path, loaded.inheritsFrom);
    if (loaded.config.kind === "valid") {
      const { config, warnings } = loaded.config;
      for (const warning of warnings) log.warn({ repo: path }, `configuration: ${warning.format()}`);
      const githubOnly = [config.project_work.board && "project_work.board", config.support_board && "support_board"].filter(Boolean);
      if (githubOnly.length > 0) {
        log.warn({ repo: path, keys: githubOnly }, `ignored on GitLab (GitHub Projects only): ${githubOnly.join(", ")}`);
      }
    }
    return loaded.config;
  });
}
