// Commands that move a ticket between support and project work, and back.

import nock from "nock";
import { describe, expect, it } from "vitest";
import { readMarker } from "../../../src/core/marker.js";
import { API, commentPayload, createTestProbot, restIssue } from "../../helpers/github.js";
import { mockIssueUpdate, mockUserLookup, restLabels } from "../../helpers/github-graphql.js";
import { checkGraphQL, type GraphQLCall } from "../../helpers/graphql.js";
import { useStrictNock } from "../../helpers/nock-strict.js";
import {
  ACK_ID,
  ALL_LABELS,
  ackComment,
  asRest,
  BOARD_ID,
  boardReply,
  capture,
  deliver,
  graphql,
  mockReads,
  mockSetup,
  NOW,
  PROJECT_RECORD,
  PROJECT_TICKET,
  RECORD,
  repoPath,
  SUPPORT_BOARD_ID,
  SUPPORT_TICKET,
  userComment,
} from "./commands-helpers.js";

useStrictNock();

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
    graphql(api, calls, "FrontdeskSetBoardFields").reply(200, { data: { set0: { projectV2Item: { id: "PVTI_new" } } } });
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
        { operation: "FrontdeskSetBoardFields", variables: { projectId: BOARD_ID, itemId: "PVTI_new", field0: "PVTSSF_status", value0: { singleSelectOptionId: "opt-backlog" } } },
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
