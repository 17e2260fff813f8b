import type { SweepComment } from "../core/plan-sweep.js";
import { LocalKeptState, type KeptState } from "../runtime/kept-state.js";
import type { OpenIssue } from "./port.js";

/**
 * The comments a sweep read, kept per issue with the issue's version (its
 * comment count and last change, as the listing shows them): while the
 * version is the same, the comments are, and the next sweep reads none.
 * Only what planning needs is kept: people's comment texts are dropped.
 * One record per repository in what sweeps keep (with REDIS_URL, in Redis,
 * so that whichever replica sweeps next reads nothing again).
 */
export class SweepCommentsCache {
  constructor(
    private readonly maxEntries = 5_000,
    private readonly kept: KeptState = new LocalKeptState(),
  ) {}

  /** The comments read for this issue at this version, or undefined. */
  async get(repo: string, issue: OpenIssue): Promise<SweepComment[] | undefined> {
    return (await this.lookup(repo, [issue])).get(issue.ticket.number);
  }

  /** The comments kept for those of `issues` whose version is unchanged, by number. */
  async lookup(repo: string, issues: readonly OpenIssue[]): Promise<Map<number, SweepComment[]>> {
    const record = (await this.kept.read<KeptRecord>(keyOf(repo))) ?? {};
    const found = new Map<number, SweepComment[]>();
    for (const issue of issues) {
      const version = versionOf(issue);
      const entry = record[`#${issue.ticket.number}`];
      if (version !== undefined && entry?.version === version) found.set(issue.ticket.number, entry.comments.map(revive));
    }
    return found;
  }

  async set(repo: string, issue: OpenIssue, comments: readonly SweepComment[]): Promise<void> {
    await this.store(repo, [[issue, comments]]);
  }

  /** Keeps what was just read for these issues, at their versions. */
  async store(repo: string, read: readonly (readonly [OpenIssue, readonly SweepComment[]])[]): Promise<void> {
    const record = (await this.kept.read<KeptRecord>(keyOf(repo))) ?? {};
    let changed = false;
    for (const [issue, comments] of read) {
      const version = versionOf(issue);
      if (version === undefined) continue;
      // Re-inserted, so that the oldest entries are the first keys (`#7`: a name, not an index, keeps that order).
      delete record[`#${issue.ticket.number}`];
      // frontdesk reads only its own comments' markers; of the others, who wrote them and when.
      record[`#${issue.ticket.number}`] = { version, comments: comments.map((comment) => keep(comment.author.isSelf === true ? comment : { ...comment, body: "" })) };
      changed = true;
    }
    const numbers = Object.keys(record);
    for (const number of numbers.slice(0, Math.max(0, numbers.length - this.maxEntries))) delete record[number];
    if (changed) await this.kept.write(keyOf(repo), record);
  }
}

type KeptComment = Omit<SweepComment, "createdAt"> & { createdAt: string };
type KeptRecord = Record<string, { version: string; comments: KeptComment[] }>;

function keyOf(repo: string): string {
  return `comments:${repo.toLowerCase()}`;
}

function versionOf(issue: OpenIssue): string | undefined {
  return issue.updatedAt ? `${issue.commentCount}@${issue.updatedAt.toISOString()}` : undefined;
}

function keep(comment: SweepComment): KeptComment {
  return { ...comment, createdAt: comment.createdAt.toISOString() };
}

function revive(comment: KeptComment): SweepComment {
  return { ...comment, createdAt: new Date(comment.createdAt) };
}
