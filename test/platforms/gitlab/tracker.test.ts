import nock from "nock";
import { describe, expect, it } from "vitest";
import { describeLabel } from "../../../src/core/labels.js";
import { emptyChanges, type Changes } from "../../../src/core/plan.js";
import { createGitLabClient } from "../../../src/platforms/gitlab/client.js";
import { GitLabTracker } from "../../../src/platforms/gitlab/tracker.js";
import { UserDirectory } from "../../../src/platforms/gitlab/users.js";
import { RepoCache } from "../../../src/runtime/repo-cache.js";
import { useStrictNock } from "../../helpers/nock-strict.js";
import { API, captureLog, GITLAB, IDS, PROJECT_ID, PROJECT_PATH, restIssue, SELF, TOKEN } from "./helpers.js";

useStrictNock();

const PROJECT = { id: PROJECT_ID, path: PROJECT_PATH };
const issuePath = `/projects/${PROJECT_ID}/issues/7`;

function createTracker() {
  const client = createGitLabClient({ url: GITLAB, token: TOKEN });
  const log = captureLog();
  const cache = new RepoCache();
  const tracker = new GitLabTracker(PROJECT, { client, cache, users: new UserDirectory(client.users), self: SELF, log });
  return { client, cache, log, tracker };
}

function changes(overrides: Partial<Changes>): Changes {
  return { ...emptyChanges(), ...overrides };
}

const describeAny = (label: string) => describeLabel(undefined, label);

describe("GitLabTracker.apply", () => {
  it("merges new assignees into the current ones, since assignee_ids replaces the list", async () => {
    const { tracker } = createTracker();
    let edit: unknown;
    nock(API)
      .get(`/projects/${PROJECT_ID}/issues`)
      .query(true)
      .reply(200, [restIssue({ iid: 7, assignees: ["dave", "bob"] }), restIssue({ iid: 8, assignees: ["carol"] })])
      .put(issuePath, (body) => (edit = body) !== undefined)
      .reply(200, {});
    await tracker.listOpenIssues();

    await tracker.apply(7, changes({ assign: ["carol"], unassign: ["bob"] }), describeAny);

    expect(edit).toEqual({ assignee_ids: [IDS.dave, IDS.carol] });
  });

  it("reads the issue when the listing did not have it, and skips a username GitLab does not know", async () => {
    const { tracker, log } = createTracker();
    let edit: unknown;
    nock(API)
      .get(issuePath)
      .reply(200, restIssue({ iid: 7, assignees: ["dave"] }))
      .get("/users")
      .query({ username: "carol" })
      .reply(200, [{ id: IDS.carol, username: "carol" }])
      .get("/users")
      .query({ username: "nobody" })
      .reply(200, [])
      .put(issuePath, (body) => (edit = body) !== undefined)
      .reply(200, {});

    await tracker.apply(7, changes({ assign: ["carol", "nobody"] }), describeAny);

    expect(edit).toEqual({ assignee_ids: [IDS.dave, IDS.carol] });
    expect(log.lines).toEqual([{ level: "warn", fields: { username: "nobody" }, message: "no GitLab user with this username: not assigned" }]);
  });

  it("removes labels through remove_labels and writes nothing else for a plan without assignees", async () => {
    const { tracker } = createTracker();
    let edit: unknown;
    nock(API)
      .put(issuePath, (body) => (edit = body) !== undefined)
      .reply(200, {});
    await tracker.apply(7, changes({ removeLabels: ["support", "needs estimate"] }), describeAny);
    expect(edit).toEqual({ remove_labels: "support,needs estimate" });
  });

  it.each([
    ["closed", { state_event: "close" }],
    ["open", { state_event: "reopen" }],
  ] as const)("sets the state %s in the same PUT as the labels", async (state, expected) => {
    const { tracker } = createTracker();
    let edit: unknown;
    nock(API)
      .put(issuePath, (body) => (edit = body) !== undefined)
      .reply(200, {});
    await tracker.apply(7, changes({ removeLabels: ["support"], state }), describeAny);
    expect(edit).toEqual({ remove_labels: "support", ...expected });
  });

  it("makes no call for an empty plan, and none for a label created by someone in the meantime", async () => {
    const { tracker, cache } = createTracker();
    await tracker.apply(7, emptyChanges(), describeAny);

    nock(API)
      .get(`/projects/${PROJECT_ID}/labels`)
      .query(true)
      .reply(200, [])
      .post(`/projects/${PROJECT_ID}/labels`)
      .reply(409, { message: "Label already exists" })
      .put(issuePath)
      .times(2)
      .reply(200, {});
    await tracker.apply(7, changes({ addLabels: ["Support"] }), describeAny);
    // Now known: the second plan neither lists nor creates labels.
    await tracker.apply(7, changes({ addLabels: ["support"] }), describeAny);
    expect(await cache.get(PROJECT_PATH, "labels", async () => new Set<string>())).toEqual(new Set(["support"]));
  });

  it("creates a missing label and resolves a username once, however many tickets need them at the same time", async () => {
    const { client, cache } = createTracker();
    const users = new UserDirectory(client.users);
    const trackers = [7, 8, 9].map(() => new GitLabTracker(PROJECT, { client, cache, users, self: SELF, log: captureLog() }));
    const created: unknown[] = [];
    const scope = nock(API)
      .get(`/projects/${PROJECT_ID}/labels`)
      .query(true)
      .reply(200, [{ id: 1, name: "support" }])
      .post(`/projects/${PROJECT_ID}/labels`, (body) => created.push(body) > 0)
      .reply(201, {})
      .get("/users")
      .query({ username: "carol" })
      .reply(200, [{ id: IDS.carol, username: "carol" }]);
    for (const iid of [7, 8, 9]) scope.get(`/projects/${PROJECT_ID}/issues/${iid}`).reply(200, restIssue({ iid })).put(`/projects/${PROJECT_ID}/issues/${iid}`).reply(200, {});

    const plan = changes({ addLabels: ["support", "urgency: task"], assign: ["carol"] });
    await Promise.all(trackers.map((tracker, index) => tracker.apply(7 + index, plan, describeAny)));

    expect(created).toEqual([expect.objectContaining({ name: "urgency: task" })]);
  });

  it("maps notes, leaving out GitLab's system notes and counting the token user's as frontdesk's", async () => {
    const { tracker } = createTracker();
    nock(API)
      .get(`${issuePath}/notes`)
      .query({ sort: "asc", order_by: "created_at", per_page: 100 })
      .reply(200, [
        { id: 1, body: "changed the description", author: { id: 5, username: "ann" }, created_at: "2026-11-26T09:00:00Z", system: true },
        { id: 2, body: "Thanks!", author: SELF, created_at: "2026-11-26 09:00:01 UTC", system: false },
        { id: 3, body: "any news?", author: { id: 101, username: "client-joe" }, created_at: "2026-11-26T09:30:00Z", system: false },
      ]);
    expect(await tracker.listComments(7)).toEqual([
      { id: 2, author: { login: "frontdesk-bot", isBot: true, isSelf: true }, body: "Thanks!", createdAt: new Date("2026-11-26T09:00:01Z") },
      { id: 3, author: { login: "client-joe", isBot: false, isSelf: false }, body: "any news?", createdAt: new Date("2026-11-26T09:30:00Z") },
    ]);
  });
});

describe("GitLabTracker.getTicket", () => {
  it("is one read of the issue, as readIssue makes it: its estimate and assignees are remembered for what follows", async () => {
    const { tracker } = createTracker();
    let edit: unknown;
    nock(API)
      .get(issuePath)
      .times(2)
      .reply(200, { ...restIssue({ iid: 7, labels: ["support"], assignees: ["dave"], notes: 2 }), time_stats: { time_estimate: 7200 } })
      .get("/users")
      .query({ username: "carol" })
      .reply(200, [{ id: IDS.carol, username: "carol" }])
      .put(issuePath, (body) => (edit = body) !== undefined)
      .reply(200, {});

    const ticket = await tracker.getTicket(7);
    expect(ticket).toEqual((await tracker.readIssue(7)).ticket);
    expect(ticket).toMatchObject({ number: 7, labels: ["support"], assignees: ["dave"] });
    expect(tracker.timeEstimateOf(7)).toBe(7200);
    // The assignees read with it are the base of the merge: no read before the write.
    await tracker.apply(7, changes({ assign: ["carol"] }), describeAny);
    expect(edit).toEqual({ assignee_ids: [IDS.dave, IDS.carol] });
  });
});
