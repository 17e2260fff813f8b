import { ProbotOctokit } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ListingCursor } from "../../../src/desk/kept-listing.js";
import type { Requester } from "../../../src/platforms/github/conditional.js";
import { gitHubListing } from "../../../src/platforms/github/listing.js";
import { FakeGitHub } from "../../fakes/github-api.js";

/**
 * The sweep's whole-listing check on GitHub: each page asked for with its
 * last ETag, in one pass. An unchanged listing costs only 304s; a changed
 * page is read once, and kept as it came.
 */

const github = new FakeGitHub();
let octokit: Requester;

beforeAll(async () => {
  const host = await github.start();
  octokit = new ProbotOctokit({ auth: { token: "ghs_test" }, baseUrl: `http://${host}/api/v3`, retry: { enabled: false }, throttle: { enabled: false } }) as unknown as Requester;
});
afterAll(() => github.stop());

/** The calls of the open listing (not the question about changes that follows it), as `page status`. */
function openListingCalls(from: number): string[] {
  return github.calls.slice(from).flatMap((call) => {
    const url = new URL(call.path, "http://fake");
    if (!url.pathname.endsWith("/issues") || url.searchParams.get("state") !== "open") return [];
    return [`${url.searchParams.get("page") ?? "1"} ${call.status}`];
  });
}

describe("gitHubListing: the whole listing", () => {
  it("reads a changed page once: 304s up to it, then what a 304 cannot tell", async () => {
    const repo = github.addRepo("acme/paged", 1);
    const created = Date.parse("2026-11-01T09:00:00Z");
    for (let number = 1; number <= 250; number++) repo.openIssue({ number, title: `Issue ${number}`, createdAt: new Date(created + number * 60_000).toISOString() });
    const listing = gitHubListing(octokit, "acme", "paged");

    const first = await listing.listOpen();
    expect(first.unchanged ? [] : first.issues).toHaveLength(250);
    const cursor: ListingCursor = first.cursor;
    expect(cursor.openEtags).toHaveLength(3);

    // Nothing changed: three 304s, none counted.
    let from = github.calls.length;
    expect(await listing.listOpen(cursor)).toEqual({ unchanged: true, cursor: {} });
    expect(openListingCalls(from)).toEqual(["1 304", "2 304", "3 304"]);

    // A comment on #150 changes page 2 alone.
    repo.addUserComment(150, "client-joe", "Any news?");
    from = github.calls.length;
    const changed = await listing.listOpen(cursor);
    // Page 2 is read once and kept; page 1's 304 says it is unchanged, not what it holds, so it is read; page 3 follows without an ETag.
    expect(openListingCalls(from)).toEqual(["1 304", "2 200", "1 200", "3 200"]);
    const issues = changed.unchanged ? [] : changed.issues;
    expect(issues.map((issue) => issue.ticket.number)).toEqual(Array.from({ length: 250 }, (_, index) => index + 1));
    expect(issues.find((issue) => issue.ticket.number === 150)?.commentCount).toBe(1);
    expect(changed.cursor.openEtags).toHaveLength(3);
    expect(changed.cursor.openEtags).not.toEqual(cursor.openEtags);
  });
});
