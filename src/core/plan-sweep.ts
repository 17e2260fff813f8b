import type { Config } from "../config/schema.js";
import { durationToMinutes } from "../config/values.js";
import { clientName, findAcknowledgement, mention } from "./ack-record.js";
import { businessMinutesBetween, dayMinutes, toBusinessHours, type BusinessHours } from "./business-time.js";
import { classifyUrgency } from "./classify.js";
import { findFirstResponse, type SweepComment } from "./first-response.js";
import { levelName, projectWorkLabel, slaBreachedLabel, supportLabel } from "./labels.js";
import { findOwnComment, writeMarker } from "./marker.js";
import { findContact, type AgencyTeamMembers } from "./team.js";
import { formatDue, messageFor, type MessageKey } from "./messages.js";
import { whyNotATicket } from "./not-a-ticket.js";
import { ACK_MARKER } from "./plan-intake.js";
import { emptyChanges, type Changes, type Plan } from "./plan.js";
import { recordedPromise } from "./promise.js";
import { hasLabel } from "./text-match.js";
import type { Ticket } from "./types.js";

export type { SweepComment } from "./first-response.js";

/**
 * What the periodic sweep does with one open issue (README: Response times and the sweep):
 * nothing, triage it (its opening event never arrived), remind the contact,
 * or escalate. Every action leaves its trace on the issue (a marker in
 * frontdesk's comment, the `sla: breached` label), so however many sweeps run,
 * each happens once. The due time is the acknowledgement's own.
 */

/** Marker kinds of frontdesk's reminder and escalation comments. */
export const REMINDER_MARKER = "reminder";
export const ESCALATION_MARKER = "escalation";

/** Untriaged issues created in [from, to) are triaged by the sweep; older ones predate the desk, newer ones are the webhook's. */
export interface TriageWindow {
  from: Date;
  to: Date;
}

/** One open issue as the sweep sees it, with the configuration and the time. */
export interface SweepInput {
  config: Config;
  ticket: Ticket;
  /** Comments as the platform's issue listing counts them (GitLab: user notes). */
  commentCount: number;
  /** The comments; undefined when not read: the plan then says whether they are needed. */
  comments?: readonly SweepComment[];
  now: Date;
  triageWindow: TriageWindow;
  /** Members of the agency teams in `team.agency` (GitHub): their comments are the team's. */
  teamMembers?: AgencyTeamMembers;
}

/** What to do, and why (for the log). `steps` are applied one after another. */
export type SweepPlan =
  | { kind: "skip"; reason: string }
  /** Read the comments and plan again. */
  | { kind: "need-comments"; reason: string }
  /** Run the intake reconciliation, as the webhook would have. */
  | { kind: "triage"; reason: string }
  | { kind: "remind"; reason: string; due: Date; steps: Plan[] }
  | { kind: "escalate"; reason: string; due: Date; steps: Plan[] };

/**
 * The sweep's plan for one open issue. Without `comments` it decides from
 * the listing alone when it can (most tickets are not yet at their reminder
 * point) and asks for the comments otherwise.
 */
export function planSweep(input: SweepInput): SweepPlan {
  const { config, ticket } = input;
  const notATicket = whyNotATicket(config, ticket);
  if (notATicket) return skip(notATicket);
  if (hasLabel(ticket.labels, projectWorkLabel(config))) return skip("project work is exempt");
  // The label goes on after the escalation's comment, so it means "escalated";
  // and when a person put it on, they are on it.
  const breached = slaBreachedLabel(config);
  if (hasLabel(ticket.labels, breached)) return skip(`already escalated (${breached})`);
  const comments = input.comments;
  if (comments === undefined) {
    return input.commentCount === 0 ? planTriage(input, "no comments, so no acknowledgement") : planFromListing(input);
  }
  return planFromComments(input, comments);
}

function planFromListing(input: SweepInput): SweepPlan {
  const { config, ticket, now } = input;
  if (!hasLabel(ticket.labels, supportLabel(config)) && isInWindow(ticket, input.triageWindow)) {
    return { kind: "need-comments", reason: `not labelled ${supportLabel(config)}: perhaps never triaged` };
  }
  // The acknowledgement's clock starts at the creation or later and runs for
  // the level's time, so before this share of that time has passed since the
  // creation, no reminder or escalation can be due.
  const hours = toBusinessHours(config.business_hours);
  const level = classifyUrgency(config, ticket).value;
  const total = responseMinutes(config, level, hours);
  // A level with hours: always may run on the wall clock: count the wall
  // clock's minutes, which are never fewer, so no reminder is missed.
  const elapsed = config.urgency.levels[level]?.hours === "always" ? (now.getTime() - ticket.createdAt.getTime()) / 60_000 : businessMinutesBetween(ticket.createdAt, now, hours);
  if (total !== undefined && elapsed * 100 < remindPercent(config) * total) return skip("not yet at the reminder point");
  return { kind: "need-comments", reason: "at or past the earliest reminder point" };
}

function planFromComments(input: SweepInput, comments: readonly SweepComment[]): SweepPlan {
  const { config, ticket, now } = input;
  const own = findOwnComment(comments, ACK_MARKER);
  if (!own) return planTriage(input, "no acknowledgement");
  const record = findAcknowledgement(comments)?.record;
  if (record?.project) return skip("project work is exempt");
  const hours = toBusinessHours(config.business_hours);
  const level = record?.urgency ?? classifyUrgency(config, ticket).value;
  // An unreadable record (a person edited the comment): the same promise intake made, on the same clock.
  const promised = recordedPromise(config, record, level, ticket.createdAt);
  const due = promised.due;

  const first = findFirstResponse(config, ticket, comments, input.teamMembers);
  if (first) return skip(`answered by ${first.author.login} at ${first.createdAt.toISOString()}`);
  if (findOwnComment(comments, ESCALATION_MARKER)) return skip("already escalated");
  const contact = record?.contact ?? findContact(config, ticket.assignees) ?? ticket.assignees[0];
  const vars = {
    client: clientName(config, ticket),
    contact: mention(config, contact),
    implementer: record?.implementer ? `@${record.implementer}` : "",
    urgency: levelName(config, level),
    due: formatDue(due, hours.zone, config.language),
    function: record?.function ?? "",
    leads: config.team.leads.map((login) => `@${login}`).join(" "),
  };
  if (now.getTime() >= due.getTime()) {
    const reason = `due ${due.toISOString()} passed without a first response`;
    const leads = config.team.leads.join(", ") || "no leads in team.leads";
    return {
      kind: "escalate",
      reason,
      due,
      // The comment first: a failure between the two leaves no label, and the
      // next sweep finds the comment's marker and adds nothing twice.
      steps: [
        { changes: withComment(message("escalation", config, vars, ESCALATION_MARKER, due)), reasons: [`escalated to ${leads}: ${reason}`] },
        { changes: withLabel(slaBreachedLabel(config)), reasons: [`labelled ${slaBreachedLabel(config)}: ${reason}`] },
      ],
    };
  }
  if (findOwnComment(comments, REMINDER_MARKER)) return skip("already reminded");
  // A promise made on the wall clock (hours: always, outside business hours) is reminded on it too.
  const wall = promised.clock === "wall";
  const within = config.urgency.levels[level]?.respond_within;
  const total = wall
    ? within === undefined ? (due.getTime() - own.comment.createdAt.getTime()) / 60_000 : durationToMinutes(within, 24 * 60)
    : (responseMinutes(config, level, hours) ?? businessMinutesBetween(own.comment.createdAt, due, hours));
  const remaining = wall ? Math.max(0, (due.getTime() - now.getTime()) / 60_000) : businessMinutesBetween(now, due, hours);
  if (remaining * 100 > (100 - remindPercent(config)) * total) return skip(`reminder when ${config.sla.remind_at} of the time has passed`);
  const reason = `${config.sla.remind_at} of the time to ${due.toISOString()} has passed`;
  return {
    kind: "remind",
    reason,
    due,
    steps: [{ changes: withComment(message("reminder", config, vars, REMINDER_MARKER, due)), reasons: [`reminded ${contact ?? "the team"}: ${reason}`] }],
  };
}

function planTriage(input: SweepInput, reason: string): SweepPlan {
  const { createdAt } = input.ticket;
  const { from, to } = input.triageWindow;
  if (createdAt.getTime() >= to.getTime()) return skip(`${reason}, but just opened: the webhook's to triage`);
  if (createdAt.getTime() < from.getTime()) return skip(`${reason}, but opened before ${from.toISOString()}: too old for the sweep to triage`);
  return { kind: "triage", reason };
}

function isInWindow(ticket: Ticket, window: TriageWindow): boolean {
  const created = ticket.createdAt.getTime();
  return created >= window.from.getTime() && created < window.to.getTime();
}

/** `sla.remind_at` in percent: "80%" is 80 (kept whole, so that 80% of 480 minutes is exactly 384). */
export function remindPercent(config: Config): number {
  return Number.parseInt(config.sla.remind_at, 10);
}

/** A level's response time in business minutes; undefined for a level the configuration no longer has. */
function responseMinutes(config: Config, level: string, hours: BusinessHours): number | undefined {
  const within = config.urgency.levels[level]?.respond_within;
  return within === undefined ? undefined : durationToMinutes(within, dayMinutes(hours));
}

function message(key: MessageKey, config: Config, vars: Record<string, string>, marker: string, due: Date): string {
  return `${messageFor(key, config, vars)}\n\n${writeMarker(marker, { due: due.toISOString() })}`;
}

function withComment(body: string): Changes {
  return { ...emptyChanges(), comments: [body] };
}

function withLabel(label: string): Changes {
  return { ...emptyChanges(), addLabels: [label] };
}

function skip(reason: string): SweepPlan {
  return { kind: "skip", reason };
}

