// GitLab estimates and /project: project work, its handoff and its move, and what is no decision.

import { describe, expect, it } from "vitest";
import { writeMarker } from "../../../src/core/marker.js";
import { SPEC_PROJECT_REASON as PROJECT_WORK } from "../../helpers/core.js";
import { useStrictNock } from "../../helpers/nock-strict.js";
import { ACK, closeServersAfterEach, issuePath, LABELS, mockTriaged, RECORD, record, setup, TRIAGED } from "./commands-helpers.js";
import {
  API,
  CONFIG,
  deliver,
  IDS,
  issueHook,
  noteHook,
  PROJECT_ID,
  restIssue,
  restNote,
  SELF,
  updateHook,
  user,
} from "./helpers.js";

useStrictNock();

/** GitLab has no boards: the board actions of project work are left undone, and the answer says so. */
const NO_BOARDS = "boards: not served on this platform";
closeServersAfterEach();

describe("GitLab project work and commands", () => {
  it("makes a ticket project work when GitLab's /estimate 2d arrives as time_estimate 57600", async () => {
    const { url, scope } = await setup();
    const bodies: Record<string, any> = {};
    const keep = record(bodies);
    mockTriaged(scope)
      .get(`/projects/${PROJECT_ID}/labels`)
      .query(true)
      .reply(200, LABELS)
      .post(`/projects/${PROJECT_ID}/labels`, keep("label"))
      .reply(201, {})
      .get("/users")
      .query({ username: "lena" })
      .reply(200, [{ id: IDS.lena, username: "lena" }])
      .put(issuePath, keep("edit"))
      .reply(200, {})
      .put(`${issuePath}/notes/2`, keep("ack"))
      .reply(200, {})
      .post(`${issuePath}/notes`, keep("note"))
      .reply(201, { id: 3 });

    const response = await deliver(url, "Issue Hook", updateHook({ timeEstimate: [0, 57_600] }));

    expect(response.body).toEqual({ status: "done", reason: `estimate 2d (command) vs threshold 4h; ${PROJECT_WORK}; ${NO_BOARDS}` });
    expect(bodies.label).toEqual({ name: "project-work", color: "#5319e7", description: "frontdesk: too large for support, handled as project work" });
    // support-team model: the implementer hands over to project_work.handoff; the contact stays.
    expect(bodies.edit).toEqual({ add_labels: "project-work", remove_labels: "support", assignee_ids: [IDS.ann, IDS.lena] });
    expect(bodies.ack.body).toContain(
      writeMarker("ack", { ...RECORD, estimate: "2d", estimateFrom: "command", handoff: "lena", project: true }),
    );
    expect(bodies.note.body).toBe(
      "This request is larger than a support task: we estimate **2d**, and support covers up to 4h. We are planning it as project work. @lena is taking it over and will be in touch.",
    );
  });

  it("changes nothing when the same estimate arrives again", async () => {
    const { url, scope } = await setup();
    const record = { ...RECORD, estimate: "2d", estimateFrom: "command", handoff: "lena", project: true };
    const issue = { ...TRIAGED, labels: ["urgency: emergency", "function: development", "project-work"], assignees: [] };
    mockTriaged(scope, issue, [restNote(2, SELF, `Thanks!\n\n${writeMarker("ack", record)}`)]);

    const response = await deliver(url, "Issue Hook", updateHook({ timeEstimate: [57_600, 57_600] }));

    expect(response.body).toEqual({ status: "done", reason: "estimate 2d (command) vs threshold 4h" });
  });

  it("a client's time estimate (GitLab's /estimate by the client side) makes nothing", async () => {
    const { url } = await setup();
    const hook = issueHook({ action: "update", by: user("client-joe") });
    hook.changes = { time_estimate: { previous: 0, current: 288_000 } };

    const response = await deliver(url, "Issue Hook", hook);

    expect(response.body).toEqual({ status: "ignored", reason: "client-joe is the client side: their estimate or label is no decision" });
  });

  it("moves project work into project_work.move_to, with frontdesk's labels created there first", async () => {
    const { url, scope } = await setup(CONFIG.replace("  handoff: [lena]", "  handoff: [lena]\n  move_to: acme-agency/projects"));
    const created: string[] = [];
    let move: unknown;
    mockTriaged(scope, { ...TRIAGED, assignees: [user("ann")] }, [restNote(2, SELF, ACK)])
      .get(`/projects/${PROJECT_ID}/labels`)
      .query(true)
      .reply(200, [...LABELS, { id: 9, name: "project-work" }])
      .get("/users")
      .query({ username: "lena" })
      .reply(200, [{ id: IDS.lena, username: "lena" }])
      .put(issuePath)
      .reply(200, {})
      .put(`${issuePath}/notes/2`)
      .reply(200, {})
      .post(`${issuePath}/notes`)
      .reply(201, { id: 3 })
      .get("/projects/acme-agency%2Fprojects")
      .reply(200, { id: 77, path_with_namespace: "acme-agency/projects" })
      .get("/projects/77/labels")
      .query({ include_ancestor_groups: true, per_page: 100 })
      .reply(200, [{ id: 1, name: "urgency: emergency" }])
      .post("/projects/77/labels", (body) => created.push(body.name) > 0)
      .times(2)
      .reply(201, {})
      .post(`${issuePath}/move`, (body) => (move = body) !== undefined)
      .reply(201, { iid: 1, project_id: 77 });

    const response = await deliver(url, "Note Hook", noteHook("/project"));

    expect(response.body).toEqual({ status: "done", reason: `/project decides; ${PROJECT_WORK}; into acme-agency/projects (project_work.move_to); ${NO_BOARDS}; moved to acme-agency/projects` });
    expect(created.sort()).toEqual(["function: development", "project-work"]);
    expect(move).toEqual({ to_project_id: 77 });
  });

  it("takes a size label a person added as an estimate, below the threshold only in the record", async () => {
    const { url, scope } = await setup();
    const issue = { ...TRIAGED, labels: [...TRIAGED.labels, "size: S"] };
    mockTriaged(scope, issue)
      .put(`${issuePath}/notes/2`, (body) => (body.body as string).includes('"estimate":"1h","estimateFrom":"label"'))
      .reply(200, {});

    const labels: [string[], string[]] = [TRIAGED.labels, [...TRIAGED.labels, "size: S"]];
    const response = await deliver(url, "Issue Hook", updateHook({ labels }));

    // Strict nock: the record is rewritten and nothing else is written.
    expect(response.body).toEqual({ status: "done", reason: "estimate 1h (label) vs threshold 4h" });
  });

  it("makes a new ticket project work at intake when it arrives with /estimate in its description", async () => {
    const { url, scope } = await setup();
    const bodies: Record<string, any> = {};
    const keep = record(bodies);
    const opened = restIssue({ iid: 7, title: "Relaunch of the shop" });
    scope
      .get(`/projects/${PROJECT_ID}/issues`)
      .query(true)
      .reply(200, [opened])
      .get(`/projects/${PROJECT_ID}/labels`)
      .query(true)
      .reply(200, [...LABELS, { id: 8, name: "needs estimate" }, { id: 9, name: "project-work" }])
      .get("/users")
      .query(true)
      .times(2) // ann, the author, is known from the hook
      .reply(200, (uri) => {
        const username = new URL(uri, API).searchParams.get("username") ?? "";
        return [{ id: IDS[username], username }];
      })
      .put(issuePath, keep("intake"))
      .reply(200, {})
      .post(`${issuePath}/notes`, keep("ack"))
      .reply(201, { id: 2 })
      .get(issuePath)
      .reply(200, () => ({ ...opened, labels: ["support", "urgency: task", "function: development", "needs estimate"], assignees: bodies.intake.assignee_ids.map((id: number) => ({ id, username: Object.keys(IDS).find((name) => IDS[name] === id) })) }))
      .get(`${issuePath}/notes`)
      .query(true)
      .reply(200, () => [restNote(2, SELF, bodies.ack.body)])
      .put(issuePath, keep("project"))
      .reply(200, {})
      .put(`${issuePath}/notes/2`)
      .reply(200, {})
      .post(`${issuePath}/notes`, keep("handoff"))
      .reply(201, { id: 3 });

    // A contact opened it for the client: an estimate that comes with the team's issue is the team's.
    const response = await deliver(url, "Issue Hook", issueHook({ title: "Relaunch of the shop", description: "New design.\n", timeEstimate: 57_600, author: "ann" }));

    expect(response.body).toEqual({ status: "done", reason: `triage; estimate 2d (command) vs threshold 4h; ${PROJECT_WORK}; ${NO_BOARDS}` });
    expect(bodies.project).toEqual({ add_labels: "project-work", remove_labels: "needs estimate,support", assignee_ids: [IDS.ann, IDS.lena] });
    expect(bodies.handoff.body).toContain("we estimate **2d**");
  });
});
