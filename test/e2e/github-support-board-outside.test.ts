import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeGitHub } from "../fakes/github-api.js";
import type { FakeIssue } from "../fakes/github-state.js";
import { readFixture } from "../helpers/github.js";
import { fakeGitHubEnv, openedDelivery } from "../helpers/github-outside.js";
import { deliverGitHub, startFrontdesk } from "../helpers/spawn-server.js";

/**
 * From outside: with support_board set, a new ticket appears on the board as
 * the agency sees it, its Urgency, Due and Client set where the board has
 * such fields; a board without them gets the item and nothing else.
 */

const SECRET = "board-secret";
const INSTALLATION = 4343;
const fake = new FakeGitHub();
let server: Awaited<ReturnType<typeof startFrontdesk>>;

beforeAll(async () => {
  const host = await fake.start();
  fake.projects.addBoard("acme-agency", 6, [
    { id: "F_status", name: "Status", dataType: "SINGLE_SELECT", options: [{ id: "s-todo", name: "Todo" }] },
    { id: "F_urgency", name: "Urgency", dataType: "SINGLE_SELECT", options: [{ id: "u-e", name: "Emergency" }, { id: "u-t", name: "Task" }] },
    { id: "F_due", name: "Due", dataType: "DATE" },
    { id: "F_client", name: "Client", dataType: "TEXT" },
  ]);
  fake.projects.addBoard("acme-agency", 8, [{ id: "F_status8", name: "Status", dataType: "SINGLE_SELECT", options: [] }]);
  server = await startFrontdesk(fakeGitHubEnv(host, SECRET));
}, 30_000);

afterAll(async () => {
  await server?.stop();
  await fake.stop();
});

const delivery = (repo: string, issue: FakeIssue) => openedDelivery(repo, INSTALLATION, issue);

describe("the support board as the live view, from outside", () => {
  it("puts a new ticket on the board with its Urgency, Due and Client", async () => {
    const repo = fake.addRepo("acme/site", INSTALLATION, readFixture("spec-example.yml"));
    const issue = repo.openIssue({ number: 7, title: "Website is down!", createdAt: "2026-11-26T09:00:00Z" });
    expect((await deliverGitHub(server.url, SECRET, "issues", "b-1", delivery("acme/site", issue))).status).toBe(202);
    await server.settled();

    expect(repo.commentsOf(7)).toHaveLength(1);
    expect(fake.projects.items("acme-agency", 6), server.output()).toEqual([
      { contentId: issue.node_id, fields: { Urgency: "Emergency", Due: "2026-11-26", Client: "ACME GmbH" } },
    ]);
  });

  it("adds the item and nothing else to a board without those fields", async () => {
    const config = readFixture("spec-example.yml").replace("support_board: https://github.com/orgs/acme-agency/projects/6", "support_board: https://github.com/orgs/acme-agency/projects/8");
    const repo = fake.addRepo("globex/shop", INSTALLATION, config);
    const issue = repo.openIssue({ number: 3, title: "Please update the footer", createdAt: "2026-11-26T09:00:00Z" });
    const before = fake.calls.length;
    expect((await deliverGitHub(server.url, SECRET, "issues", "b-2", delivery("globex/shop", issue))).status).toBe(202);
    await server.settled();

    expect(fake.projects.items("acme-agency", 8)).toEqual([{ contentId: issue.node_id, fields: {} }]);
    const graphql = fake.calls.slice(before).filter((call) => call.path.endsWith("/graphql")).map((call) => /\b(?:query|mutation) (\w+)/u.exec(String((call.body as { query?: string }).query))?.[1]);
    expect(graphql.filter((name) => name?.includes("Board"))).toEqual(["FrontdeskOrganizationBoard", "FrontdeskAddBoardItem"]);
  });
});
