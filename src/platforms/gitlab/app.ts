import { whyNotATicketBeforeConfig } from "../../core/not-a-ticket.js";
import type { Log } from "../port.js";
import { reconcileIntake } from "../shared/intake.js";
import { GITLAB_CONFIG_PATH } from "./config-loader.js";
import { ignored, lockIssue, readProjectConfig, toProjectRef, type EventOutcome, type GitLabAppDeps } from "./context.js";
import { isBotUser, toTicketFromHook } from "./mapper.js";
import { handleIssueUpdate, handleNoteHook, reviewAfterIntake } from "./commands.js";
import { reportConfigStatus } from "./config-status.js";
import { issueHookSchema, noteHookSchema, pushHookSchema, type IssueHook, type PushHook } from "./payloads.js";
import { GitLabTracker } from "./tracker.js";

export type { EventOutcome, GitLabAppDeps } from "./context.js";

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
      case "Note Hook":
      case "Confidential Note Hook": {
        const parsed = noteHookSchema.safeParse(payload);
        return parsed.success ? handleNoteHook(parsed.data, deps, log) : unreadable(event, parsed.error.message, log);
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

/** A known event in an unknown shape: logged and ignored, never a 4xx (GitLab would disable the hook). */
function unreadable(event: string, problem: string, log: Log): EventOutcome {
  log.warn({ event, problem }, "payload not understood: ignored");
  return ignored(`the ${event} payload was not understood`);
}

// Tasks, epics, objectives and test cases share the Issue Hook; they are not tickets.
const TICKET_TYPES = new Set(["issue", "incident"]);

/**
 * Intake on `open`, and on `reopen` (planIntake leaves an issue with
 * frontdesk's note alone); estimates and labels on `update`.
 */
async function handleIssueHook(payload: IssueHook, deps: GitLabAppDeps, log: Log): Promise<EventOutcome> {
  const attributes = payload.object_attributes;
  if (attributes.type && !TICKET_TYPES.has(attributes.type.toLowerCase())) return ignored(`a ${attributes.type} is not a ticket`);
  const action = attributes.action;
  if (action === "update") return handleIssueUpdate(payload, deps, log);
  if (action !== "open" && action !== "reopen") return ignored(`action ${action ?? "(none)"} is not handled`);
  const self = await deps.users.currentUser();
  if (isBotUser(payload.user, self)) return ignored(`${payload.user.username} is frontdesk or a bot`);
  deps.users.remember([payload.user, ...(payload.assignees ?? [])]);
  const ticket = toTicketFromHook(payload, self);
  const notATicket = whyNotATicketBeforeConfig(ticket);
  if (notATicket) return ignored(notATicket);

  const project = toProjectRef(payload.project);
  return lockIssue(deps, project, ticket.number, async () => {
    const config = await readProjectConfig(deps, payload.project, log);
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
    const review = outcome.kind === "triage" && config.kind === "valid" ? await reviewAfterIntake(payload, deps, config.config, self, log) : undefined;
    const reason = outcome.kind === "skip" ? outcome.reason : outcome.kind;
    return { status: "done", reason: review ? `${reason}; ${review.reason}` : reason };
  });
}

/**
 * A push to the default branch that touches a frontdesk.yml, or a file other
 * projects inherit, clears the cached configuration of every project built
 * on it, and the project's own file is checked with a commit status. GitLab
 * lists at most 20 commits; when there were more, the changed files are
 * unknown and the cache is cleared all the same.
 */
async function handlePushHook(payload: PushHook, deps: GitLabAppDeps, log: Log): Promise<EventOutcome> {
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
  const reason = `configuration cache cleared for ${cleared.length} project(s)`;
  const ownFileChanged = !complete || changed.includes(GITLAB_CONFIG_PATH);
  if (!ownFileChanged || !payload.checkout_sha) return { status: "done", reason };
  return { status: "done", reason: `${reason}; ${await reportConfigStatus(deps, project, payload.checkout_sha, log)}` };
}
