import type { LabelSpec } from "../core/labels.js";
import type { Changes } from "../core/plan.js";
import type { BoardAction } from "../core/plan-project.js";
import type { Comment, Ticket } from "../core/types.js";

/**
 * The narrow port each platform adapter implements for one repository or
 * project. The shared reconciliation speaks only to this, never to Octokit or
 * gitbeaker.
 */
export interface OpenIssue {
  ticket: Ticket;
  commentCount: number;
  /** When the issue last changed (a note, a label), where the listing says; lets a sweep reuse what it read before. */
  updatedAt?: Date;
}

export interface IssueTracker {
  /** owner/name or group/project, for logs. */
  readonly repo: string;
  /** Every open issue with labels and assignees, in as few calls as the platform allows. */
  listOpenIssues(): Promise<OpenIssue[]>;
  listComments(number: number): Promise<Comment[]>;
  /**
   * One issue as it is now, with its comment count: intake's fresh look when
   * the repository's open tickets are already counted (one call, whatever
   * the number of open issues). Without it, intake lists the open issues.
   */
  readIssue?(number: number): Promise<OpenIssue>;
  /** Apply a plan: missing labels are created from `describe` first; independent writes go in parallel. */
  apply(number: number, changes: Changes, describe: (label: string) => LabelSpec): Promise<void>;
  /**
   * Optional capability: renames one of the repository's labels in place,
   * on every issue at once (GitHub and GitLab both can), and gives it `to`'s
   * description. Resolves false when the platform refuses because of the
   * names (`to` exists already, or `from` is not the repository's own label,
   * say a GitLab group label): the desk then relabels the open tickets one
   * by one, as it does where the capability is missing.
   */
  renameLabel?(from: string, to: LabelSpec): Promise<boolean>;
}

/** What commands and project work need beyond intake: a fresh look at the issue, and editing frontdesk's own record. */
export interface TicketEditor extends IssueTracker {
  /** The issue as it is now: labels and assignees may have changed since the event was sent. */
  getTicket(number: number): Promise<Ticket>;
  /** Rewrites one of frontdesk's own comments; the acknowledgement carries the ticket's record. */
  editComment(commentId: number, body: string): Promise<void>;
  /**
   * Optional capability: boards outside the issue tracker (GitHub Projects
   * v2). A platform without it leaves `board` actions undone, and says so.
   */
  readonly boards?: BoardCapability;
  /**
   * Optional capability: moving an issue into another project (GitLab's
   * `project_work.move_to`), after frontdesk's labels were created there.
   * Returns where the issue now lives.
   */
  moveIssue?(number: number, target: string, labels: LabelSpec[]): Promise<string>;
}

/** Boards a platform keeps beside its issues. */
export interface BoardCapability {
  apply(number: number, actions: readonly BoardAction[]): Promise<void>;
}

/** The logger shape frontdesk needs (pino's, as Probot hands it out). */
export interface Log {
  debug(obj: object | string, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}
