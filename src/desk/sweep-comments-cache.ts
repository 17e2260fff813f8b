import type { SweepComment } from "../core/plan-sweep.js";
import type { OpenIssue } from "./port.js";

/**
 * The comments a sweep read, kept per issue with the issue's version (its
 * comment count and last change, as the listing shows them): while the
 * version is the same, the comments are, and the next sweep reads none.
 * Only what planning needs is kept: people's comment texts are dropped.
 */
export class SweepCommentsCache {
  readonly #entries = new Map<string, { version: string; comments: SweepComment[] }>();

  constructor(private readonly maxEntries = 5_000) {}

  /** The comments read for this issue at this version, or undefined. */
  get(repo: string, issue: OpenIssue): SweepComment[] | undefined {
    const version = versionOf(issue);
    const entry = this.#entries.get(keyOf(repo, issue));
    return version !== undefined && entry?.version === version ? entry.comments : undefined;
  }

  set(repo: string, issue: OpenIssue, comments: readonly SweepComment[]): void {
    const version = versionOf(issue);
    if (version === undefined) return;
    const key = keyOf(repo, issue);
    this.#entries.delete(key);
    // frontdesk reads only its own comments' markers; of the others, who wrote them and when.
    this.#entries.set(key, { version, comments: comments.map((comment) => (comment.author.isSelf === true ? comment : { ...comment, body: "" })) });
    if (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
  }
}

function keyOf(repo: string, issue: OpenIssue): string {
  return `${repo.toLowerCase()}#${issue.ticket.number}`;
}

function versionOf(issue: OpenIssue): string | undefined {
  return issue.updatedAt ? `${issue.commentCount}@${issue.updatedAt.toISOString()}` : undefined;
}
