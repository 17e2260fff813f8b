import { ownLabelDescriptions } from "../core/label-roles.js";
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
 * Boards, moving issues and renaming labels are there when asked for, as on
 * the platforms that have them. Labels keep their descriptions, and issues
 * are read with frontdesk's, as the platforms send them.
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
  /** Labels the repository already has (with a description: as frontdesk created it); others are created from `describe` on first use. */
  labels?: (string | LabelSpec)[];
  /** When frontdesk's comments are written; tests move it on. */
  now: Date;
  /** An error to throw instead of a write, or undefined to let it through. */
  fail?: (attempt: Attempt) => Error | undefined;
  /** The optional capabilities this tracker has (GitHub: boards; GitLab: moving issues; both: renaming labels); default none. */
  capabilities?: { boards?: boolean; move?: boolean; rename?: boolean };
}

export class MemoryTracker implements TicketEditor {
  readonly repo: string;
  now: Date;
  /** Every write that went through, in order (failed ones are not here). */
  readonly writes: Write[] = [];
  /** Labels renamed in place (`renameLabel`), in order. */
  readonly renamed: { from: string; to: string }[] = [];
  /** Labels created because an applied change used one the repository lacked. */
  readonly createdLabels: LabelSpec[] = [];
  /** Every read, as `list`, `comments #7` or `ticket #7`, in order. */
  readonly reads: string[] = [];
  readonly boards?: BoardCapability;
  readonly moveIssue?: (number: number, target: string, labels: LabelSpec[]) => Promise<string>;
  readonly renameLabel?: (from: string, to: LabelSpec) => Promise<boolean>;
  readonly #issues = new Map<number, { ticket: Ticket; comments: Comment[]; updatedAt?: Date }>();
  readonly #labels: string[];
  /** Descriptions by lower-cased label name. */
  readonly #descriptions = new Map<string, string>();
  readonly #fail: MemoryTrackerOptions["fail"];
  #attempts = 0;
  #nextCommentId = 1000;

  constructor(options: MemoryTrackerOptions) {
    this.repo = options.repo ?? "acme/site";
    this.now = options.now;
    this.#labels = (options.labels ?? []).map((label) => (typeof label === "string" ? label : label.name));
    for (const label of options.labels ?? []) if (typeof label !== "string") this.#descriptions.set(label.name.toLowerCase(), label.description);
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
    if (options.capabilities?.rename) this.renameLabel = async (from, to) => this.#rename(from, to);
    for (const issue of options.issues ?? []) {
      this.#issues.set(issue.ticket.number, { ticket: copy(issue.ticket), comments: copy(issue.comments ?? []), updatedAt: issue.updatedAt });
    }
  }

  /** The issue as it is now (a copy). */
  ticket(number: number): Ticket {
    return copy(this.#find(number).ticket);
  }

  /** The repository's labels, in the order they came (renamed ones under their new names). */
  labels(): string[] {
    return [...this.#labels];
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
      .map((issue) => ({ ticket: this.#described(issue.ticket), commentCount: issue.comments.length, updatedAt: issue.updatedAt }));
  }

  async listComments(number: number): Promise<Comment[]> {
    this.reads.push(`comments #${number}`);
    return this.comments(number);
  }

  async readIssue(number: number): Promise<OpenIssue> {
    this.reads.push(`issue #${number}`);
    const issue = this.#find(number);
    return { ticket: this.#described(issue.ticket), commentCount: issue.comments.length, ...(issue.updatedAt ? { updatedAt: issue.updatedAt } : {}) };
  }

  async getTicket(number: number): Promise<Ticket> {
    this.reads.push(`ticket #${number}`);
    return this.#described(this.#find(number).ticket);
  }

  async apply(number: number, changes: Changes, describe: (label: string) => LabelSpec): Promise<void> {
    const write: Write = { kind: "apply", number, changes: copy(changes) };
    this.#attempt(write);
    const issue = this.#find(number);
    for (const label of changes.addLabels) {
      if (!hasLabel(this.#labels, label)) {
        const spec = describe(label);
        this.#labels.push(label);
        this.#descriptions.set(label.toLowerCase(), spec.description);
        this.createdLabels.push(spec);
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

  /** As the platforms do: in place, on every issue, open or closed; refused when `to` is another label's name. */
  #rename(from: string, to: LabelSpec): boolean {
    const index = this.#labels.findIndex((label) => sameLabel(label, from));
    const taken = this.#labels.some((label) => sameLabel(label, to.name) && !sameLabel(label, from));
    if (index < 0 || taken) return false;
    this.renamed.push({ from, to: to.name });
    this.#labels[index] = to.name;
    this.#descriptions.delete(from.toLowerCase());
    this.#descriptions.set(to.name.toLowerCase(), to.description);
    for (const { ticket } of this.#issues.values()) ticket.labels = ticket.labels.map((label) => (sameLabel(label, from) ? to.name : label));
    return true;
  }

  /** A copy of the ticket with the descriptions of frontdesk's labels, as a platform's listing has them. */
  #described(ticket: Ticket): Ticket {
    const own = ownLabelDescriptions(ticket.labels.map((name) => ({ name, description: this.#descriptions.get(name.toLowerCase()) })));
    return own ? { ...copy(ticket), labelDescriptions: own } : copy(ticket);
  }

  #record(write: Write): void {
    this.#attempt(write);
    this.writes.push(write);
  }

  #attempt(write: Write): void {
    const error = this.#fail?.({ ...write, ordinal: ++this.#attempts });
    if (error) throw error;
  }

  #find(number: number): { ticket: Ticket; comments: Comment[]; updatedAt?: Date } {
    const issue = this.#issues.get(number);
    if (!issue) throw Object.assign(new Error(`issue #${number} not found`), { status: 404 });
    return issue;
  }
}

/** A deep copy: nothing the workflow holds aliases the store, and nothing a test holds changes behind its back. */
function copy<T>(value: T): T {
  return structuredClone(value);
}
