import { estimateFromMinutes } from "../core/estimate.js";
import { whyNotATicketBeforeConfig } from "../core/not-a-ticket.js";
import type { Actor, Ticket } from "../core/types.js";
import type { DeskOutcome, RepositoryPort } from "./events.js";
import { reconcileIntake, type IntakeOutcome, type IntakeRequest } from "./intake.js";
import type { TicketEditor } from "./port.js";
import { reviewAfterTriage, type ProjectStepOutcome } from "./project-step.js";
import { CurrentLabels } from "./current-labels.js";

/** What a new or reopened issue came to: its intake, and the project-work review that followed it. */
export interface TriageOutcome {
  intake: IntakeOutcome;
  /** Present when intake triaged a ticket whose estimate made it project work at once. */
  review?: ProjectStepOutcome;
}

/**
 * A new or reopened issue, whole: intake, then, for a ticket the team
 * opened with an estimate above the threshold, the project step at once. One
 * trip through the desk for the adapter; call it inside the issue's lock.
 */
export async function triageTicket(request: IntakeRequest & { tracker: TicketEditor; platformEstimate?: string }): Promise<TriageOutcome> {
  const intake = await reconcileIntake(request);
  if (intake.kind !== "triage" || request.config.kind !== "valid") return { intake };
  const { tracker, ticket, now, log, teamMembers, load } = request;
  const review = await reviewAfterTriage({ tracker, config: request.config.config, ticket, now, log, teamMembers, load }, request.platformEstimate);
  return review ? { intake, review } : { intake };
}

/** An issue opened or reopened, as the adapter maps it. `by` is who opened (or reopened) it. */
export interface OpenedEvent {
  ticket: Ticket;
  by(): Promise<Actor>;
  reopened: boolean;
  /** Comments on the issue according to the event (the listing's count wins when it has the issue). */
  commentCount: number;
  /** The platform's own estimate in minutes of work (GitLab's time estimate), when it keeps one. */
  estimateMinutes?: number;
}

/**
 * A new or reopened issue, decided once for every platform: not from a bot,
 * a ticket before and after the configuration is known, then intake and the
 * project-work review in the issue's lock. A broken configuration is logged
 * with its file:line:col and the ticket still gets `support`.
 */
export async function handleOpened(event: OpenedEvent, open: () => Promise<RepositoryPort>): Promise<DeskOutcome> {
  const by = await event.by();
  if (by.isBot || by.isSelf) return { status: "ignored", reason: `${by.login} is frontdesk or a bot` };
  const notATicket = whyNotATicketBeforeConfig(event.ticket);
  if (notATicket) return { status: "ignored", reason: notATicket };
  const repository = await open();
  const ticket = { ...event.ticket, repo: repository.repo };
  const { log } = repository;
  return repository.lock(ticket.number, async () => {
    const config = await repository.loadConfig();
    for (const error of config.kind === "invalid" ? config.errors : []) {
      log.error({ repo: ticket.repo, issue: ticket.number }, `invalid configuration: ${error.format()}`);
    }
    const teamMembers = config.kind === "valid" ? await repository.teamMembers(config.config) : undefined;
    const minutes = event.estimateMinutes ?? 0;
    // Labels the configuration renamed are recognised under their old names until the sweep renames them.
    const current = config.kind === "valid" ? new CurrentLabels(await repository.tracker(), config.config) : undefined;
    const { intake, review } = await triageTicket({
      tracker: current ?? (await repository.tracker()),
      config,
      ticket: current ? current.learn(ticket) : ticket,
      commentCount: event.commentCount,
      reopened: event.reopened,
      now: repository.now(),
      log,
      teamMembers,
      load: repository.load,
      platformEstimate: minutes > 0 && config.kind === "valid" ? estimateFromMinutes(config.config, minutes) : undefined,
    });
    const reason = intake.kind === "skip" ? intake.reason : intake.kind;
    const reviewed = review && (review.kind === "done" ? review.reasons.join("; ") || "reconciled" : review.reason);
    return { status: "done", reason: reviewed ? `${reason}; ${reviewed}` : reason };
  });
}
