import nock from "nock";
import { describe, expect, it } from "vitest";
import { createGitLabClient } from "../../../src/platforms/gitlab/client.js";
import { ConfigDependents } from "../../../src/platforms/gitlab/config-dependents.js";
import { createGitLabPacers } from "../../../src/platforms/gitlab/pacing.js";
import { readGitLabProjects, recordSeenProjects, SeenProjects } from "../../../src/platforms/gitlab/seen-projects.js";
import { createGitLabSweep } from "../../../src/platforms/gitlab/sweep.js";
import { UserDirectory } from "../../../src/platforms/gitlab/users.js";
import { KeyedLock } from "../../../src/runtime/keyed-lock.js";
import { RepoCache } from "../../../src/runtime/repo-cache.js";
import { SweepRunner } from "../../../src/desk/sweep-runner.js";
import { useStrictNock } from "../../helpers/nock-strict.js";
import { API, captureLog, CONFIG, CONFIG_FILE, GITLAB, IDS, issueHook, PROJECT_ID, PROJECT_PATH, restIssue, restProject, SELF, TOKEN, user } from "./helpers.js";

useStrictNock();

/** Friday 27 Nov 2026, 11:30 in Berlin. */
const FRIDAY_1130 = new Date("2026-11-27T10:30:00Z");
const THURSDAY_10 = "2026-11-26T09:00:00.000Z";
const issuesPath = `/projects/${PROJECT_ID}/issues`;
const TRIAGED = ["support", "urgency: task", "function: development"];

function createSweepRunner(options: { seen?: SeenProjects; paths?: string[] } = {}) {
  const log = captureLog();
  // No pacing waits or retries in tests: what is called is what the sweep asked for.
  const client = createGitLabClient({ url: GITLAB, token: TOKEN, pacers: createGitLabPacers(), retry: { rateLimitRetries: 0, serverErrorRetries: 0 } });
  const app = { client, cache: new RepoCache(), locks: new KeyedLock(), users: new UserDirectory(client.users), dependents: new ConfigDependents(), now: () => FRIDAY_1130 };
  const runner = new SweepRunner({ log, now: () => FRIDAY_1130, intervalMs: 0 });
  runner.add(createGitLabSweep({ app, seen: options.seen, paths: options.paths ?? [] }));
  return { runner, log };
}

let noteId = 500;
function note(author: { id: number; username: string }, body: string, at: string, system = false) {
  return { id: noteId++, body, author: { ...author, name: author.username }, created_at: at, system, noteable_type: "Issue" };
}
const ack = (record: Record<string, string>, at = THURSDAY_10) => note(SELF, `Thanks.\n\n<!-- frontdesk:ack ${JSON.stringify(record)} -->`, at);
const notesOf = (iid: number) => `${issuesPath}/${iid}/notes`;
const NOTES_QUERY = { sort: "asc", order_by: "created_at", per_page: 100 };

describe("GitLab sweep", () => {
  it("escalates one ticket and reminds another, reading notes only where an action may be due, and nothing twice", async () => {
    const { runner } = createSweepRunner({ paths: [PROJECT_PATH] });
    const notes: Record<number, ReturnType<typeof note>[]> = {
      11: [ack({ urgency: "task", due: "2026-11-27T09:00:00.000Z", contact: "ann" }), note(user("carol"), "Looking into it.", "2026-11-26T12:00:00Z")],
      12: [
        ack({ urgency: "task", due: "2026-11-27T09:00:00.000Z", contact: "ann" }),
        note(user("ann"), "added ~support label", "2026-11-26T09:00:02Z", true),
        note(user("client-joe"), "Any news?", "2026-11-27T08:00:00Z"),
      ],
      13: [ack({ urgency: "task", due: "2026-11-27T12:00:00.000Z", contact: "alice" }, "2026-11-26T12:00:00Z")],
    };
    const issues = [
      { ...restIssue({ iid: 11, labels: [...TRIAGED], assignees: ["ann"], notes: 2, createdAt: THURSDAY_10 }), updated_at: "2026-11-26T12:00:00Z" },
      { ...restIssue({ iid: 12, labels: [...TRIAGED], assignees: ["ann"], notes: 2, createdAt: THURSDAY_10 }), updated_at: "2026-11-27T08:00:00Z" },
      { ...restIssue({ iid: 13, labels: [...TRIAGED], assignees: ["alice"], notes: 1, createdAt: "2026-11-26T12:00:00Z" }), updated_at: "2026-11-26T12:00:00Z" },
      // Opened this morning: its reminder is hours away, so its notes are not read.
      { ...restIssue({ iid: 15, labels: [...TRIAGED], assignees: ["ann"], notes: 1, createdAt: "2026-11-27T08:00:00Z" }), updated_at: "2026-11-27T08:00:00Z" },
      { ...restIssue({ iid: 16, labels: ["project-work"], notes: 4, createdAt: "2026-11-20T09:00:00Z" }), updated_at: "2026-11-20T09:00:00Z" },
    ];
    const posted: Record<number, string> = {};
    const writes: string[] = [];
    const post = (iid: number) => (_uri: string, body: nock.Body) => {
      const text = (body as { body: string }).body;
      posted[iid] = text;
      writes.push(`note ${iid}`);
      notes[iid]!.push(note(SELF, text, FRIDAY_1130.toISOString()));
      const issue = issues.find((candidate) => candidate.iid === iid)!;
      [issue.user_notes_count, issue.updated_at] = [issue.user_notes_count + 1, FRIDAY_1130.toISOString()];
      return { id: noteId++, body: text };
    };
    let edit: Record<string, unknown> | undefined;
    const api = nock(API, { reqheaders: { "private-token": TOKEN } })
      .get(`/projects/${encodeURIComponent(PROJECT_PATH)}`)
      .reply(200, { id: PROJECT_ID, path_with_namespace: PROJECT_PATH, default_branch: "main" })
      .get(CONFIG_FILE)
      .query({ ref: "main" })
      .reply(200, CONFIG)
      .get("/user")
      .reply(200, { ...SELF, bot: true })
      .get(issuesPath)
      .query({ state: "opened", scope: "all", per_page: 100, with_labels_details: true })
      .reply(200, () => issues)
      .get(notesOf(11)).query(NOTES_QUERY).reply(200, () => notes[11])
      // Each twice: to plan, and in the issue's lock before writing (another sweep may have written meanwhile).
      .get(notesOf(12)).query(NOTES_QUERY).times(2).reply(200, () => notes[12])
      .get(notesOf(13)).query(NOTES_QUERY).times(2).reply(200, () => notes[13])
      .post(notesOf(12)).reply(201, post(12))
      .post(notesOf(13)).reply(201, post(13))
      .get(`/projects/${PROJECT_ID}/labels`)
      .query({ include_ancestor_groups: true, per_page: 100 })
      .reply(200, TRIAGED.map((name, id) => ({ id, name })))
      .post(`/projects/${PROJECT_ID}/labels`, { name: "sla: breached", color: "#e11d21", description: "frontdesk: the first response is overdue" })
      .reply(201, {})
      .put(`${issuesPath}/12`, (body) => (edit = body) !== undefined)
      .reply(200, () => {
        writes.push("labels 12");
        issues[1]!.labels.push("sla: breached");
        return {};
      });

    expect(await runner.run()).toEqual({ repos: 1, triaged: 0, reminders: 1, escalations: 1, errors: 0, rateLimited: false });
    expect(api.isDone()).toBe(true);
    expect(writes).toEqual(["note 12", "labels 12", "note 13"]);
    expect(edit).toEqual({ add_labels: "sla: breached" });
    expect(posted[12]).toBe(
      "@ann @lena: the first response to this ticket was due by **Fri, 27 Nov 2026, 10:00 CET**. Please respond as soon as possible." +
        '\n\n<!-- frontdesk:escalation {"due":"2026-11-27T09:00:00.000Z"} -->',
    );
    expect(posted[13]).toMatch(/^@alice, a reminder: the first response to this ticket is due by \*\*Fri, 27 Nov 2026, 13:00 CET\*\*\./u);

    // Again, on the issues as the first sweep left them: the listing, and the notes of
    // the one issue that changed and is not escalated; no write.
    nock(API)
      .get(issuesPath)
      .query(true)
      .reply(200, () => issues)
      .get(notesOf(13)).query(NOTES_QUERY).reply(200, () => notes[13]);
    expect(await runner.run()).toEqual({ repos: 1, triaged: 0, reminders: 0, escalations: 0, errors: 0, rateLimited: false });
  });

  it("triages an issue whose Issue Hook never arrived, in a project a webhook named", async () => {
    const seen = new SeenProjects();
    // A Note Hook from the project went through the app: the sweep now knows it.
    const app = recordSeenProjects(async () => ({ status: "ignored", reason: "test" }), seen);
    await app("Note Hook", issueHook(), captureLog());
    const { runner } = createSweepRunner({ seen });
    let edit: Record<string, unknown> | undefined;
    let ack = "";
    nock(API)
      // The webhook's word is a claim: the sweep asks which project the id is.
      .get(`/projects/${PROJECT_ID}`)
      .reply(200, restProject())
      // Without GITLAB_PROJECTS, the token user's projects too: the same project, swept once.
      .get("/projects")
      .query({ membership: "true", archived: "false", per_page: "100", simple: "true" })
      .reply(200, [restProject()])
      .get(CONFIG_FILE)
      .query({ ref: "main" })
      .reply(200, CONFIG)
      .get("/user")
      .reply(200, { ...SELF, bot: true })
      .get(issuesPath)
      .query(true)
      .reply(200, [restIssue({ iid: 7, title: "Website is down!", createdAt: "2026-11-27T10:00:00Z" }), restIssue({ iid: 3, labels: ["support"], assignees: ["alice", "bob"], notes: 1, createdAt: "2026-11-27T10:00:00Z" })])
      .get(notesOf(7))
      .query(NOTES_QUERY)
      .reply(200, [])
      .get(`/projects/${PROJECT_ID}/labels`)
      .query(true)
      .reply(200, [{ id: 1, name: "support" }, { id: 2, name: "urgency: emergency" }, { id: 3, name: "function: development" }])
      .get("/users")
      .query({ username: "ann" })
      .reply(200, [{ id: IDS.ann, username: "ann" }])
      .get("/users")
      .query({ username: "carol" })
      .reply(200, [{ id: IDS.carol, username: "carol" }])
      .put(`${issuesPath}/7`, (body) => (edit = body) !== undefined)
      .reply(200, {})
      .post(notesOf(7), (body) => (ack = body.body) !== "")
      .reply(201, { id: 1 });

    expect(await runner.run()).toMatchObject({ repos: 1, triaged: 1, errors: 0 });
    expect(edit).toEqual({ add_labels: "support,urgency: emergency,function: development", assignee_ids: [IDS.ann, IDS.carol] });
    expect(ack).toContain("Your contact is @ann; @carol is working on it.");
    expect(ack).toContain('<!-- frontdesk:ack {"urgency":"emergency","due":"2026-11-27T11:00:00.000Z"');
  });

  it("logs a project in GITLAB_PROJECTS that cannot be read and sweeps the others", async () => {
    const { runner, log } = createSweepRunner({ paths: ["acme/gone", PROJECT_PATH] });
    nock(API)
      .get(`/projects/${encodeURIComponent("acme/gone")}`)
      .reply(404, { message: "404 Project Not Found" })
      .get(`/projects/${encodeURIComponent(PROJECT_PATH)}`)
      .reply(200, { id: PROJECT_ID, path_with_namespace: PROJECT_PATH, default_branch: "main" })
      .get(CONFIG_FILE)
      .query(true)
      .reply(404, { message: "404 File Not Found" });
    expect(await runner.run()).toEqual({ repos: 0, triaged: 0, reminders: 0, escalations: 0, errors: 1, rateLimited: false });
    expect(log.lines.filter((line) => line.level === "error").map((line) => line.fields.repo)).toEqual(["acme/gone"]);
  });
});

describe("projects the GitLab sweep covers", () => {
  it("reads GITLAB_PROJECTS as comma-separated paths", () => {
    expect(readGitLabProjects({ GITLAB_PROJECTS: " acme/site, /acme/shop/ ,,acme/site" })).toEqual(["acme/site", "acme/shop"]);
    expect(readGitLabProjects({})).toEqual([]);
  });

  it("keeps the most recently seen projects, at most as many as its bound", () => {
    const seen = new SeenProjects(2);
    for (const id of [1, 2, 1, 3]) seen.record({ id, path_with_namespace: `acme/p${id}`, default_branch: "main" });
    expect(seen.list().map((project) => project.id)).toEqual([1, 3]);
  });
});
