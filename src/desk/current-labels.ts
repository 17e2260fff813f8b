import type { Config } from "../config/schema.js";
import { findRenames, withCurrentLabels, type LabelRename } from "../core/label-roles.js";
import type { LabelSpec } from "../core/labels.js";
import type { Changes } from "../core/plan.js";
import { hasLabel, sameLabel } from "../core/text-match.js";
import type { Comment, Ticket } from "../core/types.js";
import type { BoardCapability, IssueTracker, OpenIssue, TicketEditor } from "./port.js";

/**
 * The tracker as the core should see it while frontdesk's labels still
 * carry names the configuration no longer gives them (a rename in
 * `labels:`, a new `language`), until the sweep has renamed them: tickets
 * are read with the current names, so the core recognises an old support
 * label as support and an old project-work label as project work; writes
 * go out in the names the repository has, so that a label the core removes
 * is removed under the name the ticket carries, and a label the core adds is
 * the old one the sweep will rename, never a second label beside it. The
 * old names come from the labels' descriptions (core/label-roles.ts); where
 * none is old, this changes nothing.
 */
export class CurrentLabels implements TicketEditor {
  readonly repo: string;
  readonly #inner: IssueTracker & Partial<TicketEditor>;
  readonly #config: Config;
  readonly #renames: LabelRename[] = [];
  /** The labels each ticket read through here carries on the platform. */
  readonly #carried = new Map<number, string[]>();
  readonly boards?: BoardCapability;
  readonly moveIssue?: (number: number, target: string, labels: LabelSpec[]) => Promise<string>;
  /** One issue, read with the current names, where the tracker can (intake's read when the open tickets are counted). */
  readonly readIssue?: (number: number) => Promise<OpenIssue>;

  constructor(inner: IssueTracker & Partial<TicketEditor>, config: Config, seen: readonly Ticket[] = []) {
    this.#inner = inner;
    this.#config = config;
    this.repo = inner.repo;
    if (inner.boards) this.boards = inner.boards;
    const move = inner.moveIssue?.bind(inner);
    if (move) this.moveIssue = (number, target, labels) => move(number, target, labels.map((spec) => ({ ...spec, name: this.#carriedName(number, spec.name) })));
    const read = inner.readIssue?.bind(inner);
    if (read) this.readIssue = async (number) => {
      const issue = await read(number);
      return { ...issue, ticket: this.learn(issue.ticket) };
    };
    for (const ticket of seen) this.learn(ticket);
  }

  /** The old names this tracker knows of, each with its current one. */
  get renames(): readonly LabelRename[] {
    return this.#renames;
  }

  /** Takes note of a ticket as the platform has it (its labels, their descriptions); returns it with the current names. */
  learn(ticket: Ticket): Ticket {
    for (const rename of findRenames(this.#config, [ticket])) {
      if (!this.#renames.some((known) => sameLabel(known.from, rename.from))) this.#renames.push(rename);
    }
    this.#carried.set(ticket.number, ticket.labels);
    return withCurrentLabels(ticket, this.#renames);
  }

  async listOpenIssues(): Promise<OpenIssue[]> {
    const open = await this.#inner.listOpenIssues();
    for (const issue of open) this.learn(issue.ticket);
    return open.map((issue) => ({ ...issue, ticket: withCurrentLabels(issue.ticket, this.#renames) }));
  }

  listComments(number: number): Promise<Comment[]> {
    return this.#inner.listComments(number);
  }

  async getTicket(number: number): Promise<Ticket> {
    if (!this.#inner.getTicket) throw new Error(`${this.repo}: this tracker cannot read one issue`);
    return this.learn(await this.#inner.getTicket(number));
  }

  async editComment(commentId: number, body: string): Promise<void> {
    if (!this.#inner.editComment) throw new Error(`${this.repo}: this tracker cannot edit frontdesk's record`);
    await this.#inner.editComment(commentId, body);
  }

  async apply(number: number, changes: Changes, describe: (label: string) => LabelSpec): Promise<void> {
    if (this.#renames.length === 0) return this.#inner.apply(number, changes, describe);
    const written: Changes = {
      ...changes,
      addLabels: changes.addLabels.map((label) => this.#existingName(label)),
      removeLabels: changes.removeLabels.flatMap((label) => this.#removedNames(number, label)),
    };
    // An old name is described as what it stands for, should the platform have to create it after all.
    const old = (label: string) => this.#renames.find((rename) => sameLabel(rename.from, label));
    await this.#inner.apply(number, written, (label) => {
      const rename = old(label);
      return rename ? { ...describe(rename.to), name: label } : describe(label);
    });
    const carried = this.#carried.get(number);
    if (carried) {
      const kept = carried.filter((label) => !written.removeLabels.some((removed) => sameLabel(removed, label)));
      this.#carried.set(number, [...kept, ...written.addLabels.filter((label) => !hasLabel(kept, label))]);
    }
  }

  /** The name a label goes by in the repository: its old one while the sweep has not renamed it. */
  #existingName(label: string): string {
    return this.#renames.find((rename) => sameLabel(rename.to, label))?.from ?? label;
  }

  /** What to remove for `label`: the old names the ticket carries for it, and the label itself where it carries that. */
  #removedNames(number: number, label: string): string[] {
    const carried = this.#carried.get(number) ?? [];
    const old = this.#renames.filter((rename) => sameLabel(rename.to, label) && hasLabel(carried, rename.from)).map((rename) => rename.from);
    // `support` to `Support` is the same label to every platform: remove it once.
    return old.length === 0 || (hasLabel(carried, label) && !hasLabel(old, label)) ? [...old, label] : old;
  }

  /** The name the issue carries a label under (for moving it with its labels). */
  #carriedName(number: number, label: string): string {
    const carried = this.#carried.get(number) ?? [];
    return this.#renames.find((rename) => sameLabel(rename.to, label) && hasLabel(carried, rename.from))?.from ?? label;
  }
}
