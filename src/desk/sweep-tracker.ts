import type { LabelSpec } from "../core/labels.js";
import type { Changes } from "../core/plan.js";
import { sameLabel } from "../core/text-match.js";
import type { Comment } from "../core/types.js";
import type { IssueTracker, OpenIssue } from "./port.js";

/**
 * The tracker the sweep hands to the intake reconciliation: the repository's
 * open issues come from the sweep's one listing (kept up to date with what the
 * sweep itself assigns, so that work is still spread), and the comments of the
 * issue being triaged from a read made inside its lock, so that an
 * acknowledgement a webhook wrote a moment ago is seen. Writes go to the real
 * tracker.
 */
export class SweepTracker implements IssueTracker {
  readonly repo: string;
  readonly #inner: IssueTracker;
  readonly #open: OpenIssue[];
  readonly #fresh = new Map<number, Comment[]>();

  constructor(inner: IssueTracker, open: OpenIssue[]) {
    this.#inner = inner;
    this.#open = open;
    this.repo = inner.repo;
  }

  /** The comments of `number` as just read; intake will use these instead of reading again. */
  useComments(number: number, comments: Comment[]): void {
    this.#fresh.set(number, comments);
    const listed = this.#open.find((issue) => issue.ticket.number === number);
    if (listed) listed.commentCount = comments.length;
  }

  async listOpenIssues(): Promise<OpenIssue[]> {
    return this.#open;
  }

  async listComments(number: number): Promise<Comment[]> {
    return this.#fresh.get(number) ?? this.#inner.listComments(number);
  }

  async apply(number: number, changes: Changes, describe: (label: string) => LabelSpec): Promise<void> {
    await this.#inner.apply(number, changes, describe);
    const listed = this.#open.find((issue) => issue.ticket.number === number);
    if (!listed) return;
    const { ticket } = listed;
    ticket.labels = [
      ...ticket.labels.filter((label) => !changes.removeLabels.some((removed) => sameLabel(removed, label))),
      ...changes.addLabels.filter((added) => !ticket.labels.some((label) => sameLabel(label, added))),
    ];
    const unassigned = new Set(changes.unassign.map((login) => login.toLowerCase()));
    ticket.assignees = [
      ...ticket.assignees.filter((login) => !unassigned.has(login.toLowerCase())),
      ...changes.assign.filter((login) => !ticket.assignees.some((assignee) => assignee.toLowerCase() === login.toLowerCase())),
    ];
    listed.commentCount += changes.comments.length;
  }
}
