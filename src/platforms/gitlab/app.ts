import { whyNotATicketBeforeConfig } from "../../core/not-a-ticket.js";
import type { Log } from "../port.js";
import { reconcileIntake } from "../shared/intake.js";
import type { KeyedLock } from "../shared/keyed-lock.js";
import type { RepoCache } from "../shared/repo-cache.js";
import type { RepoConfig } from "../shared/repo-config.js";
import type { GitLabClient } from "./client.js";
import type { ConfigDependents } from "./config-dependents.js";
import { GITLAB_CONFIG_PATH, loadGitLabConfig } from "./config-loader.js";
import { isBotUser, toTicketFromHook } from "./mapper.js";
import { issueHookSchema, pushHookSchema, type GitLabHookProject, type IssueHook, type PushHook } from "./payloads.js";
import { GitLabTracker } from "./tracker.js";
import type { UserDirectory } from "./users.js";

export interface GitLabAppDeps {
  client: GitLabClient;
  /** GitLab's own: keys are project paths, which may equal GitHub's owner/repo. */
  cache: RepoCache;
  locks: KeyedLock;
  users: UserDirectory;
  dependents: ConfigDependents;
  now: () => Date;
}

/** What became of an event, for the response body and the log. */
export interface EventOutcome {
  status: "done" | "ignored";
  reason: string;
}

/** Handles one verified delivery: the `X-Gitlab-Event` name and its parsed body. */
export type GitLabApp = (event: string, payload: unknown, log: Log) => Promise<EventOutcome>;

/** GitLab events in, reconciliations out (the GitLab side of github/app.ts). */
export function createGitLabApp(deps: GitLabAppDeps): GitLabApp {
  return async (event, payload, log) => {
    switch (event) {
      case "Issue Hook":
      case "Confidential Issue Hook": {
        const parsed = issueHookSchema.safeParse(payload);
        return parsed.success ? handleIssueHook(parsed.data, deps, log) : unreadable(event, parsed.error.message, log);
      }
      case "Push Hook": {
        const parsed = pushHookSchema.safeParse(payload);
        return parsed.success ? handlePushHook(parsed.data, deps, log) : unreadable(event, parsed.error.message, log);
      }
      default:
        return ignored(`${event || "an event without X-Gitlab-Event"} is not used`);
    }
  };
}

function ignored(reason: string): EventOutcome {
  return { status: "ignored", reason };
}

/** A known event in an unknown shape: logged and ignored, never a 4xx (GitLab would disable the hook). */
function unreadable(event: string, problem: string, log: Log): EventOutcome {
  log.warn({ event, problem }, "payload not understood: ignored");
  return ignored(`the ${event} payload was not understood`);
}

// Tasks, epics, objectives and test cases share the Issue Hook; they are not tickets.
const TICKET_TYPES = new Set(["issue", "incident"]);

/** Intake on `open`, and on `reopen` (planIntake leaves an issue with frontdesk's note alone). */
async function handleIssueHook(payload: IssueHook, deps: GitLabAppDeps, log: Log): Promise<EventOutcome> {
  const attributes = payload.object_attributes;
  if (attributes.type && !TICKET_TYPES.has(attributes.type.toLowerCase())) return ignored(`a ${attributes.type} is not a ticket`);
  const action = attributes.action;
  if (action !== "open" && action !== "reopen") return ignored(`action ${action ?? "(none)"} starts no intake`);
  const self = await deps.users.currentUser();
  if (isBotUser(payload.user, self)) return ignored(`${payload.user.username} is frontdesk or a bot`);
  deps.users.remember([payload.user, ...(payload.assignees ?? [])]);
  const ticket = toTicketFromHook(payload, self);
  const notATicket = whyNotATicketBeforeConfig(ticket);
  if (notATicket) return ignored(notATicket);

  const project = { id: payload.project.id, path: payload.project.path_with_namespace };
  return deps.locks.run(`gitlab:${project.path}#${ticket.number}`.toLowerCase(), async () => {
    const config = await readConfig(deps, payload.project, log);
    if (config.kind === "invalid") {
      for (const error of config.errors) log.error({ repo: project.path, issue: ticket.number }, `invalid configuration: ${error.format()}`);
    }
    const outcome = await reconcileIntake({
      tracker: new GitLabTracker(project, { client: deps.client, cache: deps.cache, users: deps.users, self, log }),
      config,
      ticket,
      // The hook does not count notes; the listing does, and a reopened issue may have some.
      commentCount: action === "reopen" ? 1 : 0,
      reopened: action === "reopen",
      now: deps.now(),
      log,
    });
    return { status: "done", reason: outcome.kind === "skip" ? outcome.reason : outcome.kind };
  });
}

/** The project's configuration, loaded once per cache period; GitHub-only keys are named in the log then. */
function readConfig(deps: GitLabAppDeps, project: GitLabHookProject, log: Log): Promise<RepoConfig> {
  const path = project.path_with_namespace;
  return deps.cache.get(path, "config", async () => {
    const loaded = await loadGitLabConfig(deps.client.files, path, project.default_branch);
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

/**
 * A push to the default branch that touches a frontdesk.yml, or a file other
 * projects inherit, clears the cached configuration of every project built
 * on it. GitLab lists at most 20 commits; when there were more, the changed
 * files are unknown and the cache is cleared all the same.
 */
function handlePushHook(payload: PushHook, deps: GitLabAppDeps, log: Log): EventOutcome {
  const { project } = payload;
  const path = project.path_with_namespace;
  if (!project.default_branch || payload.ref !== `refs/heads/${project.default_branch}`) {
    return ignored("not a push to the default branch");
  }
  const commits = payload.commits ?? [];
  const complete = (payload.total_commits_count ?? commits.length) <= commits.length;
  const touched = commits.flatMap((commit) => [...(commit.added ?? []), ...(commit.modified ?? []), ...(commit.removed ?? [])]);
  const changed = touched.filter((file) => file === GITLAB_CONFIG_PATH || /(^|\/)frontdesk\.ya?ml$/u.test(file) || deps.dependents.isInherited(path, file));
  if (complete && changed.length === 0) return ignored("no configuration file changed");
  const cleared = deps.dependents.affectedBy(path, complete ? changed : "all");
  for (const affected of cleared) deps.cache.clear(affected);
  log.info({ repo: path, files: complete ? changed : "unknown (more than 20 commits)", cleared }, "configuration changed: cache cleared");
  return { status: "done", reason: `configuration cache cleared for ${cleared.length} project(s)` };
}
