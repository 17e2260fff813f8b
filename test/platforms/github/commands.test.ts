import nock from "nock";
import { describe, expect, it } from "vitest";
import { readMarker, writeMarker, type AckRecord } from "../../../src/core/marker.js";
import {
  API,
  commentPayload,
  createTestProbot,
  INSTALLATION,
  issuePayload,
  labeledPayload,
  OWNER,
  readFixture,
  REPO,
  restIssue,
  type IssueOptions,
} from "../../helpers/github.js";
import { checkGraphQL, graphqlOperation, type GraphQLCall } from "../../helpers/graphql.js";
import { useStrictNock } from "../../helpers/nock-strict.js";
import { mockIssueUpdate, mockUserLookup, restLabels, type IssueUpdate } from "../../helpers/github-graphql.js";

useStrictNock();

const CONFIG = readFixture("spec-example.yml");
const NOW = new Date("2026-11-26T13:00:00Z"); // Thursday 14:00 in Berlin
const repoPath = `/repos/${OWNER}/${REPO}`;
const configPath = new RegExp(`^/repos/${OWNER}/${REPO}/contents/\\.github(/|%2F)frontdesk\\.yml`);
const BOARD_ID = "PVT_board7";
const SUPPORT_BOARD_ID = "PVT_board6";
const STATUS_FIELD = { id: "PVTSSF_status", options: [{ id: "opt-todo", name: "Todo" }, { id: "opt-backlog", name: "Backlog" }] };
const ACK_ID = 1;
const RECORD: AckRecord = { urgency: "task", due: "2026-11-27T09:00:00.000Z", function: "development", contact: "alice", implementer: "carol" };
const ALL_LABELS = ["support", "project-work", "urgency: emergency", "urgency: task", "function: development", "needs estimate", "booked: seo"];

const SUPPORT_TICKET: IssueOptions = {
  number: 7,
  title: "Add a booking system",
  labels: ["support", "urgency: task", "function: development"],
  assignees: ["alice", "carol"],
  comments: 1,
};
const PROJECT_TICKET: IssueOptions = { ...SUPPORT_TICKET, labels: ["project-work", "urgency: task", "function: development"], assignees: ["alice", "lena"] };
const PROJECT_RECORD: AckRecord = { ...RECORD, estimate: "2d", estimateFrom: "command", project: true, handoff: "lena" };

type Probot = ReturnType<typeof createTestProbot>["probot"];

function deliver(probot: Probot, name: string, payload: object, id = "delivery-1") {
  return probot.receive({ id, name, payload } as never);
}

function ackComment(record: AckRecord) {
  const body = `Thanks for your request, we have it. Urgency: **${record.urgency}**.\n\n${writeMarker("ack", record)}`;
  return { id: ACK_ID, body, user: { login: "frontdesk[bot]", type: "Bot" }, created_at: "2026-11-26T09:00:01Z" };
}

function userComment(id: number, body: string, login = "alice") {
  return { id, body, user: { login, type: "User" }, created_at: "2026-11-26T13:00:00Z" };
}

/** Token and configuration: what every event with commands reads first. */
function mockSetup() {
  return nock(API)
    .post(`/app/installations/${INSTALLATION}/access_tokens`)
    .reply(201, { token: "ghs_test", expires_at: "2099-01-01T00:00:00Z", permissions: {} })
    .get(configPath)
    .reply(200, CONFIG);
}

/** The issue and its comments as they are when the event is handled. */
function mockReads(scope: nock.Scope, issue: IssueOptions, comments: object[]) {
  return scope
    .get(`${repoPath}/issues/7`)
    .reply(200, restIssue(issue))
    .get(`${repoPath}/issues/7/comments`)
    .query(true)
    .reply(200, comments);
}

function graphql(scope: nock.Scope, calls: GraphQLCall[], name: string, only?: Record<string, unknown>) {
  return scope.post("/graphql", graphqlOperation(name, calls, only));
}

function boardReply(id: string) {
  return { data: { owner: { projectV2: { id, field: STATUS_FIELD } } } };
}

/** Records a labels-and-assignees update in the shapes the REST calls had: labels, assign, unassign (prefixed). */
function asRest(bodies: Record<string, unknown>, prefix = "") {
  const key = (name: string) => (prefix ? `${prefix}${name[0]!.toUpperCase()}${name.slice(1)}` : name);
  return (update: IssueUpdate) => {
    if (update.addLabels.length > 0) bodies[key("labels")] = { labels: update.addLabels };
    if (update.removeLabels.length > 0) bodies[key("removedLabels")] = update.removeLabels;
    if (update.addAssignees.length > 0) bodies[key("assign")] = { assignees: update.addAssignees };
    if (update.removeAssignees.length > 0) bodies[key("unassign")] = { assignees: update.removeAssignees };
  };
}

function capture(bodies: Record<string, unknown>, key: string) {
  return (body: unknown) => {
    bodies[key] = body;
    return true;
  };
}

describe("/estimate 2d with a 4h threshold, support-team model", () => {
  it("makes the ticket project work: labels, handoff, board with Status Backlog, one comment; the second time nothing", async () => {
    const { probot } = createTestProbot(NOW);
    const bodies: Record<string, unknown> = {};
    const calls: GraphQLCall[] = [];
    const api = mockSetup();
    mockReads(api, SUPPORT_TICKET, [ackComment(RECORD), userComment(201, "/estimate 2d")])
      .get(`${repoPath}/labels`)
      .query(true)
      .reply(200, restLabels(ALL_LABELS))
      .patch(`${repoPath}/issues/comments/${ACK_ID}`, capture(bodies, "ack"))
      .reply(200, {})
      .post(`${repoPath}/issues/7/comments`, capture(bodies, "comment"))
      .reply(201, { id: 301 });
    mockIssueUpdate(api, undefined, asRest(bodies));
    mockUserLookup(api);
    graphql(api, calls, "FrontdeskIssueBoardItems").reply(200, {
      data: { node: { projectItems: { nodes: [{ id: "PVTI_support", project: { id: SUPPORT_BOARD_ID } }] } } },
    });
    graphql(api, calls, "FrontdeskOrganizationBoard", { number: 7 }).reply(200, boardReply(BOARD_ID));
    graphql(api, calls, "FrontdeskOrganizationBoard", { number: 6 }).reply(200, boardReply(SUPPORT_BOARD_ID));
    graphql(api, calls, "FrontdeskAddBoardItem").reply(200, { data: { addProjectV2ItemById: { item: { id: "PVTI_new", status: null } } } });
    graphql(api, calls, "FrontdeskSetBoardStatus").reply(200, { data: { updateProjectV2ItemFieldValue: { projectV2Item: { id: "PVTI_new" } } } });
    graphql(api, calls, "FrontdeskRemoveBoardItem").reply(200, { data: { deleteProjectV2Item: { deletedItemId: "PVTI_support" } } });

    const payload = commentPayload({ issue: SUPPORT_TICKET, body: "/estimate 2d", association: "MEMBER" });
    await deliver(probot, "issue_comment", payload);

    expect(api.isDone()).toBe(true);
    expect(bodies.labels).toEqual({ labels: ["project-work"] });
    expect(bodies.assign).toEqual({ assignees: ["lena"] });
    expect(bodies.unassign).toEqual({ assignees: ["carol"] });
    expect((bodies.comment as { body: string }).body).toBe(
      "This request is larger than a support task: we estimate **2d**, and support covers up to 4h. We are planning it as project work. @lena is taking it over and will be in touch.",
    );
    const ack = (bodies.ack as { body: string }).body;
    expect(readMarker(ack)?.data).toEqual(PROJECT_RECORD);
    expect(ack.startsWith("Thanks for your request, we have it. Urgency: **task**.")).toBe(true);

    const sent = calls.map(({ operation, variables }) => ({ operation, variables }));
    expect(sent).toEqual(
      expect.arrayContaining([
        { operation: "FrontdeskIssueBoardItems", variables: { issueId: payload.issue.node_id } },
        { operation: "FrontdeskOrganizationBoard", variables: { login: "acme-agency", number: 7 } },
        { operation: "FrontdeskOrganizationBoard", variables: { login: "acme-agency", number: 6 } },
        { operation: "FrontdeskAddBoardItem", variables: { projectId: BOARD_ID, contentId: payload.issue.node_id } },
        { operation: "FrontdeskSetBoardStatus", variables: { projectId: BOARD_ID, itemId: "PVTI_new", fieldId: "PVTSSF_status", optionId: "opt-backlog" } },
        { operation: "FrontdeskRemoveBoardItem", variables: { projectId: SUPPORT_BOARD_ID, itemId: "PVTI_support" } },
      ]),
    );
    expect(sent).toHaveLength(6);
    for (const call of calls) expect(checkGraphQL(call.query, call.variables), call.operation).toEqual([]);

    // The same command again, on the ticket as GitHub now has it: reads only.
    const again = nock(API);
    mockReads(again, PROJECT_TICKET, [
      { ...ackComment(PROJECT_RECORD), body: ack },
      userComment(201, "/estimate 2d"),
      { id: 301, body: (bodies.comment as { body: string }).body, user: { login: "frontdesk[bot]", type: "Bot" }, created_at: "2026-11-26T13:00:01Z" },
      userComment(202, "/estimate 2d"),
    ]);
    await deliver(probot, "issue_comment", commentPayload({ issue: PROJECT_TICKET, id: 202, body: "/estimate 2d" }), "delivery-2");
    expect(again.isDone()).toBe(true);
  });
});

describe("/support", () => {
  it("restores labels, boards and a contact and an implementer; the second time nothing", async () => {
    const { probot } = createTestProbot(NOW);
    const bodies: Record<string, unknown> = {};
    const calls: GraphQLCall[] = [];
    const api = mockSetup();
    const others = [
      restIssue({ number: 3, title: "a", labels: ["support"], assignees: ["bob"] }),
      restIssue({ number: 4, title: "b", labels: ["support"], assignees: ["ann", "bob"] }),
    ];
    mockReads(api, PROJECT_TICKET, [ackComment(PROJECT_RECORD), userComment(203, "/support")])
      .get(`${repoPath}/issues`)
      .query({ state: "open", per_page: 100 })
      .reply(200, [restIssue(PROJECT_TICKET), ...others])
      .get(`${repoPath}/labels`)
      .query(true)
      .reply(200, restLabels(ALL_LABELS))
      .patch(`${repoPath}/issues/comments/${ACK_ID}`, capture(bodies, "ack"))
      .reply(200, {})
      .post(`${repoPath}/issues/7/comments`, capture(bodies, "comment"))
      .reply(201, { id: 302 });
    mockIssueUpdate(api, undefined, asRest(bodies));
    mockUserLookup(api);
    graphql(api, calls, "FrontdeskIssueBoardItems").reply(200, {
      data: { node: { projectItems: { nodes: [{ id: "PVTI_project", project: { id: BOARD_ID } }] } } },
    });
    graphql(api, calls, "FrontdeskOrganizationBoard", { number: 7 }).reply(200, boardReply(BOARD_ID));
    graphql(api, calls, "FrontdeskOrganizationBoard", { number: 6 }).reply(200, boardReply(SUPPORT_BOARD_ID));
    graphql(api, calls, "FrontdeskRemoveBoardItem").reply(200, { data: { deleteProjectV2Item: { deletedItemId: "PVTI_project" } } });
    graphql(api, calls, "FrontdeskAddBoardItem").reply(200, { data: { addProjectV2ItemById: { item: { id: "PVTI_s", status: null } } } });

    await deliver(probot, "issue_comment", commentPayload({ issue: PROJECT_TICKET, id: 203, body: "/support", author: "lena", association: "NONE" }));

    expect(api.isDone()).toBe(true);
    expect(bodies.labels).toEqual({ labels: ["support"] });
    expect(bodies.unassign).toEqual({ assignees: ["lena"] });
    expect(bodies.assign).toEqual({ assignees: ["carol"] });
    expect((bodies.comment as { body: string }).body).toBe(
      "We are handling this request as a support ticket again. Your contact is @alice. You will hear from us by **Fri, 27 Nov 2026, 10:00 CET**.",
    );
    const ack = (bodies.ack as { body: string }).body;
    expect(readMarker(ack)?.data).toEqual({ ...RECORD, estimate: "2d", estimateFrom: "command", override: "support" });
    expect(calls.map(({ operation, variables }) => ({ operation, variables }))).toEqual(
      expect.arrayContaining([
        { operation: "FrontdeskRemoveBoardItem", variables: { projectId: BOARD_ID, itemId: "PVTI_project" } },
        // Back on the support board, with no Status to set.
        { operation: "FrontdeskAddBoardItem", variables: { projectId: SUPPORT_BOARD_ID, contentId: "I_7" } },
      ]),
    );
    expect(calls).toHaveLength(5);
    for (const call of calls) expect(checkGraphQL(call.query, call.variables), call.operation).toEqual([]);

    const again = nock(API);
    mockReads(again, SUPPORT_TICKET, [{ ...ackComment(RECORD), body: ack }, userComment(203, "/support"), userComment(204, "/support")]);
    await deliver(probot, "issue_comment", commentPayload({ issue: SUPPORT_TICKET, id: 204, body: "/support" }), "delivery-2");
    expect(again.isDone()).toBe(true);
  });
});

describe("commands from clients and malformed commands", () => {
  it("answers /urgency emergency from a client who is a collaborator once, mentioning the contact, and changes nothing", async () => {
    const { probot } = createTestProbot(NOW);
    const replies: string[] = [];
    const api = mockSetup()
      .get(`${repoPath}/issues/7/comments`)
      .query(true)
      .reply(200, [ackComment(RECORD), userComment(205, "/urgency emergency", "client-joe")])
      .post(`${repoPath}/issues/7/comments`, (body) => Boolean(replies.push(body.body)))
      .reply(201, { id: 303 })
      // The same delivery again finds its answer and stays quiet.
      .get(`${repoPath}/issues/7/comments`)
      .query(true)
      .reply(200, () => [
        ackComment(RECORD),
        userComment(205, "/urgency emergency", "client-joe"),
        { id: 303, body: replies[0], user: { login: "frontdesk[bot]", type: "Bot" }, created_at: "2026-11-26T13:00:01Z" },
      ]);
    // Clients are often collaborators on their own repository: the roster decides, not author_association.
    const payload = commentPayload({ issue: SUPPORT_TICKET, id: 205, body: "/urgency emergency", author: "client-joe", association: "COLLABORATOR" });

    await deliver(probot, "issue_comment", payload);
    await deliver(probot, "issue_comment", payload);

    expect(api.isDone()).toBe(true);
    expect(replies).toEqual([
      'Thanks! `/urgency emergency` is for our team only, so nothing has changed. @alice will take care of your request.\n\n<!-- frontdesk:reply {"to":205,"refused":"client-joe"} -->',
    ]);
  });

  it.each([
    ["/estimate soon", "Sorry, I could not read `/estimate soon`. Please use `/estimate 30m`, `/estimate 4h` or `/estimate 2d`."],
    ["/urgency whenever", "Sorry, I could not read `/urgency whenever`. Please use `/urgency emergency` or `/urgency task`."],
  ])("answers a malformed %s with one line naming what is accepted", async (command, line) => {
    const { probot } = createTestProbot(NOW);
    let reply = "";
    const api = mockSetup();
    mockReads(api, SUPPORT_TICKET, [ackComment(RECORD), userComment(206, command)])
      .post(`${repoPath}/issues/7/comments`, (body) => Boolean((reply = body.body)))
      .reply(201, { id: 304 });

    await deliver(probot, "issue_comment", commentPayload({ issue: SUPPORT_TICKET, id: 206, body: `Quick update.\n${command}`, association: "COLLABORATOR" }));

    expect(api.isDone()).toBe(true);
    const [text, marker] = reply.split("\n\n");
    expect(text).toBe(line);
    expect(marker).toBe('<!-- frontdesk:reply {"to":206} -->');
  });

  it.each([
    ["an ordinary comment", { body: "Thanks, looks good!" }],
    ["a bot's command", { body: "/project", author: "ci[bot]", authorType: "Bot" as const }],
    ["a command in a code block", { body: "```\n/project\n```" }],
  ])("makes no call at all for %s", async (_name, comment) => {
    const { probot } = createTestProbot(NOW);
    await deliver(probot, "issue_comment", commentPayload({ issue: SUPPORT_TICKET, ...comment }));
  });
});

describe("labels a person adds", () => {
  it("an urgency label replaces frontdesk's and moves the due time", async () => {
    const { probot } = createTestProbot(NOW);
    const bodies: Record<string, unknown> = {};
    const withBoth = { ...SUPPORT_TICKET, labels: [...(SUPPORT_TICKET.labels ?? []), "urgency: emergency"] };
    const api = mockSetup();
    mockReads(api, withBoth, [ackComment(RECORD)])
      .get(`${repoPath}/labels`)
      .query(true)
      .reply(200, restLabels(ALL_LABELS))
      .patch(`${repoPath}/issues/comments/${ACK_ID}`, capture(bodies, "ack"))
      .reply(200, {});
    mockIssueUpdate(api, undefined, asRest(bodies));

    await deliver(probot, "issues", labeledPayload(SUPPORT_TICKET, "urgency: emergency", "ann"));

    expect(api.isDone()).toBe(true);
    const ack = (bodies.ack as { body: string }).body;
    expect(readMarker(ack)?.data).toEqual({ ...RECORD, urgency: "emergency", due: "2026-11-26T14:00:00.000Z" });
    expect(ack).toContain("You will hear from us by **Thu, 26 Nov 2026, 15:00 CET**.");
  });

  it("a size label above the threshold makes project work", async () => {
    const { probot } = createTestProbot(NOW);
    const bodies: Record<string, unknown> = {};
    const sized = { ...SUPPORT_TICKET, labels: [...(SUPPORT_TICKET.labels ?? []), "size: XL"] };
    const calls: GraphQLCall[] = [];
    const api = mockSetup();
    mockReads(api, sized, [ackComment(RECORD)])
      .get(`${repoPath}/labels`)
      .query(true)
      .reply(200, restLabels(ALL_LABELS))
      .patch(`${repoPath}/issues/comments/${ACK_ID}`, capture(bodies, "ack"))
      .reply(200, {})
      .post(`${repoPath}/issues/7/comments`, capture(bodies, "comment"))
      .reply(201, { id: 305 });
    mockIssueUpdate(api, undefined, asRest(bodies));
    mockUserLookup(api);
    graphql(api, calls, "FrontdeskIssueBoardItems").reply(200, { data: { node: { projectItems: { nodes: [] } } } });
    graphql(api, calls, "FrontdeskOrganizationBoard", { number: 7 }).reply(200, boardReply(BOARD_ID));
    graphql(api, calls, "FrontdeskOrganizationBoard", { number: 6 }).reply(200, boardReply(SUPPORT_BOARD_ID));
    graphql(api, calls, "FrontdeskAddBoardItem").reply(200, { data: { addProjectV2ItemById: { item: { id: "PVTI_new", status: null } } } });
    graphql(api, calls, "FrontdeskSetBoardStatus").reply(200, { data: { updateProjectV2ItemFieldValue: { projectV2Item: { id: "PVTI_new" } } } });

    await deliver(probot, "issues", labeledPayload(SUPPORT_TICKET, "size: XL", "carol"));

    expect(api.isDone()).toBe(true);
    expect(bodies.labels).toEqual({ labels: ["project-work"] });
    expect(readMarker((bodies.ack as { body: string }).body)?.data).toMatchObject({ estimate: "5d", estimateFrom: "label", project: true });
    expect((bodies.comment as { body: string }).body).toContain("we estimate **5d**, and support covers up to 4h");
  });

  it.each([
    ["frontdesk's own label", labeledPayload(SUPPORT_TICKET, "urgency: task", "frontdesk[bot]", "Bot")],
    ["a template's label on a new issue, before intake", labeledPayload({ ...SUPPORT_TICKET, comments: 0 }, "urgency: emergency", "client-joe")],
  ])("makes no call at all for %s", async (_name, payload) => {
    const { probot } = createTestProbot(NOW);
    await deliver(probot, "issues", payload);
  });

  it("reads only the (cached) configuration for a label that is none of its business", async () => {
    const { probot } = createTestProbot(NOW);
    const api = mockSetup();
    await deliver(probot, "issues", labeledPayload(SUPPORT_TICKET, "bug", "carol"));
    expect(api.isDone()).toBe(true);
  });
});

describe("an estimate that arrives with the issue", () => {
  it("makes project work right after intake when the team opened it with a form estimate above the threshold", async () => {
    const { probot } = createTestProbot(NOW);
    const bodies: Record<string, unknown> = {};
    const calls: GraphQLCall[] = [];
    // A contact opened it for the client: an estimate that comes with the team's issue is the team's.
    const issue: IssueOptions = { number: 7, title: "Relaunch of the shop", body: "### Estimate\n\n3d", createdAt: "2026-11-26T13:00:00Z", author: "ann" };
    let ackBody = "";
    const api = mockSetup()
      .get(`${repoPath}/issues`)
      .query(true)
      .reply(200, [restIssue(issue)])
      .get(`${repoPath}/labels`)
      .query(true)
      .reply(200, restLabels(ALL_LABELS))
      .post(`${repoPath}/issues/7/comments`, (body) => Boolean((ackBody = body.body)))
      .reply(201, { id: ACK_ID })
      // The project-work step reads the issue as intake left it.
      .get(`${repoPath}/issues/7`)
      .reply(200, () => restIssue({ ...issue, labels: ["support", "urgency: task", "function: development", "needs estimate"], assignees: ["alice", "carol"], comments: 1 }))
      .get(`${repoPath}/issues/7/comments`)
      .query(true)
      .reply(200, () => [{ ...ackComment(RECORD), body: ackBody }])
      .patch(`${repoPath}/issues/comments/${ACK_ID}`, capture(bodies, "ack"))
      .reply(200, {})
      .post(`${repoPath}/issues/7/comments`, capture(bodies, "comment"))
      .reply(201, { id: 306 });
    mockIssueUpdate(api, undefined, asRest(bodies, "intake"));
    mockIssueUpdate(api, undefined, asRest(bodies));
    // People's node ids: the intake's pair, then the handoff (one query each time).
    mockUserLookup(api);
    mockUserLookup(api);
    graphql(api, calls, "FrontdeskIssueBoardItems").reply(200, { data: { node: { projectItems: { nodes: [] } } } });
    graphql(api, calls, "FrontdeskOrganizationBoard", { number: 7 }).reply(200, boardReply(BOARD_ID));
    graphql(api, calls, "FrontdeskOrganizationBoard", { number: 6 }).reply(200, boardReply(SUPPORT_BOARD_ID));
    graphql(api, calls, "FrontdeskAddBoardItem").reply(200, { data: { addProjectV2ItemById: { item: { id: "PVTI_new", status: null } } } });
    graphql(api, calls, "FrontdeskSetBoardStatus").reply(200, { data: { updateProjectV2ItemFieldValue: { projectV2Item: { id: "PVTI_new" } } } });

    await deliver(probot, "issues", issuePayload(issue));

    expect(api.isDone()).toBe(true);
    expect(bodies.intakeLabels).toEqual({ labels: ["support", "urgency: task", "function: development", "needs estimate"] });
    expect(bodies.labels).toEqual({ labels: ["project-work"] });
    expect(bodies.unassign).toEqual({ assignees: ["carol"] });
    expect(bodies.assign).toEqual({ assignees: ["lena"] });
    expect((bodies.comment as { body: string }).body).toContain("we estimate **3d**");
    expect(readMarker((bodies.ack as { body: string }).body)?.data).toMatchObject({ project: true, handoff: "lena" });
  });
});

describe("a command on a ticket frontdesk never saw", () => {
  it("triages it first, then runs the command", async () => {
    const { probot } = createTestProbot(NOW);
    const bodies: Record<string, unknown> = {};
    const calls: GraphQLCall[] = [];
    const untriaged: IssueOptions = { number: 7, title: "Update the plugin", comments: 1 };
    const triagedIssue: IssueOptions = { ...untriaged, labels: ["support", "urgency: task", "function: development"], assignees: ["ann", "carol"] };
    const command = userComment(207, "/project");
    let ackBody = "";
    const api = mockSetup();
    mockReads(api, untriaged, [command])
      .get(`${repoPath}/issues`)
      .query(true)
      .reply(200, [restIssue(untriaged)])
      .get(`${repoPath}/issues/7/comments`)
      .query(true)
      .reply(200, [command])
      .get(`${repoPath}/labels`)
      .query(true)
      .reply(200, restLabels(ALL_LABELS))
      .post(`${repoPath}/issues/7/comments`, (body) => Boolean((ackBody = body.body)))
      .reply(201, { id: ACK_ID })
      .get(`${repoPath}/issues/7`)
      .reply(200, restIssue(triagedIssue))
      .get(`${repoPath}/issues/7/comments`)
      .query(true)
      .reply(200, () => [{ ...ackComment(RECORD), body: ackBody }, command])
      .patch(`${repoPath}/issues/comments/${ACK_ID}`, capture(bodies, "ack"))
      .reply(200, {})
      .post(`${repoPath}/issues/7/comments`, capture(bodies, "comment"))
      .reply(201, { id: 307 });
    mockIssueUpdate(api, undefined, asRest(bodies, "intake"));
    mockIssueUpdate(api, undefined, asRest(bodies));
    // People's node ids: the intake's pair, then the handoff (one query each time).
    mockUserLookup(api);
    mockUserLookup(api);
    graphql(api, calls, "FrontdeskIssueBoardItems").reply(200, { data: { node: { projectItems: { nodes: [] } } } });
    graphql(api, calls, "FrontdeskOrganizationBoard", { number: 7 }).reply(200, boardReply(BOARD_ID));
    graphql(api, calls, "FrontdeskOrganizationBoard", { number: 6 }).reply(200, boardReply(SUPPORT_BOARD_ID));
    graphql(api, calls, "FrontdeskAddBoardItem").reply(200, { data: { addProjectV2ItemById: { item: { id: "PVTI_new", status: null } } } });
    graphql(api, calls, "FrontdeskSetBoardStatus").reply(200, { data: { updateProjectV2ItemFieldValue: { projectV2Item: { id: "PVTI_new" } } } });

    await deliver(probot, "issue_comment", commentPayload({ issue: untriaged, id: 207, body: "/project", author: "carol" }));

    expect(api.isDone()).toBe(true);
    expect(bodies.intakeLabels).toEqual({ labels: ["support", "urgency: task", "function: development"] });
    expect(readMarker(ackBody)?.kind).toBe("ack");
    expect(bodies.labels).toEqual({ labels: ["project-work"] });
    expect(bodies.unassign).toEqual({ assignees: ["carol"] });
    expect(bodies.assign).toEqual({ assignees: ["lena"] });
    expect((bodies.comment as { body: string }).body).toBe(
      "This request is larger than a support task, so we are planning it as project work. @lena is taking it over and will be in touch.",
    );
  });
});
