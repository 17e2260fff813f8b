import type { Config } from "../config/schema.js";
import { findCommandLines, parseCommands } from "../core/commands.js";
import { estimateFromMinutes, estimateFromSizeLabel } from "../core/estimate.js";
import { currentLabel, findRenames } from "../core/label-roles.js";
import { urgencyLabel } from "../core/labels.js";
import { whyNotATicket, whyNotATicketBeforeConfig } from "../core/not-a-ticket.js";
import type { Trigger } from "../core/plan-project.js";
import { authorizeCommand, isTeamMember, type AgencyTeamMembers } from "../core/team.js";
import { sameLabel } from "../core/text-match.js";
import type { Actor, Ticket } from "../core/types.js";
import type { Log, TicketEditor } from "./port.js";
import { reconcileProjectStep, type ProjectStepOutcome } from "./project-step.js";
import { CurrentLabels } from "./current-labels.js";
import type { RepoConfig } from "./repo-config.js";
import type { LoadBook } from "../runtime/load-book.js";

/**
 * What people do to a ticket after intake, decided once for every platform:
 * a comment with commands, a label, a platform's own estimate. The adapter
 * maps its webhook to one of these events and opens the repository; the
 * desk decides whether it is worth a look, who may do what, and runs the
 * project step. Cheap checks come first, so that an ordinary comment costs
 * no call at all.
 */

/** One repository or project on a platform, for one delivery: what the desk asks of the adapter. */
export interface RepositoryPort {
  readonly repo: string;
  /** The repository's configuration (cached by the adapter). */
  loadConfig(): Promise<RepoConfig>;
  /** Members of team.agency's organisation teams (GitHub); empty where the platform has none. */
  teamMembers(config: Config): Promise<AgencyTeamMembers>;
  /** The issue tracker of the repository, for this delivery. */
  tracker(): Promise<TicketEditor>;
  /** Runs `task` in the issue's lock, the one every delivery and the sweep take. */
  lock<T>(number: number, task: () => Promise<T>): Promise<T>;
  now(): Date;
  log: Log;
  /** People's open tickets across the platform's repositories (assignment picks the least loaded across clients). */
  load?: LoadBook;
}

/** What became of an event, for the log (and GitLab's answer). */
export interface DeskOutcome {
  status: "done" | "ignored";
  reason: string;
}

/** A comment on an issue. `author` is asked only when the comment has commands (it may cost a call). */
export interface CommentEvent {
  ticket: Ticket;
  comment: { id: number; body: string; internal: boolean };
  author(): Promise<Actor>;
}

/**
 * A person changed the issue: added labels, or set the platform's own
 * estimate (GitLab's `/estimate`, in minutes of work). `commentCount`, when
 * the platform tells it: without comments there is no acknowledgement yet,
 * and intake, which reads the labels itself, is still to come.
 */
export interface ChangeEvent {
  ticket: Ticket;
  by(): Promise<Actor>;
  addedLabels: string[];
  estimateMinutes?: number;
  commentCount?: number;
}

const ignored = (reason: string): DeskOutcome => ({ status: "ignored", reason });

/** A comment: commands by the team run, the client side's get the polite refusal. */
export async function handleComment(event: CommentEvent, open: () => Promise<RepositoryPort>): Promise<DeskOutcome> {
  if (findCommandLines(event.comment.body).length === 0) return ignored("no commands");
  const notATicket = whyNotATicketBeforeConfig(event.ticket);
  if (notATicket) return ignored(notATicket);
  const author = await event.author();
  if (author.isBot || author.isSelf) return ignored(`${author.login} is frontdesk or a bot`);
  return withTicket(event.ticket, await open(), async (repository, config, teamMembers) => {
    // The roster decides, never the platform's association or access level: clients often have both.
    const authorization = authorizeCommand(config, author.login, teamMembers);
    repository.log.debug({ repo: repository.repo, issue: event.ticket.number, by: author.login, authorization }, "commands");
    const parsed = parseCommands(config, event.comment.body);
    // The client does not see the team's internal notes, nor must it see frontdesk's answers to them.
    const trigger: Trigger = { kind: "comment", commentId: event.comment.id, parsed, authorized: authorization.allowed, author: author.login, internal: event.comment.internal };
    return step(repository, config, event.ticket, [trigger], teamMembers);
  });
}

/**
 * A label or an estimate a person set: an urgency label replaces frontdesk's,
 * a size label or an estimate above the threshold makes project work. Only
 * the team's are decisions; other labels are none of frontdesk's business.
 */
export async function handleChange(event: ChangeEvent, open: () => Promise<RepositoryPort>): Promise<DeskOutcome> {
  const minutes = event.estimateMinutes ?? 0;
  if (minutes <= 0 && event.addedLabels.length === 0) return ignored("no new estimate or label");
  if (event.commentCount === 0) return ignored("no acknowledgement yet: intake is still to come");
  const notATicket = whyNotATicketBeforeConfig(event.ticket);
  if (notATicket) return ignored(notATicket);
  const by = await event.by();
  if (by.isBot || by.isSelf) return ignored(`${by.login} is frontdesk or a bot`);
  return withTicket(event.ticket, await open(), async (repository, config, teamMembers) => {
    // The platform says who made the change: what the client side sets decides nothing.
    if (!isTeamMember(config, by.login, teamMembers)) return ignored(`${by.login} is the client side: their estimate or label is no decision`);
    const triggers: Trigger[] = [];
    if (minutes > 0) triggers.push({ kind: "estimate", duration: estimateFromMinutes(config, minutes), author: by.login });
    // A label the configuration renamed, added under its old name (the sweep has not renamed it yet), counts as the new one.
    const renames = findRenames(config, [event.ticket]);
    for (const label of event.addedLabels.map((added) => currentLabel(added, renames))) {
      const isUrgency = Object.keys(config.urgency.levels).some((level) => sameLabel(urgencyLabel(config, level), label));
      if (isUrgency || estimateFromSizeLabel(config, label)) triggers.push({ kind: "label", label, authorized: true });
    }
    if (triggers.length === 0) return ignored("no estimate and no urgency or size label");
    return step(repository, config, event.ticket, triggers, teamMembers);
  });
}

/** Runs `task` in the issue's lock when the repository has a valid configuration and the issue is a ticket. */
async function withTicket(
  ticket: Ticket,
  repository: RepositoryPort,
  task: (repository: RepositoryPort, config: Config, teamMembers: AgencyTeamMembers) => Promise<DeskOutcome>,
): Promise<DeskOutcome> {
  return repository.lock(ticket.number, async () => {
    const loaded = await repository.loadConfig();
    // An invalid configuration is reported where the team works; commands wait until it is fixed.
    if (loaded.kind !== "valid") return ignored(`no valid configuration (${loaded.kind})`);
    const notATicket = whyNotATicket(loaded.config, ticket);
    if (notATicket) return ignored(notATicket);
    return task(repository, loaded.config, await repository.teamMembers(loaded.config));
  });
}

/** The project step for each trigger in turn; done when any of them did something. */
async function step(repository: RepositoryPort, config: Config, event: Ticket, triggers: Trigger[], teamMembers: AgencyTeamMembers): Promise<DeskOutcome> {
  // Labels the configuration renamed are recognised under their old names until the sweep renames them.
  const tracker = new CurrentLabels(await repository.tracker(), config);
  const ticket = tracker.learn(event);
  const outcomes: DeskOutcome[] = [];
  for (const trigger of triggers) {
    const outcome: ProjectStepOutcome = await reconcileProjectStep({ tracker, config, ticket, trigger, now: repository.now(), log: repository.log, teamMembers, load: repository.load });
    outcomes.push(outcome.kind === "nothing" ? ignored(outcome.reason) : { status: "done", reason: outcome.reasons.join("; ") || "reconciled" });
  }
  if (outcomes.length === 1) return outcomes[0]!;
  return { status: outcomes.some((outcome) => outcome.status === "done") ? "done" : "ignored", reason: outcomes.map((outcome) => outcome.reason).join("; ") };
}
