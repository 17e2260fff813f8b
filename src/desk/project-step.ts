import type { Config } from "../config/schema.js";
import { whyNotATicket } from "../core/not-a-ticket.js";
import { describeLabel, projectWorkLabel, supportLabel } from "../core/labels.js";
import { countOpenTickets } from "../core/open-tickets.js";
import { planProjectStep, type ProjectResult, type Trigger } from "../core/plan-project.js";
import { compareWithThreshold, findEstimate } from "../core/estimate.js";
import { isTeamMember, type AgencyTeamMembers } from "../core/team.js";
import type { Comment, OpenTickets, Ticket } from "../core/types.js";
import type { Log, TicketEditor } from "./port.js";
import { reconcileIntake } from "./intake.js";
import { execute } from "./execute.js";
import type { RepoConfig } from "./repo-config.js";
import type { LoadBook } from "../runtime/load-book.js";

export interface ProjectStepInput {
  tracker: TicketEditor;
  config: Config;
  /** The issue as the event described it. */
  ticket: Ticket;
  trigger: Trigger;
  now: Date;
  log: Log;
  /** Members of the agency teams in `team.agency` (GitHub), to tell the team from the client side. */
  teamMembers?: AgencyTeamMembers;
  /** People's open tickets in the platform's other repositories, kept up to date with what this step assigns. */
  load?: LoadBook;
}

/**
 * Reads the issue as it is now and frontdesk's record and plans the project
 * step (project work, back to support, urgency, booking) the same way on
 * both platforms; each applies the plan with what it has (boards on GitHub,
 * moving the issue on GitLab). A ticket that was never triaged (its opening
 * event was lost) is triaged first when a team member speaks to it, and the
 * open tickets are read only when the plan must pick people.
 */
export async function resolveProjectStep(
  input: ProjectStepInput,
): Promise<{ ticket: Ticket; comments: Comment[]; result: ProjectResult }> {
  const { tracker, config, trigger, now, log, teamMembers } = input;
  const number = input.ticket.number;
  const refused = trigger.kind === "comment" && !trigger.authorized;
  // A refusal changes nothing, so the event's view of the issue is enough.
  let [ticket, comments] = await Promise.all([refused ? input.ticket : tracker.getTicket(number), tracker.listComments(number)]);
  // Closed since the event was sent, say: then it is no ticket to act on.
  const notATicket = whyNotATicket(config, ticket);
  if (notATicket) return { ticket, comments, result: { kind: "skip", reason: notATicket } };
  const elsewhere = input.load?.elsewhere(tracker.repo);
  const plan = (openTickets?: Record<string, number>) => planProjectStep({ config, ticket, comments, trigger, openTickets, elsewhere, teamMembers, now });
  let result: ProjectResult = plan();
  // A team member's word (a command, an estimate) on a ticket never triaged: triage it first.
  if (result.kind === "untriaged" && ((trigger.kind === "comment" && !refused) || trigger.kind === "estimate")) {
    const repoConfig: RepoConfig = { kind: "valid", config, warnings: [] };
    await reconcileIntake({ tracker, config: repoConfig, ticket, commentCount: comments.length, reopened: false, now, log, teamMembers, load: input.load });
    [ticket, comments] = await Promise.all([tracker.getTicket(number), tracker.listComments(number)]);
    result = plan();
  }
  if (result.kind === "need-open-tickets") {
    const labels = [projectWorkLabel(config), supportLabel(config)] as const;
    // Counted already (the sweep and every intake keep each repository's counts, as intake uses them): no call.
    // Never counted: the listing counts them once, and is kept.
    let all = input.load?.countsOf(tracker.repo);
    let counted: Ticket | undefined = ticket;
    if (!all) {
      const open = await tracker.listOpenIssues();
      counted = open.find((issue) => issue.ticket.number === number)?.ticket;
      ticket = counted ?? ticket;
      all = countOpenTickets(open.map((issue) => issue.ticket), undefined, ...labels);
      input.load?.record(tracker.repo, all);
    }
    // This ticket left out: its own share taken off everyone's counts.
    result = plan(without(all, counted ? countOpenTickets([counted], undefined, ...labels) : {}));
  }
  return { ticket, comments, result };
}

/** `counts` less `share`, none below zero. */
function without(counts: OpenTickets, share: OpenTickets): OpenTickets {
  const left: Record<string, number> = { ...counts };
  for (const [login, count] of Object.entries(share)) {
    const rest = (left[login] ?? 0) - count;
    if (rest > 0) left[login] = rest;
    else delete left[login];
  }
  return left;
}

/** What became of a project step: done, with what was decided, or nothing to do and why. */
export type ProjectStepOutcome = { kind: "done"; reasons: string[] } | { kind: "nothing"; reason: string };

/**
 * The project step, whole, the same on every platform: reads the issue and
 * frontdesk's record, plans, and applies the plan through the port. Labels
 * and assignees go first (with board actions beside them), then the record,
 * then the comments that announce it, then a move into another project: a
 * failure in between loses a message rather than sending it twice on the
 * next event, and the issue moves only once everything was said where the
 * client reads it. What the platform cannot do (no boards, no moving) is
 * left undone and named in the reasons.
 */
export async function reconcileProjectStep(input: ProjectStepInput): Promise<ProjectStepOutcome> {
  const { tracker, config, log } = input;
  const number = input.ticket.number;
  const { ticket, result } = await resolveProjectStep(input);
  if (result.kind !== "plan") {
    const reason = result.kind === "skip" ? result.reason : result.kind;
    log.debug({ repo: tracker.repo, issue: number, trigger: input.trigger.kind, reason }, "nothing to do");
    return { kind: "nothing", reason };
  }
  const { changes, board, reasons } = result.plan;
  const describe = (label: string) => describeLabel(config, label);
  reasons.push(...(await execute(tracker, ticket, result.plan, describe, log)));
  for (const login of changes.assign) input.load?.adjust(tracker.repo, login, 1);
  for (const login of changes.unassign) input.load?.adjust(tracker.repo, login, -1);
  log.info(
    {
      repo: tracker.repo,
      issue: number,
      trigger: input.trigger.kind,
      reasons,
      addLabels: changes.addLabels,
      removeLabels: changes.removeLabels,
      assign: changes.assign,
      unassign: changes.unassign,
      board,
      comments: changes.comments.length,
    },
    "ticket reconciled",
  );
  return { kind: "done", reasons };
}


/**
 * Right after intake, by a webhook or by the sweep: a ticket the team opened
 * with an estimate above the threshold becomes project work at once. The
 * estimate is the platform's own when it keeps one (`platformEstimate`:
 * GitLab's time estimate, which `/estimate` in the description sets), else
 * what came with the issue (a size label, a form answer). From the client
 * side it is a hint, which intake already labelled `needs estimate`. Costs
 * nothing for the others. Call it inside the issue's lock.
 */
export async function reviewAfterTriage(input: Omit<ProjectStepInput, "trigger">, platformEstimate?: string): Promise<ProjectStepOutcome | undefined> {
  const { config, ticket, teamMembers } = input;
  if (!isTeamMember(config, ticket.author.login, teamMembers)) return undefined;
  const estimate = platformEstimate ?? findEstimate(config, ticket)?.duration;
  if (!estimate || !compareWithThreshold(config, estimate).above) return undefined;
  const trigger: Trigger = platformEstimate ? { kind: "estimate", duration: platformEstimate, author: ticket.author.login } : { kind: "review" };
  return reconcileProjectStep({ ...input, trigger });
}
