import nock from "nock";
import { ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { describeLabel } from "../../../src/core/labels.js";
import { emptyChanges } from "../../../src/core/plan.js";
import { toTicket } from "../../../src/platforms/github/mapper.js";
import { GitHubTracker } from "../../../src/platforms/github/tracker.js";
import { RepoCache } from "../../../src/runtime/repo-cache.js";
import { labelId, mockIssueUpdate, restLabels } from "../../helpers/github-graphql.js";
import { specConfig } from "../../helpers/core.js";
import { useStrictNock } from "../../helpers/nock-strict.js";

useStrictNock();

/**
 * GitHub's side of a label renamed in the configuration: frontdesk knows its
 * labels by the descriptions GitHub sends with every issue, and renames one
 * in place with one call, which renames it on every issue.
 */

const API = "https://api.github.com";
const GERMAN = specConfig({ language: "de", urgency: { levels: { emergency: { respond_within: "1h" } } } });
const NOTFALL = describeLabel(GERMAN, "Dringlichkeit: Notfall");

function tracker() {
  const octokit = new ProbotOctokit({ auth: { token: "ghs_test" }, retry: { enabled: false }, throttle: { enabled: false } });
  return new GitHubTracker(octokit as never, "acme", "site", new RepoCache(), { number: 7, node_id: "I_7" }, "frontdesk[bot]");
}

describe("GitHubTracker.renameLabel", () => {
  it("renames the label in place with its new description, and keeps its node id for the next write", async () => {
    const github = tracker();
    let patched: unknown;
    const api = nock(API)
      .get("/repos/acme/site/labels")
      .query(true)
      .reply(200, restLabels(["support", "urgency: emergency"]))
      .patch(`/repos/acme/site/labels/${encodeURIComponent("urgency: emergency")}`, (body) => (patched = body) !== undefined)
      .reply(200, { name: "Dringlichkeit: Notfall", node_id: labelId("urgency: emergency") });
    // The cache of the repository's labels, as intake fills it.
    mockIssueUpdate(api, { issue: 7, addLabels: ["support"] });
    await github.apply(7, { ...emptyChanges(), addLabels: ["support"] }, (label) => describeLabel(GERMAN, label));

    expect(await github.renameLabel("urgency: emergency", NOTFALL)).toBe(true);
    expect(patched).toEqual({ new_name: "Dringlichkeit: Notfall", description: "frontdesk: urgency level emergency" });

    // The new name is the same label: no label is created, the id is the old one.
    mockIssueUpdate(nock(API), { issue: 7, addLabels: ["urgency: emergency"] });
    await github.apply(7, { ...emptyChanges(), addLabels: ["Dringlichkeit: Notfall"] }, (label) => describeLabel(GERMAN, label));
  });

  it.each([
    [422, { message: "Validation Failed", errors: [{ resource: "Label", code: "already_exists", field: "name" }] }],
    [404, { message: "Not Found" }],
  ])("answers false when GitHub refuses because of the names (%i), for the desk to relabel the tickets", async (status, body) => {
    nock(API).patch(`/repos/acme/site/labels/${encodeURIComponent("urgency: emergency")}`).reply(status, body);
    expect(await tracker().renameLabel("urgency: emergency", NOTFALL)).toBe(false);
  });

  it("passes other failures on", async () => {
    nock(API).patch(`/repos/acme/site/labels/${encodeURIComponent("support")}`).reply(403, { message: "Resource not accessible by integration" });
    await expect(tracker().renameLabel("support", describeLabel(GERMAN, "Support"))).rejects.toMatchObject({ status: 403 });
  });
});

describe("toTicket: frontdesk's labels by their descriptions", () => {
  it("keeps the descriptions of frontdesk's labels, and only those", () => {
    const ticket = toTicket("acme/site", {
      number: 7,
      title: "Down",
      user: { login: "client-joe" },
      created_at: "2026-11-26T09:00:00Z",
      labels: [
        { name: "support", description: "frontdesk: a support ticket" },
        { name: "bug", description: "Something isn't working" },
        { name: "function: design", description: null },
      ],
    });
    expect(ticket.labels).toEqual(["support", "bug", "function: design"]);
    expect(ticket.labelDescriptions).toEqual({ support: "frontdesk: a support ticket" });
  });
});
