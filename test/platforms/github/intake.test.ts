// Intake on GitHub: labels, people and the one acknowledgement; what is triaged stays as it is.

import { describe, expect, it } from "vitest";
import { useStrictNock } from "../../helpers/nock-strict.js";
import { createdLabel, mockIssueUpdate, mockSupportBoard, mockUserLookup, restLabels } from "../../helpers/github-graphql.js";
import { createTestProbot, issuePayload, restIssue } from "../../helpers/github.js";
import { CONFIG, configPath, deliver, DOWN, mockToken, repoPath, THURSDAY_10_BERLIN } from "./intake-helpers.js";

useStrictNock();

/** Other open tickets: alice 1, ann 0; bob 2, carol 1. */
const OTHER_TICKETS = [
  restIssue({ number: 3, title: "a", labels: ["support"], assignees: ["alice", "bob"] }),
  restIssue({ number: 4, title: "b", labels: ["support"], assignees: ["bob"] }),
  restIssue({ number: 5, title: "c", labels: ["support"], assignees: ["carol"] }),
  restIssue({ number: 6, title: "not a ticket", labels: ["question"], assignees: ["carol", "ann"] }),
];

describe("GitHub intake", () => {
  it("triages 'Website is down!' with labels, a contact, an implementer and one acknowledgement", async () => {
    const { probot } = createTestProbot(THURSDAY_10_BERLIN);
    const bodies: Record<string, unknown> = {};
    const api = mockToken()
      .get(configPath)
      .reply(200, CONFIG, { "content-type": "application/vnd.github.v3.raw; charset=utf-8" })
      .get(`${repoPath}/issues`)
      .query({ state: "open", per_page: 100 })
      .reply(200, [restIssue(DOWN), ...OTHER_TICKETS])
      .get(`${repoPath}/labels`)
      .query({ per_page: 100 })
      .reply(200, restLabels(["support", "question"]))
      .post(`${repoPath}/labels`, (body) => (bodies[`label:${body.name}`] = body) !== undefined)
      .times(2)
      .reply(201, createdLabel)
      .post(`${repoPath}/issues/7/comments`, (body) => (bodies.comment = body) !== undefined)
      .reply(201, { id: 1 });
    mockUserLookup(api, ["ann", "carol"]);
    mockIssueUpdate(api, undefined, (update) => (bodies.update = update));
    mockSupportBoard(api, (fields) => (bodies.board = fields));

    await deliver(probot, issuePayload(DOWN));

    expect(api.isDone()).toBe(true);
    // Labels and assignees in one GraphQL request: one write, both additive.
    expect(bodies.update).toEqual({
      issue: 7,
      addLabels: ["support", "urgency: emergency", "function: development"],
      removeLabels: [],
      addAssignees: ["ann", "carol"],
      removeAssignees: [],
    });
    expect(bodies["label:urgency: emergency"]).toEqual({
      name: "urgency: emergency",
      color: "b60205",
      description: "frontdesk: urgency level emergency",
    });
    expect(bodies["label:function: development"]).toMatchObject({ name: "function: development", color: "bfdadc" });
    const comment = (bodies.comment as { body: string }).body;
    expect(comment).toContain("Your contact is @ann; @carol is working on it.");
    // Thursday 10:00 Berlin + 1 business hour.
    expect(comment).toContain("You will hear from us by **Thu, 26 Nov 2026, 11:00 CET**.");
    // After the acknowledgement, the support board: the item, then its fields in one write.
    expect(bodies.board).toEqual({ F_urgency: { singleSelectOptionId: "u-emergency" }, F_due: { date: "2026-11-26" }, F_client: { text: "ACME GmbH" } });
    expect(comment).toMatch(/<!-- frontdesk:ack \{"urgency":"emergency","due":"2026-11-26T10:00:00.000Z","function":"development","contact":"ann","implementer":"carol"\} -->/u);
  });

  it("skips bob while he is away", async () => {
    const { probot } = createTestProbot(new Date("2026-12-22T09:00:00Z"));
    const bodies: Record<string, unknown> = {};
    const busyCarol = [
      restIssue({ number: 3, title: "a", labels: ["support"], assignees: ["carol"] }),
      restIssue({ number: 4, title: "b", labels: ["support"], assignees: ["carol"] }),
    ];
    const api = mockToken()
      .get(configPath)
      .reply(200, CONFIG)
      .get(`${repoPath}/issues`)
      .query(true)
      .reply(200, [restIssue({ ...DOWN, createdAt: "2026-12-22T09:00:00Z" }), ...busyCarol])
      .get(`${repoPath}/labels`)
      .query(true)
      .reply(200, restLabels(["support", "urgency: emergency", "function: development"]))
      .post(`${repoPath}/issues/7/comments`)
      .reply(201, { id: 1 });
    mockUserLookup(api);
    mockIssueUpdate(api, undefined, (update) => (bodies.assignees = update.addAssignees));
    mockSupportBoard(api);

    await deliver(probot, issuePayload({ ...DOWN, createdAt: "2026-12-22T09:00:00Z" }));

    expect((bodies.assignees as string[])[1]).toBe("carol");
  });

  it("comments once when the same delivery arrives twice", async () => {
    const { probot } = createTestProbot(THURSDAY_10_BERLIN);
    let comments = 0;
    let ackBody = "";
    const api = mockToken()
      .get(configPath)
      .reply(200, CONFIG)
      .get(`${repoPath}/issues`)
      .query(true)
      .reply(200, [restIssue(DOWN)])
      .get(`${repoPath}/labels`)
      .query(true)
      .reply(200, restLabels(["support", "urgency: emergency", "function: development"]))
      .post(`${repoPath}/issues/7/comments`, (body) => {
        comments++;
        ackBody = body.body;
        return true;
      })
      .reply(201, { id: 1 })
      // The second delivery finds the issue triaged: fresh labels, one comment with the marker.
      .get(`${repoPath}/issues`)
      .query(true)
      .reply(200, () => [
        restIssue({ ...DOWN, labels: ["support", "urgency: emergency", "function: development"], assignees: ["alice", "bob"], comments: 1 }),
      ])
      .get(`${repoPath}/issues/7/comments`)
      .query(true)
      .reply(200, () => [{ id: 1, body: ackBody, user: { login: "frontdesk[bot]", type: "Bot" }, created_at: "2026-11-26T09:00:01Z" }]);
    mockUserLookup(api);
    mockIssueUpdate(api);
    mockSupportBoard(api);

    const payload = issuePayload(DOWN);
    await Promise.all([deliver(probot, payload), deliver(probot, payload)]);

    expect(comments).toBe(1);
  });

  it("adds nothing to a reopened issue that was triaged", async () => {
    const { probot } = createTestProbot(THURSDAY_10_BERLIN);
    const triaged = { ...DOWN, labels: ["support", "urgency: emergency"], assignees: ["ann"], comments: 2 };
    mockToken()
      .get(configPath)
      .reply(200, CONFIG)
      .get(`${repoPath}/issues`)
      .query(true)
      .reply(200, [restIssue(triaged)])
      .get(`${repoPath}/issues/7/comments`)
      .query(true)
      .reply(200, [
        { id: 1, body: "Thanks!\n\n<!-- frontdesk:ack {\"urgency\":\"emergency\",\"due\":\"2026-11-26T10:00:00.000Z\"} -->", user: { login: "frontdesk[bot]", type: "Bot" }, created_at: "2026-11-26T09:00:01Z" },
        { id: 2, body: "any news?", user: { login: "client-joe", type: "User" }, created_at: "2026-11-26T09:30:00Z" },
      ]);

    await deliver(probot, issuePayload({ ...triaged, action: "reopened" }));
  });

  it("keeps the assignees a person chose and names them", async () => {
    const { probot } = createTestProbot(THURSDAY_10_BERLIN);
    let comment = "";
    const api = mockToken()
      .get(configPath)
      .reply(200, CONFIG)
      .get(`${repoPath}/issues`)
      .query(true)
      .reply(200, [restIssue({ ...DOWN, assignees: ["dave"] })])
      .get(`${repoPath}/labels`)
      .query(true)
      .reply(200, restLabels(["support", "urgency: emergency", "function: development"]))
      .post(`${repoPath}/issues/7/comments`, (body) => Boolean((comment = body.body)))
      .reply(201, { id: 1 });
    // A person chose the assignees: the update carries labels only.
    mockIssueUpdate(api, { issue: 7, addLabels: ["support", "urgency: emergency", "function: development"] });
    mockSupportBoard(api);

    await deliver(probot, issuePayload({ ...DOWN, assignees: ["dave"] }));

    expect(comment).toContain("Your contact is @dave.");
  });

  it.each([
    ["a bot", { ...DOWN, author: "dependabot[bot]", authorType: "Bot" as const }],
    ["an account of type Bot", { ...DOWN, author: "renovate", authorType: "Bot" as const }],
  ])("makes no call at all for an issue by %s", async (_name, issue) => {
    const { probot } = createTestProbot(THURSDAY_10_BERLIN);
    await deliver(probot, issuePayload(issue));
  });
});
