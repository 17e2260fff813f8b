import nock from "nock";
import { describe, expect, it } from "vitest";
import { describeLabel } from "../../../src/core/labels.js";
import { createGitLabClient } from "../../../src/platforms/gitlab/client.js";
import { toTicketFromHook } from "../../../src/platforms/gitlab/mapper.js";
import { issueHookSchema } from "../../../src/platforms/gitlab/payloads.js";
import { GitLabTracker } from "../../../src/platforms/gitlab/tracker.js";
import { UserDirectory } from "../../../src/platforms/gitlab/users.js";
import { RepoCache } from "../../../src/runtime/repo-cache.js";
import { specConfig } from "../../helpers/core.js";
import { useStrictNock } from "../../helpers/nock-strict.js";
import { API, captureLog, GITLAB, issueHook, PROJECT_ID, PROJECT_PATH, restIssue, SELF, TOKEN } from "./helpers.js";

useStrictNock();

/**
 * GitLab's side of a label renamed in the configuration: frontdesk knows its
 * labels by their descriptions (in hooks, and in the listing with
 * `with_labels_details`), and renames one in place with one call
 * (`PUT /projects/:id/labels/:name` with `new_name`), on every issue.
 */

const GERMAN = specConfig({ language: "de", project_work: { threshold: "4h" } });
const PROJEKTARBEIT = describeLabel(GERMAN, "Projektarbeit");
const labelPath = (name: string) => `/projects/${PROJECT_ID}/labels/${encodeURIComponent(name)}`;

function createTracker() {
  const client = createGitLabClient({ url: GITLAB, token: TOKEN });
  const cache = new RepoCache();
  return { cache, tracker: new GitLabTracker({ id: PROJECT_ID, path: PROJECT_PATH }, { client, cache, users: new UserDirectory(client.users), self: SELF, log: captureLog() }) };
}

describe("GitLabTracker.renameLabel", () => {
  it("renames the project's label in place with its new description, and remembers the new name", async () => {
    const { tracker, cache } = createTracker();
    let put: unknown;
    nock(API)
      .put(labelPath("project-work"), (body) => (put = body) !== undefined)
      .reply(200, { id: 5, name: "Projektarbeit" });
    await cache.get(PROJECT_PATH, "labels", async () => new Set(["support", "project-work"]));

    expect(await tracker.renameLabel("project-work", PROJEKTARBEIT)).toBe(true);
    expect(put).toEqual({ new_name: "Projektarbeit", description: "frontdesk: too large for support, handled as project work" });
    expect(await cache.get(PROJECT_PATH, "labels", async () => new Set<string>())).toEqual(new Set(["support", "projektarbeit"]));
  });

  it.each([
    [400, { message: { title: ["has already been taken"] } }],
    [409, { message: "Label already exists" }],
    [404, { message: "404 Label Not Found" }],
  ])("answers false when GitLab refuses because of the names (%i), for the desk to relabel the tickets", async (status, body) => {
    nock(API).put(labelPath("project-work")).reply(status, body);
    expect(await createTracker().tracker.renameLabel("project-work", PROJEKTARBEIT)).toBe(false);
  });

  it("passes other failures on", async () => {
    nock(API).put(labelPath("project-work")).reply(403, { message: "403 Forbidden" });
    await expect(createTracker().tracker.renameLabel("project-work", PROJEKTARBEIT)).rejects.toThrow();
  });
});

describe("frontdesk's labels by their descriptions", () => {
  it("lists open issues with their labels' details, and keeps the descriptions of frontdesk's", async () => {
    const { tracker } = createTracker();
    const labels = [
      { id: 1, name: "project-work", description: "frontdesk: too large for support, handled as project work" },
      { id: 2, name: "bug", description: "Something isn't working" },
    ];
    nock(API)
      .get(`/projects/${PROJECT_ID}/issues`)
      .query({ state: "opened", scope: "all", per_page: 100, with_labels_details: true })
      .reply(200, [{ ...restIssue({ iid: 7 }), labels }]);

    const [issue] = await tracker.listOpenIssues();
    expect(issue?.ticket.labels).toEqual(["project-work", "bug"]);
    expect(issue?.ticket.labelDescriptions).toEqual({ "project-work": "frontdesk: too large for support, handled as project work" });
  });

  it("reads them from an Issue Hook too", () => {
    const payload = issueHook({ labels: ["support"] });
    payload.labels[0].description = "frontdesk: a support ticket";
    const parsed = issueHookSchema.parse(payload);
    expect(toTicketFromHook(parsed, SELF).labelDescriptions).toEqual({ support: "frontdesk: a support ticket" });
  });
});
