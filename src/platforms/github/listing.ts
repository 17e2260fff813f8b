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
      const pages = await readOpenPages(octokit, { owner, repo, state: "open", per_page: PER_PAGE }, etags);
      if (!pages) return { unchanged: true, cursor: {} };
      const listed = pages.flatMap((answer) => answer.data as ListedIssue[]);
      const openEtags = pages.flatMap((answer) => (answer.etag ? [answer.etag] : []));
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

type Page = NonNullable<Awaited<ReturnType<typeof requestIfChanged>>>;

/**
 * Every page of the open listing, in one pass; undefined when each page
 * answered 304 to its last ETag. Until a page has changed, each is asked for
 * with its ETag, and the first that changed is kept as it came. A 304 says
 * that the pages before it are as they were, not what they hold: those are
 * read again. The pages after it are read without ETags, since one change
 * (an issue opened or closed) moves every later page.
 */
async function readOpenPages(octokit: Requester, parameters: Record<string, unknown>, etags: readonly string[]): Promise<Page[] | undefined> {
  const pages: Page[] = [];
  for (let page = 1; ; page++) {
    const answer = await requestIfChanged(octokit, ISSUES, withPage(parameters, page), pages.length === 0 ? etags[page - 1] : undefined);
    if (!answer) {
      if (page >= etags.length) return undefined;
      continue;
    }
    for (let earlier = pages.length + 1; earlier < page; earlier++) pages.push((await requestIfChanged(octokit, ISSUES, withPage(parameters, earlier), undefined))!);
    pages.push(answer);
    if (!answer.next) return pages;
  }
}

/** The latest `updated_at` of the listed issues (GitHub's own text, so that `since` repeats it exactly). */
function latest(issues: readonly ListedIssue[]): string | undefined {
  let best: string | undefined;
  for (const issue of issues) if (issue.updated_at && (!best || Date.parse(issue.updated_at) > Date.parse(best))) best = issue.updated_at;
  return best;
}
