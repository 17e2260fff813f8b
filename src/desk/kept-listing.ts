import type { Ticket } from "../core/types.js";
import type { KeptState } from "../runtime/kept-state.js";
import type { OpenIssue } from "./port.js";
import { withRenamedLabel, type RenamedLabel } from "./rename-labels.js";
import { TRIAGE_LOOKBACK_MS, type RepoSweep } from "./sweep-repo.js";

/**
 * A repository's open issues as the sweep keeps them between runs, so that a
 * sweep costs what changed rather than what there is: the first sweep lists
 * every open issue; later ones ask only for the issues changed since (GitHub:
 * `since` and a conditional request that is free when nothing changed;
 * GitLab: `updated_after`) and merge them in. Now and then the whole listing
 * is checked again (conditionally, where the platform allows it), which
 * catches what a listing of changes cannot show: an issue deleted or moved
 * away. The texts of issues too old for the sweep to triage are not kept:
 * nothing the sweep decides about them reads them.
 */

/** Where the platform's listing stopped (GitHub: `since` and ETags); the adapter's own, as JSON. */
export type ListingCursor = Readonly<Record<string, unknown>>;

/** What a listing found: issues (open ones, or for a listing of changes, closed ones too), or nothing new. */
export type Listed = { unchanged: true; cursor: ListingCursor } | { unchanged?: false; issues: OpenIssue[]; cursor: ListingCursor };

/** The listings an adapter can make of one repository. */
export interface ListingSource {
  /** Every open issue; given the cursor of the last full listing, `unchanged` when the platform says so for free. */
  listOpen(cursor?: ListingCursor): Promise<Listed>;
  /** The issues, open or closed, changed since `cursor`; undefined when the cursor cannot say (then a full listing). */
  listChanged(cursor: ListingCursor): Promise<Listed | undefined>;
}

/** How often the whole listing is checked again. */
export const FULL_CHECK_MS = 6 * 60 * 60 * 1000;

interface KeptIssue {
  ticket: Omit<Ticket, "createdAt" | "body"> & { createdAt: string; body?: string };
  commentCount: number;
  updatedAt?: string;
}

interface KeptListing {
  issues: KeptIssue[];
  cursor: ListingCursor;
  /** When the whole listing was last checked. */
  checkedAt: number;
}

/** The open issues of `repo` (pull requests left out), listed as cheaply as what was kept allows; what was learned is kept. */
export async function listKeptOpenIssues(options: { key: string; source: ListingSource; kept: KeptState; now: number }): Promise<OpenIssue[]> {
  const { key, source, kept, now } = options;
  const before = await kept.read<KeptListing>(`listing:${key}`);
  let issues: OpenIssue[];
  let cursor: ListingCursor;
  let checkedAt = before?.checkedAt ?? now;
  const changed = before && now - before.checkedAt < FULL_CHECK_MS ? await source.listChanged(before.cursor) : undefined;
  // Nothing changed (a 304): what was kept stands, and nothing needs writing.
  if (before && changed?.unchanged) return before.issues.map(revive);
  if (before && changed && !changed.unchanged) {
    cursor = { ...before.cursor, ...changed.cursor };
    issues = merge(before.issues.map(revive), changed.issues);
  } else {
    const full = await source.listOpen(before?.cursor);
    checkedAt = now;
    cursor = { ...before?.cursor, ...full.cursor };
    issues = before && full.unchanged ? before.issues.map(revive) : full.unchanged ? [] : full.issues.filter(isOpenIssue);
  }
  // A day beyond the sweep's look-back, so that a clock a little off keeps what triage may still read.
  const textsFrom = now - TRIAGE_LOOKBACK_MS - 24 * 60 * 60 * 1000;
  await kept.write(`listing:${key}`, { issues: issues.map((issue) => keep(issue, textsFrom)), cursor, checkedAt } satisfies KeptListing);
  return issues;
}

/**
 * Labels the sweep renamed: the kept issues carry the new names. A rename
 * changes no issue's time of change, so no listing of changes (nor GitHub's
 * free 304) shows it; without this, every sweep until the whole listing is
 * checked again would find the old names and rename them again.
 */
export async function renameKeptLabels(options: { key: string; kept: KeptState; renames: readonly RenamedLabel[] }): Promise<void> {
  const { key, kept, renames } = options;
  const before = renames.length > 0 ? await kept.read<KeptListing>(`listing:${key}`) : undefined;
  if (!before) return;
  const issues = before.issues.map((issue) => ({ ...issue, ticket: renames.reduce(withRenamedLabel, issue.ticket) }));
  await kept.write(`listing:${key}`, { ...before, issues } satisfies KeptListing);
}

/** What a platform's sweep hands the desk for a repository whose listing is kept: the listing, and where renamed labels go. */
export function keptListing(options: { key: string; source: ListingSource; kept: KeptState; now: number }): Required<Pick<RepoSweep, "listOpen" | "renamedLabels">> {
  return {
    listOpen: () => listKeptOpenIssues(options),
    renamedLabels: (renames) => renameKeptLabels({ key: options.key, kept: options.kept, renames }),
  };
}

function isOpenIssue(issue: OpenIssue): boolean {
  return issue.ticket.state === "open" && !issue.ticket.isPullRequest;
}

/** Changed issues replace the kept ones; closed ones (and pull requests) leave. */
function merge(kept: OpenIssue[], changed: OpenIssue[]): OpenIssue[] {
  const byNumber = new Map(kept.map((issue) => [issue.ticket.number, issue]));
  for (const issue of changed) {
    if (isOpenIssue(issue)) byNumber.set(issue.ticket.number, issue);
    else byNumber.delete(issue.ticket.number);
  }
  return [...byNumber.values()].sort((a, b) => b.ticket.number - a.ticket.number);
}

function keep(issue: OpenIssue, textsFrom: number): KeptIssue {
  const { body, createdAt, ...ticket } = issue.ticket;
  const text = createdAt.getTime() >= textsFrom ? { body } : {};
  return { ticket: { ...ticket, createdAt: createdAt.toISOString(), ...text }, commentCount: issue.commentCount, ...(issue.updatedAt ? { updatedAt: issue.updatedAt.toISOString() } : {}) };
}

function revive(issue: KeptIssue): OpenIssue {
  const ticket: Ticket = { ...issue.ticket, body: issue.ticket.body ?? "", createdAt: new Date(issue.ticket.createdAt) };
  return { ticket, commentCount: issue.commentCount, ...(issue.updatedAt ? { updatedAt: new Date(issue.updatedAt) } : {}) };
}
