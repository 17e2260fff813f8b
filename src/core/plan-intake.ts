import type { Config } from "../config/schema.js";
import { pickAssignees, type Assignment } from "./assign.js";
import { localDay, toBusinessHours } from "./business-time.js";
import { classifyFunction, classifyUrgency, type Classification } from "./classify.js";
import { bookedLabel, functionLabel, levelName, needsEstimateLabel, supportLabel, urgencyLabel } from "./labels.js";
import { findOwnComment, writeMarker, type AckRecord } from "./marker.js";
import { formatDue, messageFor } from "./messages.js";
import { emptyChanges, type BoardAction, type BoardField, type Plan } from "./plan.js";
import { clientName } from "./ack-record.js";
import { explainIntake } from "./explain.js";
import { findKeyword, hasLabel } from "./text-match.js";
import { whyNotATicket } from "./not-a-ticket.js";
import { compareWithThreshold, findEstimate } from "./estimate.js";
import { findContact, isTeamMember, type AgencyTeamMembers } from "./team.js";
import type { Comment, LoadElsewhere, OpenTickets, Ticket } from "./types.js";
import { onCallAt } from "./on-call.js";
import { promisedDue } from "./promise.js";

export const ACK_MARKER = "ack";

export interface IntakeInput {
  config: Config;
  ticket: Ticket;
  /** The ticket's comments as they are now (to find frontdesk's own). */
  comments: readonly Comment[];
  /** Open support tickets and project work per assignee (lower-cased login) in this repository, this ticket excluded. */
  openTickets: OpenTickets;
  /** The same in the other repositories frontdesk serves, as far as it has counted them. */
  elsewhere?: LoadElsewhere;
  /** When the response clock starts: the ticket's creation, or its reopening. */
  clockStart: Date;
  now: Date;
  /** Members of the agency teams in `team.agency` (GitHub), to tell the team from the client side. */
  teamMembers?: AgencyTeamMembers;
}

export interface IntakeDecisions {
  urgency: Classification;
  function?: Classification;
  /** undefined when a person had already assigned the ticket. */
  assignment?: Assignment;
  contact?: string;
  implementer?: string;
  due: Date;
  /** The hint in `project_work.hints` the text matched. */
  needsEstimate?: string;
  /** An estimate above the threshold that came from the client side (a hint the team confirms), as written. */
  clientEstimate?: string;
}

export type IntakeResult =
  | { kind: "skip"; reason: string }
  /** A plan, with the decisions it came from (for `simulate --json` and the log). */
  | ({ kind: "triage"; decisions: IntakeDecisions } & Plan);

/**
 * Intake as a reconciliation (README: How intake decides): from the ticket as
 * it is and the configuration, the labels, assignees and acknowledgement it
 * should have. A ticket that carries frontdesk's acknowledgement is done.
 */
export function planIntake(input: IntakeInput): IntakeResult {
  const { config, ticket, now } = input;
  const notATicket = whyNotATicket(config, ticket);
  if (notATicket) return { kind: "skip", reason: notATicket };
  if (findOwnComment(input.comments, ACK_MARKER)) return { kind: "skip", reason: "already triaged" };

  const hours = toBusinessHours(config.business_hours);
  const urgency = classifyUrgency(config, ticket);
  const fn = classifyFunction(config, ticket);
  // An always level outside business hours: the wall clock, and the person on call.
  const promised = promisedDue(config, urgency.value, input.clockStart);
  const due = promised.due;
  const wall = promised.clock === "wall";
  const onCall = wall ? onCallAt(config, input.clockStart) : undefined;

  const changes = emptyChanges();
  const want = (label: string) => {
    if (!hasLabel(ticket.labels, label) && !hasLabel(changes.addLabels, label)) changes.addLabels.push(label);
  };
  want(supportLabel(config));
  want(urgencyLabel(config, urgency.value));
  if (fn) want(functionLabel(config, fn.value));
  const needsEstimate = findKeyword(`${ticket.title}\n${ticket.body}`, config.project_work.hints);
  const clientEstimate = findClientEstimate(input);
  if (needsEstimate !== undefined || clientEstimate !== undefined) want(needsEstimateLabel(config));

  let assignment: Assignment | undefined;
  let contact: string | undefined;
  let implementer: string | undefined;
  if (ticket.assignees.length > 0) {
    // A person chose the assignees: frontdesk adds none and names who is on it.
    contact = findContact(config, ticket.assignees) ?? ticket.assignees[0];
    implementer = ticket.assignees.find((login) => login !== contact);
  } else {
    assignment = pickAssignees({
      config,
      functionName: fn?.value,
      openTickets: input.openTickets,
      elsewhere: input.elsewhere,
      today: localDay(now, hours.zone),
      seed: ticket.number,
    });
    contact = assignment.contact.login;
    implementer = assignment.implementer.login;
    for (const login of [contact, implementer, onCall?.login]) {
      if (login !== undefined && !changes.assign.includes(login)) changes.assign.push(login);
    }
    if (assignment.booked && fn) want(bookedLabel(config, fn.value));
  }

  const record: AckRecord = { urgency: urgency.value, due: due.toISOString() };
  if (fn) record.function = fn.value;
  if (contact) record.contact = contact;
  if (implementer) record.implementer = implementer;
  if (wall) record.clock = "wall";
  if (onCall?.login && assignment) record.onCall = onCall.login;
  const message = messageFor("acknowledge", config, {
    client: clientName(config, ticket),
    contact: contact ? `@${contact}` : config.language === "de" ? "unser Team" : "our team",
    implementer: implementer ? `@${implementer}` : "",
    urgency: levelName(config, urgency.value),
    due: formatDue(due, hours.zone, config.language),
    function: fn?.value ?? "",
  });
  changes.comments.push(`${message}\n\n${writeMarker(ACK_MARKER, record)}`);
  const boardLater = config.support_board ? [supportBoardItem(config, ticket, urgency.value, due, fn?.value)] : [];

  const reasons = explainIntake(config, {
    urgency,
    function: fn,
    assignment,
    keptAssignees: ticket.assignees,
    due,
    clockStart: input.clockStart,
    wall,
    onCall: assignment ? onCall : undefined,
    needsEstimate,
    clientEstimate,
  });
  if (config.support_board) reasons.push(`support board: added, with Urgency, Due, Client and Function where the board has such fields`);
  return {
    kind: "triage",
    changes,
    reasons,
    ...(boardLater.length > 0 ? { boardLater } : {}),
    decisions: { urgency, function: fn, assignment, contact, implementer, due, needsEstimate, clientEstimate },
  };
}

/** The new ticket's item on the support board, with the fields the board may have. */
function supportBoardItem(config: Config, ticket: Ticket, level: string, due: Date, fn: string | undefined): BoardAction {
  const fields: BoardField[] = [
    { name: "Urgency", values: [level, urgencyLabel(config, level)] },
    { name: "Due", values: [localDay(due, config.business_hours.timezone)] },
    { name: "Client", values: [clientName(config, ticket)] },
  ];
  if (fn !== undefined) fields.push({ name: "Function", values: [fn, functionLabel(config, fn)] });
  return { kind: "add", board: config.support_board!, fields };
}

/**
 * An estimate above the threshold that came with an issue from the client
 * side (a form answer, a size label): a hint the team confirms with
 * `/estimate` or `/project`, so the ticket gets `needs estimate` instead of
 * becoming project work.
 */
function findClientEstimate(input: IntakeInput): string | undefined {
  const { config, ticket } = input;
  if (isTeamMember(config, ticket.author.login, input.teamMembers)) return undefined;
  const estimate = findEstimate(config, ticket);
  if (!estimate || !compareWithThreshold(config, estimate.duration).above) return undefined;
  return estimate.detail;
}

