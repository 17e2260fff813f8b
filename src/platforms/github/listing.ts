import type { ListingSource, Listed } from "../../desk/kept-listing.js";
import type { OpenIssue } from "../../desk/port.js";
import { requestIfChanged, withPage, type Requester } from "./conditional.js";
import { toTicket, type GitHubIssue } from "./mapper.js";

/**
 * A repository's issues as the sweep lists them on GitHub: every open issue
 * (each page asked for with its last ETag, so an unchanged listing costs
 * only 304s), or the issues changed since the last listing (`since`, oldest
 * change first, again with the last answer's ETag). `since` stays where it is
 * until a page of changes is full, so that the same question is asked again
 * and a sweep where nothing changed is answered 304.
 */

const ISSUES = "GET /repos/{owner}/{repo}/issues";
const PER_PAGE = 100;

type ListedIssue = GitHubIssue & { updated_at?: string };

export function gitHubListing(
  octokit: Requester,
  owner: string,
  repo: string,
  /** Told of every issue listed (the tracker keeps its node id, which GraphQL writes need). */
  seen?: (issue: { number: number; node_id?: string }) => void,
): ListingSource {
  const fullName = `${owner}/${repo}`;
  const toOpenIssue = (issue: ListedIssue & { node_id?: string }): OpenIssue => (seen?.(issue), {
    ticket: toTicket(fullName, issue),
    commentCount: issue.comments ?? 0,
    ...(issue.updated_at ? { updatedAt: new Date(issue.updated_at) } : {}),
  });

  return {
    async listOpen(cursor): Promise<Listed> {
      const etags = Array.isArray(cursor?.openEtags) ? (cursor.openEtags as string[]) : [];
      if (etags.length > 0 && (await allUnchanged(octokit, { owner, repo, state: "open", per_page: PER_PAGE }, etags))) return { unchanged: true, cursor: {} };
      const listed: ListedIssue[] = [];
      const openEtags: string[] = [];
      for (let page = 1; ; page++) {
        const answer = (await requestIfChanged(octokit, ISSUES, withPage({ owner, repo, state: "open", per_page: PER_PAGE }, page), undefined))!;
        listed.push(...(answer.data as ListedIssue[]));
        if (answer.etag) openEtags.push(answer.etag);
        if (!answer.next) break;
      }
      const since = latest(listed);
      if (!since) return { issues: listed.map(toOpenIssue), cursor: { openEtags, since: undefined, sinceEtag: undefined } };
      // The question the next sweep asks, asked once now: its ETag makes the next answer a free 304 when nothing changed.
      const changes = await this.listChanged({ since });
      const byNumber = new Map(listed.map((issue) => [issue.number, toOpenIssue(issue)]));
      for (const issue of changes && !changes.unchanged ? changes.issues : []) byNumber.set(issue.ticket.number, issue);
      return { issues: [...byNumber.values()], cursor: { openEtags, ...changes?.cursor } };
    },

    async listChanged(cursor): Promise<Listed | undefined> {
      if (typeof cursor.since !== "string") return undefined;
      const parameters = { owner, repo, state: "all", since: cursor.since, sort: "updated", direction: "asc", per_page: PER_PAGE };
      const first = await requestIfChanged(octokit, ISSUES, parameters, typeof cursor.sinceEtag === "string" ? cursor.sinceEtag : undefined);
      if (!first) return { unchanged: true, cursor: {} };
      const listed = [...(first.data as ListedIssue[])];
      let next = first.next;
      for (let page = 2; next; page++) {
        const answer = (await requestIfChanged(octokit, ISSUES, withPage(parameters, page), undefined))!;
        listed.push(...(answer.data as ListedIssue[]));
        next = answer.next;
      }
      // A full page: move on, so that the question stays short. Otherwise ask it again next time (304 if nothing changed).
      const full = listed.length >= PER_PAGE;
      const since = full ? (latest(listed) ?? cursor.since) : cursor.since;
      return { issues: listed.map(toOpenIssue), cursor: { since, sinceEtag: full ? undefined : first.etag } };
    },
  };
}

async function allUnchanged(octokit: Requester, parameters: Record<string, unknown>, etags: readonly string[]): Promise<boolean> {
  for (const [index, etag] of etags.entries()) {
    if (await requestIfChanged(octokit, ISSUES, withPage(parameters, index + 1), etag)) return false;
  }
  return true;
}

/** The latest `updated_at` of the listed issues (GitHub's own text, so that `since` repeats it exactly). */
function latest(issues: readonly ListedIssue[]): string | undefined {
  let best: string | undefined;
  for (const issue of issues) if (issue.updated_at && (!best || Date.parse(issue.updated_at) > Date.parse(best))) best = issue.updated_at;
  return best;
}
