import { describeLabel, SUPPORT_LABEL } from "../../core/labels.js";
import { countOpenTickets } from "../../core/open-tickets.js";
import { emptyChanges } from "../../core/plan.js";
import { planIntake, type IntakeResult } from "../../core/plan-intake.js";
import { hasLabel } from "../../core/text-match.js";
import { whyNotATicket } from "../../core/not-a-ticket.js";
import type { Ticket } from "../../core/types.js";
import type { IssueTracker, Log } from "../port.js";
import { currentPriority, withPriority } from "./priority.js";
import type { RepoConfig } from "./repo-config.js";

export interface IntakeRequest {
  tracker: IssueTracker;
  config: RepoConfig;
  /** The issue as the event described it; refreshed from the listing when it is there. */
  ticket: Ticket;
  /** Comments on the issue according to the event, used when the listing lacks it. */
  commentCount: number;
  /** Reopened issues start the response clock now; opened ones when they were created. */
  reopened: boolean;
  now: Date;
  log: Log;
}

export type IntakeOutcome = IntakeResult | { kind: "invalid-config" } | { kind: "no-config" };

/**
 * Brings one issue to its triaged state: reads the open issues once (fresh
 * labels, assignees and everyone's open tickets in one listing), reads the
 * comments only when there are any, plans, and applies the difference.
 */
export async function reconcileIntake(request: IntakeRequest): Promise<IntakeOutcome> {
  const { tracker, config, log } = request;
  if (config.kind === "missing") return { kind: "no-config" };
  if (config.kind === "invalid") {
    await keepTicket(tracker, request.ticket, log);
    return { kind: "invalid-config" };
  }
  const notATicket = whyNotATicket(config.config, request.ticket);
  if (notATicket) {
    log.debug({ repo: tracker.repo, issue: request.ticket.number, reason: notATicket }, "not a ticket");
    return { kind: "skip", reason: notATicket };
  }
  const open = await tracker.listOpenIssues();
  const fresh = open.find((issue) => issue.ticket.number === request.ticket.number);
  const ticket = fresh?.ticket ?? request.ticket;
  const commentCount = fresh?.commentCount ?? request.commentCount;
  const comments = commentCount > 0 ? await tracker.listComments(ticket.number) : [];
  const result = planIntake({
    config: config.config,
    ticket,
    comments,
    openTickets: countOpenTickets(
      open.map((issue) => issue.ticket),
      ticket.number,
    ),
    clockStart: request.reopened ? request.now : ticket.createdAt,
    now: request.now,
  });
  if (result.kind === "skip") {
    log.debug({ repo: tracker.repo, issue: ticket.number, reason: result.reason }, "not triaged");
    return result;
  }
  const { urgency, contact, implementer, due } = result.decisions;
  // The most urgent level's writes go ahead of everything else the installation has queued.
  const urgent = Object.keys(config.config.urgency.levels)[0] === urgency.value;
  await withPriority(urgent ? "urgent" : currentPriority(), () =>
    tracker.apply(ticket.number, result.changes, (label) => describeLabel(config.config, label)),
  );
  log.info(
    { repo: tracker.repo, issue: ticket.number, urgency: urgency.value, contact, implementer, due: due.toISOString() },
    "ticket triaged",
  );
  return result;
}

/** With a broken configuration no ticket is lost: it gets the support label and nothing else. */
async function keepTicket(tracker: IssueTracker, ticket: Ticket, log: Log): Promise<void> {
  if (hasLabel(ticket.labels, SUPPORT_LABEL)) return;
  const changes = emptyChanges();
  changes.addLabels.push(SUPPORT_LABEL);
  await tracker.apply(ticket.number, changes, (label) => describeLabel(undefined, label));
  log.warn({ repo: tracker.repo, issue: ticket.number }, "configuration invalid: labelled support only");
}
