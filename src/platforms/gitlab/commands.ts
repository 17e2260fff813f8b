import { handleChange, handleComment, type RepositoryPort } from "../../desk/events.js";
import type { Log } from "../../desk/port.js";
import { ignored, lockIssue, readProjectConfig, toProjectRef, type EventOutcome, type GitLabAppDeps } from "./context.js";
import { toActor, toTicketFromHook, toTicketFromNoteHook } from "./mapper.js";
import type { GitLabHookProject, IssueHook, NoteHook } from "./payloads.js";
import { resolveProject } from "./resolve-project.js";
import { GitLabTracker } from "./tracker.js";

/**
 * Notes, estimates and labels a person sets: GitLab events mapped to the
 * desk's events, and the project opened for the desk (README: Commands,
 * and project work). Nothing here decides what happens to a ticket; notes without
 * commands and updates without an estimate or label cost no API call.
 */

/** `Note Hook` on an issue. */
export async function handleNoteHook(payload: NoteHook, deps: GitLabAppDeps, log: Log): Promise<EventOutcome> {
  const note = payload.object_attributes;
  const { issue } = payload;
  if (note.noteable_type !== "Issue" || !issue) return ignored("not a note on an issue");
  if (note.system) return ignored("a system note");
  const event = {
    ticket: toTicketFromNoteHook({ ...payload, issue }),
    comment: { id: note.id, body: note.note, internal: Boolean(note.internal || note.confidential) },
    author: async () => toActor(payload.user, await deps.users.currentUser()),
  };
  return handleComment(event, () => openProject(deps, payload.project, log));
}

/**
 * `Issue Hook` with action `update`: a new time estimate (GitLab's own
 * `/estimate`, which it turns into `time_estimate` and never shows as a
 * note), or labels a person added. GitLab tells who made the change.
 */
export async function handleIssueUpdate(payload: IssueHook, deps: GitLabAppDeps, log: Log): Promise<EventOutcome> {
  const labels = payload.changes?.labels;
  const before = new Set((labels?.previous ?? []).map((label) => label.title.toLowerCase()));
  const event = {
    ticket: toTicketFromHook(payload),
    by: async () => toActor(payload.user, await deps.users.currentUser()),
    addedLabels: (labels?.current ?? []).map((label) => label.title).filter((title) => !before.has(title.toLowerCase())),
    estimateMinutes: (payload.changes?.time_estimate?.current ?? 0) / 60,
  };
  return handleChange(event, () => openProject(deps, payload.project, log));
}

/**
 * The delivery's project as the desk asks for it. The API's project, not the
 * payload's path: what is read and what is written must be one project.
 */
export async function openProject(deps: GitLabAppDeps, hookProject: GitLabHookProject, log: Log): Promise<RepositoryPort> {
  const resolved = await resolveProject(deps, hookProject, log);
  const project = toProjectRef(resolved);
  return {
    repo: project.path,
    loadConfig: () => readProjectConfig(deps, resolved, log),
    // GitLab has no organisation teams in team.agency: logins only.
    teamMembers: async () => new Set<string>(),
    tracker: async () => new GitLabTracker(project, { client: deps.client, cache: deps.cache, users: deps.users, self: await deps.users.currentUser(), log }),
    lock: (iid, task) => lockIssue(deps, project, iid, task),
    now: deps.now,
    log,
    load: deps.load,
  };
}
