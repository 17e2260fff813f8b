// Labels a person adds, and an estimate that arrives with the issue itself.

import { describe, expect, it } from "vitest";
import { readMarker } from "../../../src/core/marker.js";
import { createTestProbot, issuePayload, labeledPayload, restIssue, type IssueOptions } from "../../helpers/github.js";
import { mockIssueUpdate, mockUserLookup, restLabels } from "../../helpers/github-graphql.js";
import type { GraphQLCall } from "../../helpers/graphql.js";
import { useStrictNock } from "../../helpers/nock-strict.js";
import {
  ACK_ID,
  ackComment,
  ALL_LABELS,
  asRest,
  BOARD_ID,
  boardReply,
  capture,
  deliver,
  graphql,
  mockReads,
  mockSetup,
  mockSupportThenProjectBoard,
  NOW,
  RECORD,
  repoPath,
  SUPPORT_BOARD_ID,
  SUPPORT_TICKET,
} from "./commands-helpers.js";

useStrictNock();

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
    graphql(api, calls, "FrontdeskSetBoardFields").reply(200, { data: { set0: { projectV2Item: { id: "PVTI_new" } } } });

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
    // Intake puts the new ticket on the support board, and the project step moves it to the project board.
    mockSupportThenProjectBoard(api, calls);

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
