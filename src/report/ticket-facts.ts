import type { Config } from "../config/schema.js";
import { findAcknowledgement } from "../core/ack-record.js";
import { businessMinutesBetween, toBusinessHours } from "../core/business-time.js";
import { classifyFunction, classifyUrgency, knownFunctions } from "../core/classify.js";
import { findFirstResponse } from "../core/first-response.js";
import { bookedLabel, projectWorkLabel } from "../core/labels.js";
import { findOwnComment, type AckRecord } from "../core/marker.js";
import { whyNotATicket } from "../core/not-a-ticket.js";
import { ESCALATION_MARKER, REMINDER_MARKER } from "../core/plan-sweep.js";
import { recordedPromise, type Clock } from "../core/promise.js";
import type { AgencyTeamMembers } from "../core/team.js";
import { hasLabel } from "../core/text-match.js";
import type { Platform } from "../core/types.js";
import type { ReportTicket } from "./source.js";

/**
 * What the report knows about one ticket, read from the issue and from
 * frontdesk's own record on it (the acknowledgement's marker, the reminder
 * and escalation markers) with the core's own functions, so that the report
 * counts exactly what the desk did. Only comments by frontdesk's own
 * identity carry records: a marker a person wrote counts for nothing.
 */

/** Which clock a ticket's response time runs on: business hours, or the wall clock for `hours: always` levels. */
export type { Clock } from "../core/promise.js";

/**
 * What became of the promise the acknowledgement made: kept (first response
 * by the due time), missed (later, or none and the due time has passed),
 * open (no response yet and not yet due), exempt (project work, answered or
 * not, and tickets closed before the due time without a response, which the
 * sweep never chases).
 */
export type PromiseOutcome = "kept" | "missed" | "open" | "exempt";

/** A repository as the report computes with it. */
export interface RepositoryInput {
  platform: Platform;
  repo: string;
  config: Config;
  teamMembers?: AgencyTeamMembers;
  tickets: readonly ReportTicket[];
}

export interface TicketFacts {
  platform: Platform;
  repo: string;
  /** The client's name: `client` in the configuration, else the repository's path. */
  client: string;
  model: Config["model"];
  /** The time zone of the client's business hours (the month and its weeks are the client's). */
  zone: string;
  number: number;
  title: string;
  url?: string;
  createdAt: Date;
  closedAt?: Date;
  urgency: string;
  function?: string;
  contact?: string;
  implementer?: string;
  assignees: string[];
  due: Date;
  clock: Clock;
  firstResponseAt?: Date;
  firstResponder?: string;
  /** Minutes to the first response on the ticket's clock; undefined while unanswered. */
  firstResponseMinutes?: number;
  promise: PromiseOutcome;
  reminded: boolean;
  escalated: boolean;
  projectWork: boolean;
  /** Functions booked from the agency pool (`booked: <function>` labels). */
  booked: string[];
  estimate?: string;
}

/**
 * The clock a ticket's promise ran on: what its acknowledgement's record says
 * (`clock: wall` for a level with `hours: always` that arrived outside
 * business hours), or, without a readable record, what intake would have
 * decided from the level and the time it arrived.
 */
export function ticketClock(config: Config, record: AckRecord | undefined, level: string, createdAt: Date): Clock {
  return recordedPromise(config, record, level, createdAt).clock;
}

/** The client a repository belongs to in the report. */
export function clientOf(config: Config, repo: string): string {
  return config.client ?? repo;
}

/**
 * The facts of one issue, or undefined when it is not a ticket (a pull
 * request, a bot's issue, an ignored author, a paused repository). Closed
 * issues are tickets too: the month's tickets are counted whatever became of them.
 */
export function ticketFacts(repository: RepositoryInput, item: ReportTicket, now: Date): TicketFacts | undefined {
  const { config, teamMembers } = repository;
  const { ticket, comments } = item;
  // whyNotATicket speaks of the issue as the desk meets it, open; a closed one was a ticket all the same.
  if (whyNotATicket(config, { ...ticket, state: "open" }) !== undefined) return undefined;
  const record = findAcknowledgement(comments)?.record;
  const hours = toBusinessHours(config.business_hours);
  const urgency = record?.urgency ?? classifyUrgency(config, ticket).value;
  // Without a readable record, the promise intake would have made, due time and clock together (as the sweep does).
  const { due, clock } = recordedPromise(config, record, urgency, ticket.createdAt);
  const first = findFirstResponse(config, ticket, comments, teamMembers);
  const reminded = findOwnComment(comments, REMINDER_MARKER) !== undefined;
  const escalated = findOwnComment(comments, ESCALATION_MARKER) !== undefined;
  const projectWork = record?.project === true || hasLabel(ticket.labels, projectWorkLabel(config));
  const minutes =
    first === undefined
      ? undefined
      : clock === "wall"
        ? Math.max(0, first.createdAt.getTime() - ticket.createdAt.getTime()) / 60_000
        : businessMinutesBetween(ticket.createdAt, first.createdAt, hours);
  const facts: TicketFacts = {
    platform: repository.platform,
    repo: repository.repo,
    client: clientOf(config, repository.repo),
    model: config.model,
    zone: hours.zone,
    number: ticket.number,
    title: ticket.title,
    createdAt: ticket.createdAt,
    urgency,
    assignees: [...ticket.assignees],
    due,
    clock,
    promise: promiseOutcome({ due, firstAt: first?.createdAt, closedAt: item.closedAt, projectWork, escalated, now }),
    reminded,
    escalated,
    projectWork,
    // `/book` books a function of the roster's pool, and its label is named by the configuration.
    booked: knownFunctions(config).filter((name) => hasLabel(ticket.labels, bookedLabel(config, name))),
  };
  const fn = record?.function ?? classifyFunction(config, ticket)?.value;
  if (fn !== undefined) facts.function = fn;
  if (record?.contact !== undefined) facts.contact = record.contact;
  if (record?.implementer !== undefined) facts.implementer = record.implementer;
  if (record?.estimate !== undefined) facts.estimate = record.estimate;
  if (item.url !== undefined) facts.url = item.url;
  if (item.closedAt !== undefined) facts.closedAt = item.closedAt;
  if (first !== undefined && minutes !== undefined) {
    facts.firstResponseAt = first.createdAt;
    facts.firstResponder = first.author.login;
    facts.firstResponseMinutes = minutes;
  }
  return facts;
}

function promiseOutcome(input: { due: Date; firstAt: Date | undefined; closedAt: Date | undefined; projectWork: boolean; escalated: boolean; now: Date }): PromiseOutcome {
  const { due, firstAt, closedAt, projectWork, escalated, now } = input;
  // Project work is not held to the support promise (the sweep exempts it), answered or not.
  if (projectWork) return "exempt";
  if (firstAt !== undefined) return firstAt.getTime() <= due.getTime() ? "kept" : "missed";
  // frontdesk escalated it: the promise was broken, whatever became of the ticket after.
  if (escalated) return "missed";
  // A ticket closed before its due time needed no answer.
  if (closedAt !== undefined && closedAt.getTime() <= due.getTime()) return "exempt";
  return now.getTime() >= due.getTime() ? "missed" : "open";
}
