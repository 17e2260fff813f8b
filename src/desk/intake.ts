import { execute } from "./execute.js";
import { describeLabel, projectWorkLabel, supportLabel } from "../core/labels.js";
import { classifyUrgency } from "../core/classify.js";
import { countOpenTickets } from "../core/open-tickets.js";
import { emptyChanges } from "../core/plan.js";
import { planIntake, type IntakeResult } from "../core/plan-intake.js";
import { hasLabel } from "../core/text-match.js";
import { whyNotATicket } from "../core/not-a-ticket.js";
import type { AgencyTeamMembers } from "../core/team.js";
import type { Ticket } from "../core/types.js";
import type { Config } from "../config/schema.js";
import type { IssueTracker, Log } from "./port.js";
import { currentPriority, withPriority } from "../runtime/priority.js";
import type { RepoConfig } from "./repo-config.js";
import type { LoadBook } from "../runtime/load-book.js";

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
  /** Members of the agency teams in `team.agency` (GitHub), to tell the team from the client side. */
  teamMembers?: AgencyTeamMembers;
  /** People's open tickets in the platform's other repositories; this repository's counts go back into it. */
  load?: LoadBook;
}

export type IntakeOutcome = IntakeResult | { kind: "invalid-config" } | { kind: "no-config" };

/**
 * Brings one issue to its triaged state: reads the open issues once (fresh
 * labels, assignees and everyone's open tickets in one listing), or, when
 * the repository's open tickets are counted already, the issue alone; reads
 * the comments only when there are any, plans, and applies the difference.
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
  // An emergency, as far as the event already tells, goes ahead of everything
  // else the installation has queued: its reads as well as its writes.
  const urgent = isMostUrgent(config.config, classifyUrgency(config.config, request.ticket).value);
  return withPriority(urgent ? "urgent" : currentPriority(), () => triage(request, config.config));
}

async function triage(request: IntakeRequest, config: Config): Promise<IntakeOutcome> {
  const { tracker, log } = request;
  // Counted already (the sweep and every intake keep each repository's counts): this issue alone,
  // one call however many issues are open. Never counted: the listing counts them, and is kept.
  const kept = tracker.readIssue ? request.load?.countsOf(tracker.repo) : undefined;
  const open = kept ? [await tracker.readIssue!(request.ticket.number)] : await tracker.listOpenIssues();
  const fresh = open.find((issue) => issue.ticket.number === request.ticket.number);
  const ticket = fresh?.ticket ?? request.ticket;
  const commentCount = fresh?.commentCount ?? request.commentCount;
  const comments = commentCount > 0 ? await tracker.listComments(ticket.number) : [];
  const openTickets = kept ?? countOpenTickets(
    open.map((issue) => issue.ticket),
    ticket.number,
    projectWorkLabel(config),
    supportLabel(config),
  );
  const result = planIntake({
    config,
    ticket,
    comments,
    openTickets,
    elsewhere: request.load?.elsewhere(tracker.repo),
    clockStart: request.reopened ? request.now : ticket.createdAt,
    now: request.now,
    teamMembers: request.teamMembers,
  });
  if (result.kind === "skip") {
    log.debug({ repo: tracker.repo, issue: ticket.number, reason: result.reason }, "not triaged");
    return result;
  }
  const { urgency, contact, implementer, due } = result.decisions;
  // The fresh labels may make it an emergency after all (or no longer one).
  const priority = isMostUrgent(config, urgency.value) ? "urgent" : currentPriority();
  await withPriority(priority, () => execute(tracker, ticket, result, (label) => describeLabel(config, label), log));
  // What the listing showed, and this ticket with its assignees now: the next ticket anywhere sees it.
  if (!kept) request.load?.record(tracker.repo, openTickets);
  for (const login of new Set([...ticket.assignees, ...result.changes.assign])) request.load?.adjust(tracker.repo, login, 1);
  log.info(
    { repo: tracker.repo, issue: ticket.number, urgency: urgency.value, contact, implementer, due: due.toISOString(), reasons: result.reasons },
    "ticket triaged",
  );
  return result;
}

function isMostUrgent(config: Config, level: string): boolean {
  return Object.keys(config.urgency.levels)[0] === level;
}

const KEEP_REASON = "the configuration is invalid: labelled support only, so that no ticket is lost";

/** With a broken configuration no ticket is lost: it gets the support label and nothing else. */
async function keepTicket(tracker: IssueTracker, ticket: Ticket, log: Log): Promise<void> {
  if (hasLabel(ticket.labels, supportLabel(undefined))) return;
  const changes = emptyChanges();
  changes.addLabels.push(supportLabel(undefined));
  await execute(tracker, ticket, { changes, reasons: [KEEP_REASON] }, (label) => describeLabel(undefined, label), log);
  log.warn({ repo: tracker.repo, issue: ticket.number }, "configuration invalid: labelled support only");
}
