import { execute } from "./execute.js";
import type { Config } from "../config/schema.js";
import { describeLabel, projectWorkLabel, supportLabel } from "../core/labels.js";
import { findOwnComment } from "../core/marker.js";
import { whyNotATicketBeforeConfig } from "../core/not-a-ticket.js";
import { ACK_MARKER } from "../core/plan-intake.js";
import { planSweep, type SweepComment, type SweepPlan, type TriageWindow } from "../core/plan-sweep.js";
import type { AgencyTeamMembers } from "../core/team.js";
import { hasLabel } from "../core/text-match.js";
import type { IssueTracker, Log, OpenIssue, TicketEditor } from "./port.js";
import { reconcileIntake } from "./intake.js";
import type { RepoConfig } from "./repo-config.js";
import { countOpenTickets } from "../core/open-tickets.js";
import type { LoadBook } from "../runtime/load-book.js";
import { isRateLimitError } from "./sweep-errors.js";
import { createSummary, type SweepSummary } from "./sweep-summary.js";
import { SweepTracker } from "./sweep-tracker.js";
import { CurrentLabels } from "./current-labels.js";
import { renameOldLabels, type RenamedLabel } from "./rename-labels.js";

/** Untriaged issues older than this predate the desk (or its configuration): the sweep leaves them be. */
export const TRIAGE_LOOKBACK_MS = 14 * 24 * 60 * 60 * 1000;
/** Issues younger than this are left to their webhook, which is most likely on its way. */
export const TRIAGE_GRACE_MS = 2 * 60 * 1000;

/** The triage window of a sweep that runs at `now`. */
export function triageWindowAt(now: Date): TriageWindow {
  return { from: new Date(now.getTime() - TRIAGE_LOOKBACK_MS), to: new Date(now.getTime() - TRIAGE_GRACE_MS) };
}

/** One repository or project, as the platform's sweep hands it over. */
export interface RepoSweep {
  tracker: IssueTracker;
  config: RepoConfig;
  /**
   * The open issues, from what earlier sweeps kept and what changed since
   * (desk/kept-listing.ts); without it, the tracker lists them all.
   */
  listOpen?(): Promise<OpenIssue[]>;
  /**
   * Labels the sweep renamed on the open tickets: the listing it keeps takes
   * the new names (desk/kept-listing.ts), since a rename changes no issue's
   * time of change and the next listing of changes would not show it.
   */
  renamedLabels?(renames: readonly RenamedLabel[]): Promise<void>;
  /** Comments of the tickets that need them, in as few calls as the platform allows (missing numbers: none). */
  readComments(tickets: readonly OpenIssue[]): Promise<Map<number, SweepComment[]>>;
  /** Runs `task` in the issue's lock, the one webhooks for that issue take. */
  lock<T>(number: number, task: () => Promise<T>): Promise<T>;
  /**
   * Right after the sweep triaged a ticket (its opening event was lost), in
   * its lock: what the webhook does after intake, such as moving a ticket
   * whose estimate is above the threshold to project work. `tracker` is the
   * sweep's, which reads labels the configuration renamed under their
   * current names and writes them under the names the repository has
   * (desk/current-labels.ts): the review goes through it.
   */
  afterTriage?(issue: OpenIssue, config: Config, tracker: TicketEditor): Promise<void>;
  /** Members of the agency teams in `team.agency` (GitHub): their comments are the team's. */
  teamMembers?: AgencyTeamMembers;
  /** People's open tickets across the platform's repositories: the listing's counts go in, triage reads them. */
  load?: LoadBook;
  now: Date;
  log: Log;
}

/**
 * Sweeps one repository: lists its open issues once, reads comments only for
 * the tickets that may need an action, plans each ticket and applies the
 * plan in the ticket's lock. A failing ticket is logged and counted and the
 * others go on; a rate limit is thrown, to stop the sweep.
 */
export async function sweepRepository(request: RepoSweep): Promise<SweepSummary> {
  const summary = createSummary();
  const { config } = request;
  if (config.kind === "missing") return summary;
  summary.repos = 1;
  const listed = await (request.listOpen ? request.listOpen() : request.tracker.listOpenIssues());
  const window = triageWindowAt(request.now);
  if (config.kind === "invalid") {
    const tracker = new SweepTracker(request.tracker, listed);
    // As at intake: with a broken configuration a new ticket is at least labelled support.
    const unlabelled = listed.filter((issue) => needsKeeping(issue, window));
    for (const issue of unlabelled) {
      await guard(request, issue, summary, () => triage(request, tracker, issue, summary));
    }
    return summary;
  }
  // Labels the configuration renamed get their new names first; any the sweep could not rename are still recognised.
  const renamed = await renameOldLabels({ tracker: request.tracker, config: config.config, open: listed, lock: request.lock, log: request.log });
  if (renamed.length > 0) await request.renamedLabels?.(renamed);
  const current = new CurrentLabels(request.tracker, config.config, listed.map((issue) => issue.ticket));
  const open = listed.map((issue) => ({ ...issue, ticket: current.learn(issue.ticket) }));
  const tracker = new SweepTracker(current, open);
  // The listing the sweep makes anyway is each person's load here, for assignment in every other repository.
  request.load?.record(tracker.repo, countOpenTickets(open.map((issue) => issue.ticket), undefined, projectWorkLabel(config.config), supportLabel(config.config)));
  const plans = await planAll(request, config.config, open, window);
  for (const [issue, plan] of plans) {
    if (plan.kind === "skip" || plan.kind === "need-comments") {
      request.log.debug({ repo: tracker.repo, issue: issue.ticket.number, reason: plan.reason }, "sweep: nothing to do");
      continue;
    }
    await guard(request, issue, summary, async () => {
      if (plan.kind === "triage") return triage(request, tracker, issue, summary, current);
      const acted = await request.lock(issue.ticket.number, async () => {
        // Planned from comments read before the lock: read again, so that what another sweep or replica
        // wrote meanwhile (a reminder, an escalation, the team's answer) is not written over or twice.
        const comments = await request.tracker.listComments(issue.ticket.number);
        const again = planSweep({ config: config.config, ticket: issue.ticket, commentCount: comments.length, comments, now: request.now, triageWindow: window, teamMembers: request.teamMembers });
        if (again.kind !== plan.kind) return false;
        // One plan a step: the escalation's comment before its label (a failure in between adds nothing twice).
        for (const step of again.steps) await execute(tracker, issue.ticket, step, (label) => describeLabel(config.config, label), request.log);
        return true;
      });
      if (!acted) {
        request.log.debug({ repo: tracker.repo, issue: issue.ticket.number }, "sweep: done meanwhile by someone else");
        return;
      }
      if (plan.kind === "remind") summary.reminders++;
      else summary.escalations++;
      const reasons = plan.steps.flatMap((step) => step.reasons);
      request.log.info({ repo: tracker.repo, issue: issue.ticket.number, due: plan.due.toISOString(), reasons }, plan.kind === "remind" ? "reminder sent" : "ticket escalated");
    });
  }
  return summary;
}

/** Plans from the listing, then again with comments for the tickets that need them (read together). */
async function planAll(request: RepoSweep, config: Config, open: OpenIssue[], window: TriageWindow): Promise<[OpenIssue, SweepPlan][]> {
  const plan = (issue: OpenIssue, comments?: SweepComment[]) =>
    planSweep({ config, ticket: issue.ticket, commentCount: issue.commentCount, comments, now: request.now, triageWindow: window, teamMembers: request.teamMembers });
  const first = open.map((issue) => [issue, plan(issue)] as [OpenIssue, SweepPlan]);
  const needing = first.filter(([, result]) => result.kind === "need-comments").map(([issue]) => issue);
  if (needing.length === 0) return first;
  const comments = await request.readComments(needing);
  return first.map(([issue, result]) => [issue, result.kind === "need-comments" ? plan(issue, comments.get(issue.ticket.number) ?? []) : result]);
}

/**
 * The webhook's intake, in the issue's lock, after a fresh look at its
 * comments: when a delivery triaged it since the listing, nothing happens.
 * Then what the webhook does after intake (afterTriage), still in the lock,
 * through `current` (none with an invalid configuration: nothing follows).
 */
async function triage(request: RepoSweep, tracker: SweepTracker, issue: OpenIssue, summary: SweepSummary, current?: CurrentLabels): Promise<void> {
  const { number } = issue.ticket;
  await request.lock(number, async () => {
    const comments = request.config.kind === "valid" ? await request.tracker.listComments(number) : [];
    if (findOwnComment(comments, ACK_MARKER)) return;
    tracker.useComments(number, comments);
    const outcome = await reconcileIntake({
      tracker,
      config: request.config,
      ticket: issue.ticket,
      commentCount: comments.length,
      reopened: false,
      now: request.now,
      log: request.log,
      teamMembers: request.teamMembers,
      load: request.load,
    });
    if (outcome.kind !== "triage" && outcome.kind !== "invalid-config") return;
    summary.triaged++;
    if (outcome.kind === "triage" && request.config.kind === "valid" && current) await request.afterTriage?.(issue, request.config.config, current);
  });
}

function needsKeeping(issue: OpenIssue, window: TriageWindow): boolean {
  const created = issue.ticket.createdAt.getTime();
  return (
    whyNotATicketBeforeConfig(issue.ticket) === undefined &&
    !hasLabel(issue.ticket.labels, supportLabel(undefined)) &&
    created >= window.from.getTime() &&
    created < window.to.getTime()
  );
}

/** One ticket's failure is logged and counted; a rate limit goes up and ends the sweep. */
async function guard(request: RepoSweep, issue: OpenIssue, summary: SweepSummary, task: () => Promise<unknown>): Promise<void> {
  try {
    await task();
  } catch (error) {
    if (isRateLimitError(error)) throw error;
    summary.errors++;
    request.log.error({ err: error, repo: request.tracker.repo, issue: issue.ticket.number }, "sweep: ticket failed");
  }
}
