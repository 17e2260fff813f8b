import nock from "nock";
import { ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { describeLabel } from "../../../src/core/labels.js";
import { emptyChanges } from "../../../src/core/plan.js";
import { GitHubTracker } from "../../../src/platforms/github/tracker.js";
import { RepoCache } from "../../../src/runtime/repo-cache.js";
import { useStrictNock } from "../../helpers/nock-strict.js";

useStrictNock();

const API = "https://api.github.com";

function tracker() {
  const octokit = new ProbotOctokit({ auth: { token: "ghs_test" }, retry: { enabled: false }, throttle: { enabled: false } });
  return new GitHubTracker(octokit as never, "acme", "site", new RepoCache(), { number: 7, node_id: "I_7" }, "frontdesk[bot]");
}

const describeAny = (label: string) => describeLabel(undefined, label);

describe("GitHubTracker.apply", () => {
  it("sets the state before the comment that announces it", async () => {
    const order: string[] = [];
    nock(API)
      .patch("/repos/acme/site/issues/7", (body) => (order.push(`state ${body.state}`), true))
      .reply(200, {})
      .post("/repos/acme/site/issues/7/comments", (body) => (order.push(`comment ${body.body}`), true))
      .reply(201, { id: 1 });
    await tracker().apply(7, { ...emptyChanges(), state: "closed", comments: ["Closed: done."] }, describeAny);
    expect(order).toEqual(["state closed", "comment Closed: done."]);
  });

  it("refuses internal comments, which GitHub does not have, before writing any", async () => {
    await expect(tracker().apply(7, { ...emptyChanges(), internalComments: ["Only for the team"] }, describeAny)).rejects.toThrow("GitHub has no internal comments");
  });
});

describe("GitHubTracker.getTicket", () => {
  it("is one read of the issue, as readIssue makes it", async () => {
    const issue = { number: 8, node_id: "I_8", title: "Down", body: null, user: { login: "client-joe", type: "User" }, labels: [{ name: "support", description: "frontdesk: a support ticket" }], assignees: [], state: "open", comments: 2, created_at: "2026-11-26T09:00:00Z", updated_at: "2026-11-26T10:00:00Z" };
    nock(API).get("/repos/acme/site/issues/8").times(2).reply(200, issue);
    const read = await tracker().readIssue(8);
    expect(await tracker().getTicket(8)).toEqual(read.ticket);
    expect(read).toMatchObject({ commentCount: 2, ticket: { number: 8, labels: ["support"], labelDescriptions: { support: "frontdesk: a support ticket" } } });
  });
});
