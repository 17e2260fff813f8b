import type { Config } from "../../config/schema.js";
import { findCommandLines, parseCommands } from "../../core/commands.js";
import { estimateFromSizeLabel } from "../../core/estimate.js";
import { urgencyLabel } from "../../core/labels.js";
import { whyNotATicket } from "../../core/not-a-ticket.js";
import { type Trigger } from "../../core/plan-project.js";
import { sameLabel } from "../../core/text-match.js";
import type { Ticket } from "../../core/types.js";
import type { Log } from "../../desk/port.js";
import { reconcileProjectStep } from "../../desk/project-step.js";
import { ignored, lockIssue, readProjectConfig, toProjectRef, type EventOutcome, type GitLabAppDeps } from "./context.js";
import { estimateFromSeconds } from "./estimate.js";
import { isBotUser, toTicketFromHook, toTicketFromNoteHook, type SelfUser } from "./mapper.js";
import { authorizeCommand, isTeamMember } from "../../core/team.js";
import type { GitLabHookProject, IssueHook, NoteHook } from "./payloads.js";
import { resolveProject } from "./resolve-project.js";
import { GitLabTracker, type ProjectRef } from "./tracker.js";

/**
 * Commands in notes, estimates and labels a person sets: GitLab events in,
 * the project-work reconciliation out (SPEC sections 2.6, 2.7 and 5). Notes
 * without commands and updates without an estimate or label cost no API call.
 */

/** `Note Hook` on an issue: `/urgency`, `/project`, `/support`, `/book` by a person. */
export async function handleNoteHook(payload: NoteHook, deps: GitLabAppDeps, log: Log): Promise<EventOutcome> {
  const note = payload.object_attributes;
  const { issue } = payload;
  if (note.noteable_type !== "Issue" || !issue) return ignored("not a note on an issue");
  if (note.system) return ignored("a system note");
  if (findCommandLines(note.note).length === 0) return ignored("no commands");
  const self = await deps.users.currentUser();
  if (isBotUser(payload.user, self)) return ignored(`${payload.user.username} is frontdesk or a bot`);
  const ticket = toTicketFromNoteHook({ ...payload, issue });
  return withConfig(deps, payload.project, ticket, log, async (config, project) => {
    // The roster decides, never the access level: clients often have Reporter or Developer access to their project.
    const author = payload.user.username;
    const authorization = authorizeCommand(config, author);
    log.debug({ repo: project.path, issue: ticket.number, by: author, authorization }, "commands");
    const parsed = parseCommands(config, note.note);
    // The client does not see the team's internal notes, nor must it see frontdesk's answers to them.
    const internal = Boolean(note.internal || note.confidential);
    const trigger: Trigger = { kind: "comment", commentId: note.id, parsed, authorized: authorization.allowed, author, internal };
    return reconcileStep({ deps, project, self, config, ticket, trigger, log });
  });
}

/**
 * `Issue Hook` with action `update`: a new time estimate (GitLab's own
 * `/estimate`, which it turns into `time_estimate` and never shows as a
 * note), or an urgency or size label a person added.
 */
export async function handleIssueUpdate(payload: IssueHook, deps: GitLabAppDeps, log: Log): Promise<EventOutcome> {
  const estimate = payload.changes?.time_estimate;
  const labels = payload.changes?.labels;
  const before = new Set((labels?.previous ?? []).map((label) => label.title.toLowerCase()));
  const added = (labels?.current ?? []).map((label) => label.title).filter((title) => !before.has(title.toLowerCase()));
  const newEstimate = estimate?.current ?? 0;
  if (newEstimate <= 0 && added.length === 0) return ignored("no new estimate or label");
  const self = await deps.users.currentUser();
  if (isBotUser(payload.user, self)) return ignored(`${payload.user.username} is frontdesk or a bot`);
  const ticket = toTicketFromHook(payload, self);
  return withConfig(deps, payload.project, ticket, log, async (config, project) => {
    // GitLab says who made the change: an estimate or label the client side sets decides nothing.
    const by = payload.user.username;
    if (!isTeamMember(config, by)) return ignored(`${by} is the client side: their estimate or label is no decision`);
    const triggers: Trigger[] = [];
    if (newEstimate > 0) triggers.push(estimateTrigger(config, newEstimate, by));
    for (const label of added) {
      const isUrgency = Object.keys(config.urgency.levels).some((level) => sameLabel(urgencyLabel(config, level), label));
      if (isUrgency || estimateFromSizeLabel(config, label)) triggers.push({ kind: "label", label, authorized: true });
    }
    if (triggers.length === 0) return ignored("no estimate and no urgency or size label");
    const outcomes: EventOutcome[] = [];
    for (const trigger of triggers) outcomes.push(await reconcileStep({ deps, project, self, config, ticket, trigger, log }));
    return combine(outcomes);
  });
}

/** GitLab's time estimate, which a team member set with `/estimate`, as frontdesk's estimate trigger. */
function estimateTrigger(config: Config, seconds: number, author: string): Trigger {
  return { kind: "estimate", duration: estimateFromSeconds(config, seconds), author };
}

/** Runs `task` in the issue's lock when the project has a valid configuration and the issue is a ticket. */
async function withConfig(
  deps: GitLabAppDeps,
  hookProject: GitLabHookProject,
  ticket: Ticket,
  log: Log,
  task: (config: Config, project: ProjectRef) => Promise<EventOutcome>,
): Promise<EventOutcome> {
  // The API's project, not the payload's path: what is read and what is written must be one project.
  const resolved = await resolveProject(deps, hookProject, log);
  const project = toProjectRef(resolved);
  return lockIssue(deps, project, ticket.number, async () => {
    const loaded = await readProjectConfig(deps, resolved, log);
    // An invalid configuration keeps tickets labelled; commands wait until it is fixed.
    if (loaded.kind !== "valid") return ignored(`no valid configuration (${loaded.kind})`);
    const notATicket = whyNotATicket(loaded.config, ticket);
    if (notATicket) return ignored(notATicket);
    return task(loaded.config, project);
  });
}

export interface StepRequest {
  deps: GitLabAppDeps;
  project: ProjectRef;
  self: SelfUser;
  config: Config;
  /** The issue as the event described it. */
  ticket: Ticket;
  trigger: Trigger;
  log: Log;
}

/** The project step through the shared executor, with a tracker of this delivery's project. */
async function reconcileStep(step: StepRequest): Promise<EventOutcome> {
  const { deps, config, trigger, log } = step;
  const tracker = new GitLabTracker(step.project, { client: deps.client, cache: deps.cache, users: deps.users, self: step.self, log });
  const outcome = await reconcileProjectStep({ tracker, config, ticket: step.ticket, trigger, now: deps.now(), log });
  if (outcome.kind === "nothing") return ignored(outcome.reason);
  return { status: "done", reason: outcome.notes.join("; ") || "reconciled" };
}

function combine(outcomes: readonly EventOutcome[]): EventOutcome {
  const done = outcomes.filter((outcome) => outcome.status === "done");
  return { status: done.length > 0 ? "done" : "ignored", reason: outcomes.map((outcome) => outcome.reason).join("; ") };
}
