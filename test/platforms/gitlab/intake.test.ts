import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { createGitLabHandlerFromEnv } from "../../../src/platforms/gitlab/middleware.js";
import { useStrictNock } from "../../helpers/nock-strict.js";
import {
  API,
  captureLog,
  CONFIG,
  CONFIG_FILE,
  deliver,
  ENV,
  IDS,
  issueHook,
  PROJECT_API,
  PROJECT_ID,
  restIssue,
  restNote,
  restProject,
  SELF,
  startServer,
  THURSDAY_10_BERLIN,
  TOKEN,
} from "./helpers.js";

useStrictNock();

const servers: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** The production wiring (GITLAB_URL of a self-managed instance) behind the real server. */
async function setup(now = THURSDAY_10_BERLIN) {
  const log = captureLog();
  const handler = createGitLabHandlerFromEnv(ENV, { log, now: () => now });
  const server = await startServer(handler);
  servers.push(server);
  return { log, handler, url: server.url };
}

/** Every call must carry the token; strict nock fails any call to another host. */
function gitlab() {
  return nock(API, { reqheaders: { "private-token": TOKEN } });
}

const issuesPath = `/projects/${PROJECT_ID}/issues`;
const listQuery = { state: "opened", scope: "all", per_page: 100, with_labels_details: true };

/** Other open tickets: alice 1, ann 0; bob 2, carol 1 (as in the GitHub scenario). */
const OTHER_TICKETS = [
  restIssue({ iid: 3, labels: ["support"], assignees: ["alice", "bob"] }),
  restIssue({ iid: 4, labels: ["support"], assignees: ["bob"] }),
  restIssue({ iid: 5, labels: ["support"], assignees: ["carol"] }),
  restIssue({ iid: 6, labels: ["question"], assignees: ["carol"] }),
];
const DOWN = { iid: 7, title: "Website is down!", description: "Nothing loads since 9:00." };
const TRIAGED_LABELS = ["support", "urgency: emergency", "function: development"];

/** The project (asked by id once per cache period) and its configuration. */
function mockConfig(scope = gitlab(), text = CONFIG) {
  return scope
    .get(PROJECT_API)
    .reply(200, restProject())
    .get(CONFIG_FILE)
    .query({ ref: "main" })
    .reply(200, text, { "content-type": "text/plain; charset=utf-8" });
}

describe("GitLab intake", () => {
  it("triages 'Website is down!' with labels, a contact, an implementer and one note", async () => {
    const { url, log } = await setup();
    const bodies: Record<string, any> = {};
    const labels: Record<string, unknown>[] = [];
    const scope = gitlab().get("/user").reply(200, { ...SELF, name: "frontdesk", bot: true });
    mockConfig(scope)
      .get(issuesPath)
      .query(listQuery)
      .reply(200, [restIssue(DOWN), ...OTHER_TICKETS])
      .get(`/projects/${PROJECT_ID}/labels`)
      .query({ include_ancestor_groups: true, per_page: 100 })
      .reply(200, [{ id: 1, name: "support" }, { id: 2, name: "question" }])
      .post(`/projects/${PROJECT_ID}/labels`, (body) => labels.push(body) > 0)
      .times(2)
      .reply(201, {})
      // ann has no open ticket, so no listing told her id.
      .get("/users")
      .query({ username: "ann" })
      .reply(200, [{ id: IDS.ann, username: "ann" }])
      .put(`${issuesPath}/7`, (body) => (bodies.edit = body) !== undefined)
      .reply(200, {})
      .post(`${issuesPath}/7/notes`, (body) => (bodies.note = body) !== undefined)
      .reply(201, { id: 1 });

    const response = await deliver(url, "Issue Hook", issueHook(DOWN));

    expect(response).toEqual({ status: 200, body: { status: "done", reason: "triage" } });
    expect(scope.isDone()).toBe(true);
    expect(bodies.edit).toEqual({ add_labels: TRIAGED_LABELS.join(","), assignee_ids: [IDS.ann, IDS.carol] });
    expect(labels).toEqual([
      { name: "urgency: emergency", color: "#b60205", description: "frontdesk: urgency level emergency" },
      { name: "function: development", color: "#bfdadc", description: "frontdesk: the skill this ticket needs (development)" },
    ]);
    const note = bodies.note.body as string;
    expect(Object.keys(bodies.note)).toEqual(["body"]);
    expect(note).toContain("Your contact is @ann; @carol is working on it.");
    expect(note).toContain("You will hear from us by **Thu, 26 Nov 2026, 11:00 CET**.");
    expect(note).toMatch(/<!-- frontdesk:ack \{"urgency":"emergency","due":"2026-11-26T10:00:00.000Z","function":"development","contact":"ann","implementer":"carol"\} -->/u);
    expect(log.lines.filter((line) => line.level === "warn").map((line) => line.message)).toEqual([
      "ignored on GitLab (GitHub Projects only): project_work.board, support_board",
    ]);
  });

  it("changes nothing when the same hook arrives twice", async () => {
    const { url } = await setup();
    let notes = 0;
    const scope = gitlab().get("/user").reply(200, SELF);
    mockConfig(scope)
      .get(issuesPath)
      .query(true)
      .reply(200, [restIssue(DOWN)])
      .get(`/projects/${PROJECT_ID}/labels`)
      .query(true)
      .reply(200, TRIAGED_LABELS.map((name, id) => ({ id, name })))
      .get("/users")
      .query(true)
      .times(2)
      .reply(200, (uri) => [{ id: IDS[new URL(uri, API).searchParams.get("username") ?? ""], username: new URL(uri, API).searchParams.get("username") }])
      .put(`${issuesPath}/7`)
      .reply(200, {})
      .post(`${issuesPath}/7/notes`, () => ++notes > 0)
      .reply(201, { id: 1 });
    const payload = issueHook(DOWN);
    const headers = { "x-gitlab-event-uuid": "same-event", "idempotency-key": "same-key" };

    const first = await deliver(url, "Issue Hook", payload, headers);
    const again = await deliver(url, "Issue Hook", payload, headers);

    expect(first.body.status).toBe("done");
    expect(again).toEqual({ status: 200, body: { status: "duplicate" } });
    expect(notes).toBe(1);
  });

  it("adds nothing to an issue that carries frontdesk's note, even when the delivery is new", async () => {
    const { url } = await setup();
    const ack = "Thanks!\n\n<!-- frontdesk:ack {\"urgency\":\"emergency\",\"due\":\"2026-11-26T10:00:00.000Z\"} -->";
    const scope = gitlab().get("/user").reply(200, SELF);
    mockConfig(scope)
      .get(issuesPath)
      .query(true)
      .reply(200, [restIssue({ ...DOWN, labels: TRIAGED_LABELS, assignees: ["ann", "carol"], notes: 2 })])
      .get(`${issuesPath}/7/notes`)
      .query({ sort: "asc", order_by: "created_at", per_page: 100 })
      .reply(200, [
        restNote(1, { id: 5, username: "gitlab-system" }, "added ~1 label", true),
        restNote(2, SELF, ack),
        restNote(3, { id: 101, username: "client-joe" }, "any news?"),
      ]);

    const response = await deliver(url, "Issue Hook", issueHook({ ...DOWN, action: "reopen", by: { id: 12, username: "ann" } }));

    expect(response.body).toEqual({ status: "done", reason: "already triaged" });
  });

  it("does not take a marker pasted by someone else for frontdesk's", async () => {
    const { url } = await setup();
    const forged = "<!-- frontdesk:ack {\"urgency\":\"task\",\"due\":\"2026-11-26T10:00:00.000Z\"} -->";
    const scope = gitlab().get("/user").reply(200, SELF);
    mockConfig(scope)
      .get(issuesPath)
      .query(true)
      .reply(200, [restIssue({ ...DOWN, notes: 1 })])
      .get(`${issuesPath}/7/notes`)
      .query(true)
      .reply(200, [restNote(3, { id: 101, username: "client-joe" }, forged)])
      .get(`/projects/${PROJECT_ID}/labels`)
      .query(true)
      .reply(200, TRIAGED_LABELS.map((name, id) => ({ id, name })))
      .get("/users")
      .query(true)
      .times(2)
      .reply(200, (uri) => [{ id: 1, username: new URL(uri, API).searchParams.get("username") }])
      .put(`${issuesPath}/7`)
      .reply(200, {})
      .post(`${issuesPath}/7/notes`)
      .reply(201, { id: 4 });

    const response = await deliver(url, "Issue Hook", issueHook(DOWN));

    expect(response.body).toEqual({ status: "done", reason: "triage" });
  });

  it("keeps the assignees a person chose and only labels and acknowledges", async () => {
    const { url } = await setup();
    let edit: unknown;
    let note = "";
    const scope = gitlab().get("/user").reply(200, SELF);
    mockConfig(scope)
      .get(issuesPath)
      .query(true)
      .reply(200, [restIssue({ ...DOWN, assignees: ["dave"] })])
      .get(`/projects/${PROJECT_ID}/labels`)
      .query(true)
      .reply(200, TRIAGED_LABELS.map((name, id) => ({ id, name })))
      .put(`${issuesPath}/7`, (body) => (edit = body) !== undefined)
      .reply(200, {})
      .post(`${issuesPath}/7/notes`, (body) => Boolean((note = body.body)))
      .reply(201, { id: 1 });

    await deliver(url, "Issue Hook", issueHook({ ...DOWN, assignees: ["dave"] }));

    expect(edit).toEqual({ add_labels: TRIAGED_LABELS.join(",") });
    expect(note).toContain("Your contact is @dave.");
  });

  it.each([
    ["frontdesk's own user", SELF],
    ["a project access token's bot", { id: 77, username: "project_42_bot_3f2a1c" }],
  ])("ignores an issue opened by %s after one GET /user", async (_name, author) => {
    const { url } = await setup();
    gitlab().get("/user").reply(200, SELF);
    const payload = issueHook({ ...DOWN, by: author });
    payload.object_attributes.author_id = author.id;

    const response = await deliver(url, "Issue Hook", payload);

    expect(response.body).toEqual({ status: "ignored", reason: `${author.username} is frontdesk or a bot` });
  });

  it("makes no write in a project without .gitlab/frontdesk.yml", async () => {
    const { url } = await setup();
    gitlab().get("/user").reply(200, SELF).get(PROJECT_API).reply(200, restProject()).get(CONFIG_FILE).query({ ref: "main" }).reply(404, { message: "404 File Not Found" });

    const response = await deliver(url, "Issue Hook", issueHook(DOWN));

    expect(response.body).toEqual({ status: "done", reason: "no-config" });
  });

  it("labels the issue support, and logs where the error is, when the configuration is invalid", async () => {
    const { url, log } = await setup();
    let edit: unknown;
    const scope = gitlab().get("/user").reply(200, SELF);
    mockConfig(scope, CONFIG.replace("capacity: 12", "capacity: lots"))
      .get(`/projects/${PROJECT_ID}/labels`)
      .query(true)
      .reply(200, [])
      .post(`/projects/${PROJECT_ID}/labels`, { name: "support", color: "#1d76db", description: "frontdesk: a support ticket" })
      .reply(201, {})
      .put(`${issuesPath}/7`, (body) => (edit = body) !== undefined)
      .reply(200, {});

    const response = await deliver(url, "Issue Hook", issueHook(DOWN));

    expect(response.body).toEqual({ status: "done", reason: "invalid-config" });
    expect(edit).toEqual({ add_labels: "support" });
    const errors = log.lines.filter((line) => line.level === "error").map((line) => line.message);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^invalid configuration: acme\/site:\.gitlab\/frontdesk\.yml:18:13: team\.capacity: /u);
  });

  it("ignores updates, closed issues and tasks before any API call", async () => {
    const { url } = await setup();
    const closed = issueHook(DOWN);
    closed.object_attributes.state = "closed";
    closed.object_attributes.action = "close";

    expect((await deliver(url, "Issue Hook", issueHook({ ...DOWN, action: "update" }))).body).toEqual({
      status: "ignored",
      reason: "no new estimate or label",
    });
    expect((await deliver(url, "Issue Hook", closed)).body.status).toBe("ignored");
    expect((await deliver(url, "Issue Hook", issueHook({ ...DOWN, type: "Task" }))).body).toEqual({
      status: "ignored",
      reason: "a Task is not a ticket",
    });
  });
});
