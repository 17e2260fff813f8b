import type { z } from "zod";
import type { Log } from "../../desk/port.js";
import { handleOpened } from "../../desk/triage.js";
import { GITLAB_CONFIG_PATH } from "./config-loader.js";
import { ignored, type EventOutcome, type GitLabAppDeps } from "./context.js";
import { toActor, toTicketFromHook } from "./mapper.js";
import { handleIssueUpdate, handleNoteHook, openProject } from "./commands.js";
import { reportConfigStatus } from "./config-status.js";
import { issueHookSchema, noteHookSchema, pushHookSchema, type IssueHook, type PushHook } from "./payloads.js";
import { forgetProject, ProjectNotFoundError, ProjectOutOfScopeError, resolveProject, type ResolvedProject } from "./resolve-project.js";

export type { EventOutcome, GitLabAppDeps } from "./context.js";

/** What the endpoint learnt about a delivery besides its body. */
export interface DeliveryContext {
  /** The namespace the secret that admitted it is limited to; undefined for a secret valid everywhere. */
  scope?: string;
}

/** Handles one verified delivery: the `X-Gitlab-Event` name, its parsed body, and how it was admitted. */
export type GitLabApp = (event: string, payload: unknown, log: Log, delivery?: DeliveryContext) => Promise<EventOutcome>;

/** GitLab events in, reconciliations out (the GitLab side of github/app.ts). */
export function createGitLabApp(deps: GitLabAppDeps): GitLabApp {
  // What a push to another replica cleared, cleared here too (each replica knows its own dependents).
  deps.broadcast?.subscribe("gitlab:push", (message) => {
    if (typeof message.projectId === "number") forgetProject(deps.cache, message.projectId);
    if (typeof message.path !== "string") return;
    const files = Array.isArray(message.files) ? message.files.filter((file): file is string => typeof file === "string") : "all";
    for (const affected of deps.dependents.affectedBy(message.path, files)) deps.cache.clear(affected);
  });
  return async (event, payload, log, delivery = {}) => {
    const scoped: GitLabAppDeps = delivery.scope === undefined ? deps : { ...deps, scope: delivery.scope };
    try {
      return await dispatch(event, payload, scoped, log);
    } catch (error) {
      if (error instanceof ProjectOutOfScopeError) {
        // Someone with one group's secret named another group's project id.
        log.warn({ projectId: error.projectId, repo: error.path, scope: error.scope }, "the project is outside the scope of the secret that admitted the delivery: ignored");
        return ignored("the project is outside the scope of the delivery's secret");
      }
      if (error instanceof ProjectNotFoundError) {
        log.warn({ projectId: error.projectId }, "the delivery's project is not visible to frontdesk's token: ignored");
        return ignored("the project was not found");
      }
      throw error;
    }
  };
}

function dispatch(event: string, payload: unknown, deps: GitLabAppDeps, log: Log): Promise<EventOutcome> | EventOutcome {
  switch (event) {
    case "Issue Hook":
    case "Confidential Issue Hook": {
      const parsed = issueHookSchema.safeParse(payload);
      return parsed.success ? handleIssueHook(parsed.data, deps, log) : unreadable(event, parsed.error, log);
    }
    case "Note Hook":
    case "Confidential Note Hook": {
      const parsed = noteHookSchema.safeParse(payload);
      if (!parsed.success) return unreadable(event, parsed.error, log);
      // Editing a note re-sends it: fixing a typo in an old `/support` must not undo a later `/project`.
      if (parsed.data.object_attributes.action === "update") return ignored("an edited note: commands run when a note is written");
      return handleNoteHook(parsed.data, deps, log);
    }
    case "Push Hook": {
      const parsed = pushHookSchema.safeParse(payload);
      return parsed.success ? handlePushHook(parsed.data, deps, log) : unreadable(event, parsed.error, log);
    }
    default:
      return ignored(`${event || "an event without X-Gitlab-Event"} is not used`);
  }
}

/**
 * A known event in an unknown shape: logged and ignored, never a 4xx (GitLab
 * would disable the hook). Only the codes and paths of the problems are
 * logged: zod's messages may quote the payload's values.
 */
function unreadable(event: string, error: z.ZodError, log: Log): EventOutcome {
  const problems = error.issues.map((issue) => ({ code: issue.code, path: issue.path.map(String).join(".") }));
  log.warn({ event, problems }, "payload not understood: ignored");
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
  deps.users.remember([payload.user, ...(payload.assignees ?? [])]);
  const event = {
    ticket: toTicketFromHook(payload, self),
    by: async () => toActor(payload.user, self),
    reopened: action === "reopen",
    // The hook does not count notes; the listing does, and a reopened issue may have some.
    commentCount: action === "reopen" ? 1 : 0,
    // GitLab's own estimate (`/estimate` in the description), in seconds of work.
    estimateMinutes: (payload.object_attributes.time_estimate ?? 0) / 60,
  };
  return handleOpened(event, () => openProject(deps, payload.project, log));
}

/**
 * A push to the default branch that touches a frontdesk.yml, or a file other
 * projects inherit, clears the cached configuration of every project built
 * on it, and the project's own file is checked with a commit status. GitLab
 * lists at most 20 commits; when there were more, the changed files are
 * unknown and the cache is cleared all the same.
 */
async function handlePushHook(payload: PushHook, deps: GitLabAppDeps, log: Log): Promise<EventOutcome> {
  // A push is when a rename or a new default branch would show: the next delivery asks the API again.
  forgetProject(deps.cache, payload.project.id);
  deps.broadcast?.publish("gitlab:push", { projectId: payload.project.id });
  // The payload only decides whether to look closer; what is cleared and checked is the API's project.
  const claimed = configurationPush(payload, payload.project, deps);
  if (typeof claimed === "string") return ignored(claimed);
  const project = await resolveProject(deps, payload.project, log);
  const push = configurationPush(payload, project, deps);
  if (typeof push === "string") return ignored(push);
  const { changed, complete } = push;
  const path = project.path_with_namespace;
  const cleared = deps.dependents.affectedBy(path, complete ? changed : "all");
  for (const affected of cleared) deps.cache.clear(affected);
  deps.broadcast?.publish("gitlab:push", { path, files: complete ? changed : "all" });
  log.info({ repo: path, files: complete ? changed : "unknown (more than 20 commits)", cleared }, "configuration changed: cache cleared");
  const reason = `configuration cache cleared for ${cleared.length} project(s)`;
  const ownFileChanged = !complete || changed.includes(GITLAB_CONFIG_PATH);
  if (!ownFileChanged || !payload.checkout_sha) return { status: "done", reason };
  return { status: "done", reason: `${reason}; ${await reportConfigStatus(deps, project, payload.checkout_sha, log)}` };
}

/** The configuration files a push to `project`'s default branch changed, or why the push is of no interest. */
function configurationPush(
  payload: PushHook,
  project: Pick<ResolvedProject, "path_with_namespace" | "default_branch"> | PushHook["project"],
  deps: GitLabAppDeps,
): { changed: string[]; complete: boolean } | string {
  if (!project.default_branch || payload.ref !== `refs/heads/${project.default_branch}`) return "not a push to the default branch";
  const path = project.path_with_namespace;
  const commits = payload.commits ?? [];
  const complete = (payload.total_commits_count ?? commits.length) <= commits.length;
  const touched = commits.flatMap((commit) => [...(commit.added ?? []), ...(commit.modified ?? []), ...(commit.removed ?? [])]);
  const changed = touched.filter((file) => file === GITLAB_CONFIG_PATH || /(^|\/)frontdesk\.ya?ml$/u.test(file) || deps.dependents.isInherited(path, file));
  if (complete && changed.length === 0) return "no configuration file changed";
  return { changed, complete };
}
