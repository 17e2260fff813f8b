import type { SweepComment } from "../core/plan-sweep.js";
import type { IssueTracker, OpenIssue } from "./port.js";
import type { SweepCommentsCache } from "./sweep-comments-cache.js";

/**
 * How a platform's sweep reads the comments of the tickets that need them:
 * the kept ones while a ticket is unchanged since the last sweep read it
 * (desk/sweep-comments-cache.ts), the others read the platform's way and
 * kept for the next sweep.
 */

/** The comments of `tickets`, by number: kept ones where the ticket is unchanged, the others from `read` (and kept, under `key`). */
export async function readChangedComments(
  comments: SweepCommentsCache,
  key: string,
  tickets: readonly OpenIssue[],
  read: (tickets: readonly OpenIssue[]) => Promise<Map<number, SweepComment[]>>,
): Promise<Map<number, SweepComment[]>> {
  const found = await comments.lookup(key, tickets);
  const missing = tickets.filter((issue) => !found.has(issue.ticket.number));
  if (missing.length === 0) return found;
  const fresh = await read(missing);
  await comments.store(key, missing.map((issue) => [issue, fresh.get(issue.ticket.number) ?? []] as const));
  for (const [number, list] of fresh) found.set(number, list);
  return found;
}

/** The comments of each ticket, one listing each, one after the other. */
export async function readEach(tracker: Pick<IssueTracker, "listComments">, tickets: readonly OpenIssue[]): Promise<Map<number, SweepComment[]>> {
  const result = new Map<number, SweepComment[]>();
  for (const issue of tickets) result.set(issue.ticket.number, await tracker.listComments(issue.ticket.number));
  return result;
}
