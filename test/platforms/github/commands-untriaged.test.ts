// A command on a ticket that was never triaged.

import { describe, expect, it } from "vitest";
import { readMarker } from "../../../src/core/marker.js";
import { commentPayload, createTestProbot, restIssue, type IssueOptions } from "../../helpers/github.js";
import { mockIssueUpdate, mockUserLookup, restLabels } from "../../helpers/github-graphql.js";
import type { GraphQLCall } from "../../helpers/graphql.js";
import { useStrictNock } from "../../helpers/nock-strict.js";
import {
  ACK_ID,
  ackComment,
  ALL_LABELS,
  asRest,
  capture,
  deliver,
  mockReads,
  mockSetup,
  mockSupportThenProjectBoard,
  NOW,
  RECORD,
  repoPath,
  userComment,
} from "./commands-helpers.js";

useStrictNock();

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
    // Intake puts the new ticket on the support board, and the project step moves it to the project board.
    mockSupportThenProjectBoard(api, calls);

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
