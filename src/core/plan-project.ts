import type { Config } from "../config/schema.js";
import { findAcknowledgement, mention, renderAcknowledgement, clientName } from "./ack-record.js";
import { pickAssignees, pickPerson } from "./assign.js";
import { dueAt, localDay, toBusinessHours } from "./business-time.js";
import type { ParsedComment } from "./commands.js";
import { createDraft, type Draft } from "./draft.js";
import { compareWithThreshold, estimateFromSizeLabel, findEstimate } from "./estimate.js";
import { bookedLabel, needsEstimateLabel, projectWorkLabel, supportLabel, urgencyLabel } from "./labels.js";
import { ACK_MARKER } from "./plan-intake.js";
import { replaceMarker, type AckRecord } from "./marker.js";
import { formatDue, messageFor } from "./messages.js";
import type { BoardAction, Plan } from "./plan.js";
import { planReply, type ReplyLine } from "./plan-reply.js";
import { answer, planRefusal } from "./plan-refusal.js";
import { neutralizeQuote } from "./quote.js";
import { findContact, includesLogin, isTeamMember, type AgencyTeamMembers } from "./team.js";
import { sameLabel } from "./text-match.js";
import type { Comment, LoadElsewhere, OpenTickets, Ticket } from "./types.js";

/**
 * Project work, urgency changes and bookings after intake (README:
 * Commands) as a reconciliation: the record in
 * frontdesk's acknowledgement says what the ticket is, the trigger says what a
 * person changed, and the plan is the difference. The same command twice
 * finds the record already as it wants it and plans nothing.
 */

export type { BoardAction } from "./plan.js";

/** What made frontdesk look at the ticket. */
export type Trigger =
  /**
   * A comment with commands, by a team member or not (`author` is who wrote
   * it); `internal` when only the team sees it (a GitLab internal note), so
   * that frontdesk's answer is internal too.
   */
  | { kind: "comment"; commentId: number; parsed: ParsedComment; authorized: boolean; author: string; internal?: boolean }
  /** A person added this label; only the team's labels are decisions, the client side's change nothing. */
  | { kind: "label"; label: string; authorized: boolean }
  /** A team member set the platform's own estimate (GitLab's `/estimate` quick action): a duration. */
  | { kind: "estimate"; duration: string; author: string }
  /** Nothing happened; check the ticket against its estimate (after intake, say). */
  | { kind: "review" };

/** The ticket as it is now, with its comments (for the record and earlier replies) and the trigger. */
export interface ProjectInput {
  config: Config;
  ticket: Ticket;
  comments: readonly Comment[];
  trigger: Trigger;
  /** Open support tickets per assignee, this ticket excluded; needed only to pick someone, and then asked for. */
  openTickets?: OpenTickets;
  /** Open tickets in the other repositories frontdesk serves, as far as it has counted them. */
  elsewhere?: LoadElsewhere;
  /** Members of the agency teams in `team.agency` (GitHub), to tell the team from the client side. */
  teamMembers?: AgencyTeamMembers;
  now: Date;
}

/** The difference to apply: labels, assignees and new comments; the rewritten record; board actions. */
export interface ProjectPlan extends Plan {
  board: BoardAction[];
}

/** A plan, or why there is none. */
export type ProjectResult =
  | { kind: "skip"; reason: string }
  /** No acknowledgement with a record: intake has not happened (or its comment was deleted). */
  | { kind: "untriaged" }
  /** Someone must be picked: plan again with `openTickets`. */
  | { kind: "need-open-tickets" }
  | { kind: "plan"; plan: ProjectPlan };

/** Thrown inside the planner when someone must be picked and the open tickets were not given. */
class NeedOpenTickets extends Error {}

/** The plan for one trigger; see {@link Trigger}. */
export function planProjectStep(input: ProjectInput): ProjectResult {
  const { trigger } = input;
  if (trigger.kind === "comment" && !trigger.authorized) return planRefusal(input, trigger);
  if (trigger.kind === "label" && !trigger.authorized) return { kind: "skip", reason: `${trigger.label} was set by the client side: the team decides` };
  const ack = findAcknowledgement(input.comments);
  if (!ack) return { kind: "untriaged" };
  try {
    return { kind: "plan", plan: planWithRecord(input, ack.comment, ack.record) };
  } catch (error) {
    if (error instanceof NeedOpenTickets) return { kind: "need-open-tickets" };
    throw error;
  }
}

function planWithRecord(input: ProjectInput, ack: Comment, before: AckRecord): ProjectPlan {
  const { config, ticket, trigger } = input;
  const after: AckRecord = { ...before };
  const draft = createDraft(ticket);
  const plan: ProjectPlan = { changes: draft.changes, board: [], reasons: [] };
  const replies: ReplyLine[] = [];
  const books: string[] = [];
  let urgencyTouched = false;

  const recordEstimate = (duration: string, from: "command" | "label") => {
    after.estimate = duration;
    after.estimateFrom = from;
    // A new estimate is a new decision: it ends an earlier /project or /support.
    delete after.override;
    draft.removeLabel(needsEstimateLabel(config));
  };
  if (trigger.kind === "comment") {
    for (const command of trigger.parsed.commands) {
      if (command.name === "urgency") [after.urgency, urgencyTouched] = [command.level, true];
      else if (command.name === "estimate") recordEstimate(command.duration, "command");
      else if (command.name === "book") books.push(command.function);
      else after.override = command.name;
    }
    for (const line of trigger.parsed.malformed) {
      replies.push({ key: "malformed", vars: { command: neutralizeQuote(line.text), accepted: line.accepted } });
    }
  } else if (trigger.kind === "estimate") {
    recordEstimate(trigger.duration, "command");
  } else if (trigger.kind === "label") {
    const level = Object.keys(config.urgency.levels).find((key) => sameLabel(urgencyLabel(config, key), trigger.label));
    const size = estimateFromSizeLabel(config, trigger.label);
    if (level !== undefined) [after.urgency, urgencyTouched] = [level, true];
    else if (size) recordEstimate(size.duration, "label");
    else plan.reasons.push(`${trigger.label} is neither an urgency nor a size label`);
  }
  if (urgencyTouched) planUrgency(input, draft, before, after, plan.reasons);

  const recorded = after.estimate ? { duration: after.estimate, source: after.estimateFrom ?? "command", detail: after.estimate } : undefined;
  // What came with the issue (a size label, a form answer) is the team's
  // estimate only when the team opened it; from the client side it is a hint.
  const estimate = isTeamMember(config, ticket.author.login, input.teamMembers) ? findEstimate(config, ticket, recorded) : recorded;
  const sizing = estimate && compareWithThreshold(config, estimate.duration);
  if (estimate) plan.reasons.push(`estimate ${estimate.duration} (${estimate.source}) vs threshold ${config.project_work.threshold}`);
  if (after.override) plan.reasons.push(`/${after.override} decides`);
  const wasProject = before.project === true;
  // Without an estimate or a person's word, frontdesk leaves the ticket as it is.
  const wantProject = after.override ? after.override === "project" : sizing ? sizing.above : wasProject;
  const comments: string[] = [];
  if (wantProject && !wasProject) {
    // The estimate explains the handoff only when it is what made this project work.
    comments.push(planToProject(input, draft, after, plan.board, sizing?.above ? estimate?.duration : undefined));
    if (config.project_work.move_to) plan.move = config.project_work.move_to;
    plan.reasons.push(describeProjectWork(config, after, plan));
  }
  if (!wantProject && wasProject) {
    comments.push(planToSupport(input, draft, after, plan.board));
    plan.reasons.push(`back to support: contact ${after.contact ?? "none"}${after.implementer ? `, implementer ${after.implementer}` : ""}`);
  }
  for (const fn of books) planBooking(input, draft, fn, plan.reasons, replies);

  if (!isSameRecord(after, before)) {
    // The visible text names the urgency and the due time: rewrite it when they change.
    const body = after.urgency !== before.urgency || after.due !== before.due
      ? renderAcknowledgement(config, ticket, after)
      : replaceMarker(ack.body, ACK_MARKER, after);
    plan.ack = { id: ack.id, body };
  }
  plan.changes.comments.push(...comments);
  if (trigger.kind === "comment") {
    const reply = planReply(config, input.comments, trigger.commentId, replies);
    if (reply) answer(plan.changes, trigger, reply);
  }
  return plan;
}

/** The chosen level's label only, and a due time counted from now, when the level changed. */
function planUrgency(input: ProjectInput, draft: Draft, before: AckRecord, after: AckRecord, reasons: string[]): void {
  const { config, now } = input;
  for (const level of Object.keys(config.urgency.levels)) {
    if (level === after.urgency) draft.addLabel(urgencyLabel(config, level));
    else draft.removeLabel(urgencyLabel(config, level));
  }
  if (after.urgency === before.urgency) return;
  // The clock restarts: the new level's promise runs from when a person set it,
  // not from an arrival that may be days ago.
  const within = config.urgency.levels[after.urgency]?.respond_within ?? "1d";
  after.due = dueAt(now, within, toBusinessHours(config.business_hours)).toISOString();
  reasons.push(`urgency ${before.urgency} -> ${after.urgency}, due ${after.due}`);
}

/** One line for the log and `simulate`: where project work goes and to whom. */
function describeProjectWork(config: Config, after: AckRecord, plan: ProjectPlan): string {
  const parts = [`project work: labelled ${projectWorkLabel(config)}`];
  if (after.handoff) parts.push(`handed off to ${after.handoff} (project_work.handoff)`);
  else if (config.model === "support-team") parts.push("nobody in project_work.handoff");
  for (const action of plan.board) parts.push(`${action.kind === "add" ? "onto" : "off"} board ${action.board}`);
  if (plan.move) parts.push(`into ${plan.move} (project_work.move_to)`);
  return parts.join("; ");
}

/** Project work: its label instead of support's, its board, and in the support-team model the handoff. */
function planToProject(input: ProjectInput, draft: Draft, after: AckRecord, board: BoardAction[], estimate?: string): string {
  const { config, ticket, now } = input;
  const work = config.project_work;
  draft.addLabel(projectWorkLabel(config));
  draft.removeLabel(supportLabel(config));
  let handoff: string | undefined;
  if (config.model === "support-team" && work.handoff.length > 0) {
    const today = localDay(now, config.business_hours.timezone);
    // Nobody counts project tickets, so only absences matter; when all are away the first still owns it.
    handoff = pickPerson({ config, candidates: work.handoff, openTickets: {}, today, seed: ticket.number }).login ?? work.handoff[0];
    const implementers = implementationLayer(config);
    for (const login of [...draft.assignees]) {
      const isImplementer = includesLogin(implementers, login) || sameLogin(login, after.implementer);
      if (isImplementer && !includesLogin(config.team.contacts, login) && !sameLogin(login, handoff)) draft.unassign(login);
    }
    if (handoff) draft.assign(handoff);
    after.handoff = handoff;
  }
  after.project = true;
  if (work.board && work.board !== config.support_board) board.push({ kind: "add", board: work.board, status: work.column });
  if (config.support_board && work.board !== config.support_board) board.push({ kind: "remove", board: config.support_board });
  return messageFor("project_work", config, {
    client: clientName(config, ticket),
    contact: mention(config, after.contact ?? findContact(config, draft.assignees)),
    estimate: estimate ?? "",
    threshold: work.threshold,
    handoff: handoff ? `@${handoff}` : "",
    function: after.function ?? "",
  });
}

/** Undoes project work: labels, boards, and a contact and an implementer as intake would pick them. */
function planToSupport(input: ProjectInput, draft: Draft, after: AckRecord, board: BoardAction[]): string {
  const { config, ticket, now } = input;
  const work = config.project_work;
  draft.addLabel(supportLabel(config));
  draft.removeLabel(projectWorkLabel(config));
  if (after.handoff && !includesLogin(config.team.contacts, after.handoff)) draft.unassign(after.handoff);
  delete after.handoff;
  delete after.project;
  const fn = after.function;
  const implementers = fn === undefined ? [] : [...(config.team.functions[fn] ?? []), ...(config.team.bookable[fn] ?? [])];
  const contact = findContact(config, draft.assignees);
  const hasImplementer = fn === undefined || draft.assignees.some((login) => includesLogin(implementers, login));
  if (contact === undefined || !hasImplementer) {
    if (!input.openTickets) throw new NeedOpenTickets();
    const today = localDay(now, config.business_hours.timezone);
    const picked = pickAssignees({ config, functionName: fn, openTickets: input.openTickets, elsewhere: input.elsewhere, today, seed: ticket.number });
    if (contact === undefined && picked.contact.login) {
      after.contact = picked.contact.login;
      draft.assign(picked.contact.login);
    }
    if (!hasImplementer && picked.implementer.login) {
      after.implementer = picked.implementer.login;
      draft.assign(picked.implementer.login);
      if (picked.booked && fn !== undefined) draft.addLabel(bookedLabel(config, fn));
    }
  } else {
    after.contact = contact;
  }
  if (work.board && work.board !== config.support_board) board.push({ kind: "remove", board: work.board });
  if (config.support_board && work.board !== config.support_board) board.push({ kind: "add", board: config.support_board });
  const due = new Date(after.due);
  const hours = toBusinessHours(config.business_hours);
  return messageFor("back_to_support", config, {
    client: clientName(config, ticket),
    contact: mention(config, after.contact),
    // A promise that has passed is not repeated.
    due: due > now ? formatDue(due, hours.zone, config.language) : "",
    function: fn ?? "",
  });
}

/** The bookable person for a function, unless one of the pool is already on the ticket. */
function planBooking(input: ProjectInput, draft: Draft, fn: string, reasons: string[], replies: ReplyLine[]): void {
  const { config, ticket, now } = input;
  const pool = config.team.bookable[fn] ?? [];
  if (!pool.some((login) => draft.isAssigned(login))) {
    if (!input.openTickets) throw new NeedOpenTickets();
    const today = localDay(now, config.business_hours.timezone);
    const pick = pickPerson({ config, candidates: pool, openTickets: input.openTickets, elsewhere: input.elsewhere, today, seed: ticket.number });
    if (pick.login === undefined) {
      reasons.push(`/book ${fn}: nobody available (${pick.skipped.map((skip) => `${skip.login} ${skip.reason}`).join(", ")})`);
      replies.push({ key: "unavailable", vars: { function: fn } });
      return;
    }
    draft.assign(pick.login);
    reasons.push(`/book ${fn}: ${pick.login}`);
  }
  draft.addLabel(bookedLabel(config, fn));
}

/** Records are equal when their keys have equal values, in whatever order the keys were set. */
function isSameRecord(a: AckRecord, b: AckRecord): boolean {
  const entries = (record: AckRecord) => JSON.stringify(Object.entries(record).sort(([x], [y]) => x.localeCompare(y)));
  return entries(a) === entries(b);
}

function implementationLayer(config: Config): string[] {
  return [...Object.values(config.team.functions).flat(), ...Object.values(config.team.bookable).flat()];
}

function sameLogin(a: string, b: string | undefined): boolean {
  return b !== undefined && a.toLowerCase() === b.toLowerCase();
}
