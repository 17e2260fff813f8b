import type { LabelSpec } from "../core/labels.js";
import type { BoardAction, Changes } from "../core/plan.js";
import { hasLabel, sameLabel } from "../core/text-match.js";
import type { Actor, Comment, Ticket } from "../core/types.js";
import type { BoardCapability, OpenIssue, TicketEditor } from "./port.js";

/**
 * The platform port over plain data: issues with their comments, one
 * repository, no network. `frontdesk simulate` runs the server's workflow
 * against it, and the workflow tests use it. Every write is recorded in
 * order, so that one can see exactly what was written, and written once; a
 * test can make any write fail to see what a failure in between leaves.
 * Boards and moving issues are there when asked for, as on the platforms
 * that have them.
 */

/** frontdesk's own identity: its comments are the only ones whose markers count. */
export const SELF: Actor = { login: "frontdesk[bot]", isBot: true, isSelf: true };

/** One write, as the port was asked for it. */
export type Write =
  | { kind: "apply"; number: number; changes: Changes }
  | { kind: "edit"; number: number; commentId: number; body: string }
  | { kind: "board"; number: number; actions: BoardAction[] }
  | { kind: "move"; number: number; target: string };

/** A write about to happen: `ordinal` counts every write attempted, from 1. */
export type Attempt = Write & { ordinal: number };

export interface MemoryIssue {
  ticket: Ticket;
  comments?: Comment[];
  updatedAt?: Date;
}

export interface MemoryTrackerOptions {
  repo?: string;
  issues?: MemoryIssue[];
  /** Labels the repository already has; others are created from `describe` on first use. */
  labels?: string[];
  /** When frontdesk's comments are written; tests move it on. */
  now: Date;
  /** An error to throw instead of a write, or undefined to let it through. */
  fail?: (attempt: Attempt) => Error | undefined;
  /** The optional capabilities this tracker has (GitHub: boards; GitLab: moving issues); default none. */
  capabilities?: { boards?: boolean; move?: boolean };
}

export class MemoryTracker implements TicketEditor {
  readonly repo: string;
  now: Date;
  /** Every write that went through, in order (failed ones are not here). */
  readonly writes: Write[] = [];
  /** Labels created because an applied change used one the repository lacked. */
  readonly createdLabels: LabelSpec[] = [];
  /** Every read, as `list`, `comments #7` or `ticket #7`, in order. */
  readonly reads: string[] = [];
  readonly boards?: BoardCapability;
  readonly moveIssue?: (number: number, target: string, labels: LabelSpec[]) => Promise<string>;
  readonly #issues = new Map<number, { ticket: Ticket; comments: Comment[]; updatedAt?: Date }>();
  readonly #labels: string[];
  readonly #fail: MemoryTrackerOptions["fail"];
  #attempts = 0;
  #nextCommentId = 1000;

  constructor(options: MemoryTrackerOptions) {
    this.repo = options.repo ?? "acme/site";
    this.now = options.now;
    this.#labels = [...(options.labels ?? [])];
    this.#fail = options.fail;
    if (options.capabilities?.boards) {
      this.boards = { apply: async (number, actions) => this.#record({ kind: "board", number, actions: copy([...actions]) }) };
    }
    if (options.capabilities?.move) {
      this.moveIssue = async (number, target) => {
        this.#record({ kind: "move", number, target });
        return target;
      };
    }
    for (const issue of options.issues ?? []) {
      this.#issues.set(issue.ticket.number, { ticket: copy(issue.ticket), comments: copy(issue.comments ?? []), updatedAt: issue.updatedAt });
    }
  }

  /** The issue as it is now (a copy). */
  ticket(number: number): Ticket {
    return copy(this.#find(number).ticket);
  }

  /** The issue's comments as they are now (copies). */
  comments(number: number): Comment[] {
    return copy(this.#find(number).comments);
  }

  /** A comment by someone else, as a webhook would report it; returns it. */
  addComment(number: number, author: Actor, body: string, createdAt = this.now): Comment {
    const comment: Comment = { id: this.#nextCommentId++, author, body, createdAt };
    this.#find(number).comments.push(comment);
    return copy(comment);
  }

  /** The `apply` calls that went through, for one issue or all. */
  applied(number?: number): Changes[] {
    return this.writes.flatMap((write) => (write.kind === "apply" && (number === undefined || write.number === number) ? [write.changes] : []));
  }

  /** The bodies of the comments frontdesk wrote, in order. */
  written(number?: number): string[] {
    return this.applied(number).flatMap((changes) => changes.comments);
  }

  /** For a sweep: the comments of the tickets it asks about, read together. */
  async readComments(issues: readonly OpenIssue[]): Promise<Map<number, Comment[]>> {
    return new Map(await Promise.all(issues.map(async (issue) => [issue.ticket.number, await this.listComments(issue.ticket.number)] as const)));
  }

  async listOpenIssues(): Promise<OpenIssue[]> {
    this.reads.push("list");
    return [...this.#issues.values()]
      .filter((issue) => issue.ticket.state === "open")
      .map((issue) => ({ ticket: copy(issue.ticket), commentCount: issue.comments.length, updatedAt: issue.updatedAt }));
  }

  async listComments(number: number): Promise<Comment[]> {
    this.reads.push(`comments #${number}`);
    return this.comments(number);
  }

  async getTicket(number: number): Promise<Ticket> {
    this.reads.push(`ticket #${number}`);
    return this.ticket(number);
  }

  async apply(number: number, changes: Changes, describe: (label: string) => LabelSpec): Promise<void> {
    const write: Write = { kind: "apply", number, changes: copy(changes) };
    this.#attempt(write);
    const issue = this.#find(number);
    for (const label of changes.addLabels) {
      if (!hasLabel(this.#labels, label)) {
        this.#labels.push(label);
        this.createdLabels.push(describe(label));
      }
    }
    const { ticket } = issue;
    ticket.labels = [...ticket.labels.filter((label) => !changes.removeLabels.some((name) => sameLabel(name, label))), ...changes.addLabels.filter((label) => !hasLabel(ticket.labels, label))];
    const unassigned = changes.unassign.map((login) => login.toLowerCase());
    ticket.assignees = ticket.assignees.filter((login) => !unassigned.includes(login.toLowerCase()));
    if (changes.state) ticket.state = changes.state;
    for (const login of changes.assign) if (!ticket.assignees.some((name) => name.toLowerCase() === login.toLowerCase())) ticket.assignees.push(login);
    for (const body of [...changes.comments, ...(changes.internalComments ?? [])]) issue.comments.push({ id: this.#nextCommentId++, author: SELF, body, createdAt: this.now });
    this.writes.push(write);
  }

  async editComment(commentId: number, body: string): Promise<void> {
    const [number, issue] = [...this.#issues].find(([, candidate]) => candidate.comments.some((comment) => comment.id === commentId)) ?? [];
    const comment = issue?.comments.find((candidate) => candidate.id === commentId);
    if (number === undefined || !comment) throw new Error(`comment ${commentId} not found`);
    const write: Write = { kind: "edit", number, commentId, body };
    this.#attempt(write);
    // The platforms let frontdesk edit only what its own identity wrote.
    if (comment.author.isSelf !== true) throw new Error(`comment ${commentId} is ${comment.author.login}'s, not frontdesk's`);
    comment.body = body;
    this.writes.push(write);
  }

  #record(write: Write): void {
    this.#attempt(write);
    this.writes.push(write);
  }

  #attempt(write: Write): void {
    const error = this.#fail?.({ ...write, ordinal: ++this.#attempts });
    if (error) throw error;
  }

  #find(number: number): { ticket: Ticket; comments: Comment[] } {
    const issue = this.#issues.get(number);
    if (!issue) throw Object.assign(new Error(`issue #${number} not found`), { status: 404 });
    return issue;
  }
}

/** A deep copy: nothing the workflow holds aliases the store, and nothing a test holds changes behind its back. */
function copy<T>(value: T): T {
  return structuredClone(value);
}
