// Intake on GitHub as the configuration decides it: missing, paused, invalid, cached and re-read.

import nock from "nock";
import { describe, expect, it } from "vitest";
import { useStrictNock } from "../../helpers/nock-strict.js";
import { mockIssueUpdate, mockSupportBoard, mockUserLookup, restLabels } from "../../helpers/github-graphql.js";
import { API, createLogCapture, createTestProbot, issuePayload, OWNER, pushPayload, restIssue } from "../../helpers/github.js";
import { CONFIG, configPath, deliver, DOWN, mockToken, repoPath, THURSDAY_10_BERLIN } from "./intake-helpers.js";

useStrictNock();

describe("GitHub intake", () => {
  it("makes no write in a repository without frontdesk.yml", async () => {
    const { probot } = createTestProbot(THURSDAY_10_BERLIN);
    mockToken()
      .get(configPath)
      .reply(404, { message: "Not Found" })
      .get(new RegExp(`^/repos/${OWNER}/\\.github/contents/\\.github(/|%2F)frontdesk\\.yml`))
      .reply(404, { message: "Not Found" });
    await deliver(probot, issuePayload(DOWN));
  });

  it("ignores authors in ignore_authors and pauses with enabled: false", async () => {
    const { probot } = createTestProbot(THURSDAY_10_BERLIN);
    mockToken().get(configPath).reply(200, `${CONFIG}\n`.replace("enabled: true", "enabled: false"));
    await deliver(probot, issuePayload(DOWN));
    await deliver(probot, issuePayload({ ...DOWN, author: "deploy-user" }), "issues", "delivery-2");
  });

  it("labels a ticket support and nothing else when the configuration is invalid, and logs file:line:col", async () => {
    const capture = createLogCapture();
    const { probot } = createTestProbot(THURSDAY_10_BERLIN, undefined, capture.log);
    const broken = CONFIG.replace("contacts: [alice, ann]", "contcts: [alice, ann]");
    let labels: unknown;
    const api = mockToken()
      .get(configPath)
      .reply(200, broken)
      .get(`${repoPath}/labels`)
      .query(true)
      .reply(200, restLabels(["support"]))
      ;
    mockIssueUpdate(api, undefined, (update) => (labels = update));

    await deliver(probot, issuePayload(DOWN));

    expect(labels).toEqual({ issue: 7, addLabels: ["support"], removeLabels: [], addAssignees: [], removeAssignees: [] });
    const errors = capture.lines.filter((line) => line.level === 50).map((line) => [line.repo, line.msg]);
    expect(errors).toEqual([
      ["acme/site", 'invalid configuration: acme/site:.github/frontdesk.yml:8:3: team.contcts: unknown key "contcts"; did you mean "contacts"?'],
    ]);
  });

  it("reports unreadable YAML with its line and still keeps the ticket", async () => {
    const capture = createLogCapture();
    const { probot } = createTestProbot(THURSDAY_10_BERLIN, undefined, capture.log);
    const api = mockToken()
      .get(configPath)
      .reply(200, "team:\n  contacts: [alice\n  leads: [lena]\n")
      .get(`${repoPath}/labels`)
      .query(true)
      .reply(200, restLabels(["support"]))
      ;
    mockIssueUpdate(api, { issue: 7, addLabels: ["support"] });

    await deliver(probot, issuePayload(DOWN));

    const error = capture.lines.find((line) => line.level === 50);
    expect(error?.msg).toMatch(/^invalid configuration: acme\/site:\.github\/frontdesk\.yml:\d+:\d+: /u);
  });

  it("costs three calls, two of them writes, for a new ticket once config, labels and people are cached, and two board writes after", async () => {
    const { probot } = createTestProbot(THURSDAY_10_BERLIN);
    const existing = restLabels(["support", "urgency: emergency", "urgency: task", "function: development", "function: design"]);
    const api = mockToken()
      .get(configPath)
      .reply(200, CONFIG)
      .get(`${repoPath}/issues`)
      .query(true)
      .reply(200, [restIssue(DOWN)])
      .get(`${repoPath}/labels`)
      .query(true)
      .reply(200, existing)
      .post(`${repoPath}/issues/7/comments`)
      .reply(201, { id: 1 });
    mockUserLookup(api);
    mockIssueUpdate(api);
    mockSupportBoard(api);
    await deliver(probot, issuePayload(DOWN));

    const calls: string[] = [];
    // Ticket 9 ties over the same people as ticket 7, whose node ids are cached now.
    const second = { number: 9, title: "Website is down again" };
    const operations: string[] = [];
    const later = nock(API)
      .get(`${repoPath}/issues`)
      .query(true)
      .reply(200, [restIssue(second)])
      .post("/graphql", (body) => String(body.query).includes("mutation FrontdeskIssue"))
      .reply(200, { data: {} })
      .post(`${repoPath}/issues/9/comments`)
      .reply(201, { id: 2 })
      .on("request", (request: { method: string; path: string }, _interceptor: unknown, body: string) => {
        calls.push(`${request.method} ${request.path}`);
        operations.push(/\b(?:query|mutation) (\w+)/u.exec(body)?.[1] ?? "");
      });
    mockSupportBoard(later, undefined, { resolved: true });
    await deliver(probot, issuePayload(second), "issues", "delivery-2");

    expect(calls).toEqual([
      "GET /repos/acme/site/issues?state=open&per_page=100",
      "POST /graphql",
      "POST /repos/acme/site/issues/9/comments",
      "POST /graphql",
      "POST /graphql",
    ]);
    // The board is resolved once per process; after the acknowledgement, the item and its fields.
    expect(operations.filter(Boolean)).toEqual(["FrontdeskIssue", "FrontdeskAddBoardItem", "FrontdeskSetBoardFields"]);
  });

  it("reads the configuration again after a push that changed it", async () => {
    const { probot } = createTestProbot(THURSDAY_10_BERLIN);
    mockToken().get(configPath).reply(200, CONFIG.replace("enabled: true", "enabled: false"));
    await deliver(probot, issuePayload(DOWN));
    await deliver(probot, pushPayload({ added: ["README.md"] }), "push", "push-1");
    await deliver(probot, issuePayload({ ...DOWN, number: 8 }), "issues", "delivery-2");
    const push = pushPayload({ modified: [".github/frontdesk.yml"] });
    // The push also gets its check run, read at the pushed commit.
    nock(API)
      .get(configPath)
      .query({ ref: push.after })
      .reply(200, CONFIG.replace("enabled: true", "enabled: false"))
      .post(`${repoPath}/check-runs`)
      .reply(201, {});
    await deliver(probot, push, "push", "push-2");
    nock(API).get(configPath).reply(200, CONFIG.replace("enabled: true", "enabled: false"));
    await deliver(probot, issuePayload({ ...DOWN, number: 9 }), "issues", "delivery-3");
  });
});
