import type { LabelSpec } from "../core/labels.js";
import { emptyChanges, isEmpty, type Changes, type Plan } from "../core/plan.js";
import type { Ticket } from "../core/types.js";
import type { IssueTracker, Log, TicketEditor } from "./port.js";
import { withPriority } from "../runtime/priority.js";

/** A tracker, and what of the editor's capabilities it has. */
export type PlanTarget = IssueTracker & Partial<Pick<TicketEditor, "editComment" | "boards" | "moveIssue">>;

/**
 * Applies a plan, the one way every workflow does: labels and assignees
 * (with board actions beside them), then the record, then the comments that
 * announce it, then a move. A failure in between loses a message rather than
 * sending it twice on the next event, and an acknowledgement, whose marker
 * means "triaged", never exists unless everything before it happened. A
 * plan without a record, board or move goes to the tracker in one piece (its
 * comments still go after its labels). Board actions meant for later (a new
 * ticket's support board) go last, at background priority. What the platform cannot serve
 * (boards, moving) is left undone and logged; returns what was done beyond
 * the changes, and what was left undone, for the log.
 */
export async function execute(tracker: PlanTarget, ticket: Ticket, plan: Plan, describe: (label: string) => LabelSpec, log: Log): Promise<string[]> {
  const { number } = ticket;
  const board = plan.board ?? [];
  if (!plan.ack && board.length === 0 && !plan.move) {
    if (!isEmpty(plan.changes)) await tracker.apply(number, plan.changes, describe);
    return applyLater(tracker, number, plan, log);
  }
  const done: string[] = [];
  const boards = board.length === 0 ? undefined : tracker.boards;
  // The configuration check already named the keys this platform cannot serve (GitLab: board URLs).
  if (board.length > 0 && !boards) {
    log.debug({ repo: tracker.repo, issue: number, board }, "boards are not served on this platform");
    done.push("boards: not served on this platform");
  }
  const { comments, internalComments, ...edits } = plan.changes;
  await Promise.all([tracker.apply(number, { ...edits, comments: [] }, describe), boards?.apply(number, board)]);
  if (plan.ack) {
    if (!tracker.editComment) throw new Error(`${tracker.repo}: this tracker cannot edit frontdesk's record`);
    await tracker.editComment(plan.ack.id, plan.ack.body);
  }
  if (comments.length > 0 || (internalComments ?? []).length > 0) {
    await tracker.apply(number, { ...emptyChanges(), comments, ...(internalComments ? { internalComments } : {}) }, describe);
  }
  if (plan.move && !tracker.moveIssue) {
    log.debug({ repo: tracker.repo, issue: number, move: plan.move }, "moving issues is not served on this platform");
    done.push("moving issues: not served on this platform");
  } else if (plan.move && tracker.moveIssue) {
    // frontdesk's own labels go along: they are created in the target first.
    const labels = labelsAfter(ticket, plan.changes).map(describe).filter((spec) => spec.description.startsWith("frontdesk:"));
    done.push(`moved to ${await tracker.moveIssue(number, plan.move, labels)}`);
  }
  return [...done, ...(await applyLater(tracker, number, plan, log))];
}

/** The board actions that wait for everything else, behind every webhook's calls. */
async function applyLater(tracker: PlanTarget, number: number, plan: Plan, log: Log): Promise<string[]> {
  const later = plan.boardLater ?? [];
  if (later.length === 0) return [];
  if (!tracker.boards) {
    log.debug({ repo: tracker.repo, issue: number, board: later }, "boards are not served on this platform");
    return ["boards: not served on this platform"];
  }
  const { boards } = tracker;
  await withPriority("background", () => boards.apply(number, later));
  return [];
}

function labelsAfter(ticket: Ticket, changes: Changes): string[] {
  const removed = new Set(changes.removeLabels.map((label) => label.toLowerCase()));
  return [...ticket.labels.filter((label) => !removed.has(label.toLowerCase())), ...changes.addLabels];
}
