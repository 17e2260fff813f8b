import { readFileSync } from "node:fs";
import nock from "nock";
import { describe, expect, it } from "vitest";
import { runSimulate } from "../../src/cli/simulate.js";
import { API, createLogCapture, createTestProbot, INSTALLATION, issuePayload, OWNER, REPO, restIssue } from "../helpers/github.js";
import { mockIssueUpdate, mockSupportBoard, mockUserLookup, restLabels } from "../helpers/github-graphql.js";
import { useStrictNock } from "../helpers/nock-strict.js";
import { createMemoryIo } from "./memory-io.js";

useStrictNock();

const EXAMPLE = readFileSync(new URL("../../config/example.en.yml", import.meta.url), "utf8");
const files = { "example.en.yml": EXAMPLE, "open.json": '{"alice": 1, "ann": 2, "bob": 0, "carol": 3}' };
const AT = "2026-11-24T15:00:00Z";

describe("frontdesk simulate", () => {
  it("explains each step", async () => {
    const io = createMemoryIo(files);
    const code = await runSimulate(
      ["--config", "example.en.yml", "--title", "Website is down!", "--at", "2026-12-22T15:00:00Z", "--open-tickets", "open.json"],
      io,
    );
    expect(code).toBe(0);
    expect(io.out).toContain('2. Urgency: emergency (keyword "down" in the title or body)\n');
    expect(io.out).toContain("3. Function: development (no rule matched: routing.default)\n");
    expect(io.out).toContain("4. Contact: alice, fewest open tickets (alice 1, ann 2)\n");
    expect(io.out).toContain("5. Implementer: carol, fewest open tickets (carol 3); skipped bob (away, 0 open)\n");
    expect(io.out).toContain("6. First response due: Tue, 22 Dec 2026, 11:00 EST (1h of business time from Tue, 22 Dec 2026, 10:00 EST)\n");
    expect(io.out).toContain("7. Support board: added, with Urgency, Due, Client and Function where the board has such fields\n");
    expect(io.out).toContain("  add labels: support, urgency: emergency, function: development\n  assign: alice, carol\n");
    expect(io.out).toContain("  board: add https://github.com/orgs/acme-agency/projects/6\n");
    expect(io.out).not.toContain("Project work");
  });

  it("shows a client's estimate above the threshold as a hint, and a team member's as the team's", async () => {
    const client = createMemoryIo(files);
    await runSimulate(["--config", "example.en.yml", "--title", "Checkout", "--body", "### Estimate\n\n3d", "--at", AT], client);
    expect(client.out).toContain('7. Needs estimate: the client\'s estimate "3d" is above project_work.threshold, a hint for the team to confirm\n');
    expect(client.out).not.toContain("Project work");
    const team = createMemoryIo(files);
    await runSimulate(["--config", "example.en.yml", "--title", "Checkout", "--body", "### Estimate\n\n3d", "--author", "ann", "--at", AT], team);
    expect(team.out).not.toContain("the client's estimate");
    expect(team.out).toContain("8. Estimate 3d (form) vs threshold 4h\n");
  });

  it("says when a tie was rotated", async () => {
    const io = createMemoryIo(files);
    await runSimulate(["--config", "example.en.yml", "--title", "Website is down!", "--at", AT], io);
    expect(io.out).toContain("4. Contact: ann, tied for fewest open tickets, the issue number rotates ties (alice 0, ann 0)\n");
  });

  it("shows the project-work step the server takes for the team's size: L ticket, with the hand-off person", async () => {
    const github = createMemoryIo(files);
    await runSimulate(["--config", "example.en.yml", "--title", "New landing page", "--labels", "size: L", "--author", "ann", "--at", AT], github);
    expect(github.out).toContain("8. Estimate 2d (label) vs threshold 4h\n");
    expect(github.out).toContain(
      "9. Project work: labelled project-work; handed off to lena (project_work.handoff); onto board https://github.com/orgs/acme-agency/projects/7; " +
        "off board https://github.com/orgs/acme-agency/projects/6; into acme-agency/projects (project_work.move_to)\n" +
        "10. Moving issues: not served on this platform\n",
    );
    expect(github.out).toContain("  add labels: urgency: task, function: development, project-work\n  assign: ann, lena\n");
    expect(github.out).toContain("@lena takes it from here.");
    expect(github.out).toContain("  board: add https://github.com/orgs/acme-agency/projects/7 (Backlog)\n  board: remove https://github.com/orgs/acme-agency/projects/6\n");
    const gitlab = createMemoryIo(files);
    await runSimulate(["--config", "example.en.yml", "--title", "New landing page", "--labels", "size: L", "--author", "ann", "--at", AT, "--platform", "gitlab"], gitlab);
    expect(gitlab.out).toContain("10. Boards: not served on this platform\n11. Moved to acme-agency/projects\n");
    expect(gitlab.out).toContain("  move to: acme-agency/projects\n");
  });

  it("shows each candidate's load across clients, and where it comes from", async () => {
    const io = createMemoryIo({ ...files, "load.json": '{"alice": 1, "ann": {"here": 0, "globex/shop": 4}, "carol": {"here": 1, "initech/app": 1}}' });
    await runSimulate(["--config", "example.en.yml", "--title", "Checkout broken", "--at", "2026-12-22T15:00:00Z", "--open-tickets", "load.json"], io);
    expect(io.out).toContain("4. Contact: alice, fewest open tickets (alice 1, ann 4 (0 here, globex/shop 4))\n");
    expect(io.out).toContain("5. Implementer: carol, fewest open tickets (carol 2 (1 here, initech/app 1)); skipped bob (away, 0 open)\n");
  });

  it("prints the reasons the server logs for the same issue", async () => {
    const io = createMemoryIo(files);
    await runSimulate(["--config", "example.en.yml", "--title", "Website is down!", "--number", "12", "--at", AT, "--open-tickets", "open.json", "--json"], io);
    const simulated = JSON.parse(io.out) as { reasons: string[] };
    const printed = createMemoryIo(files);
    await runSimulate(["--config", "example.en.yml", "--title", "Website is down!", "--number", "12", "--at", AT, "--open-tickets", "open.json"], printed);
    simulated.reasons.forEach((reason, index) => expect(printed.out).toContain(`${index + 2}. ${reason.charAt(0).toUpperCase()}${reason.slice(1)}\n`));
    const logged = await serverTriage("Website is down!");
    expect(logged.reasons).toEqual(simulated.reasons);
  });

  it.each([
    [["--title", "x"], "--config is required"],
    [["--config", "example.en.yml"], "--title is required"],
    [["--config", "missing.yml", "--title", "x"], "cannot read missing.yml: ENOENT"],
    [["--config", "example.en.yml", "--title", "x", "--at", "yesterday"], "--at yesterday is not an ISO time"],
    [["--config", "example.en.yml", "--title", "x", "--platform", "jira"], "--platform must be github or gitlab, not jira"],
    [["--config", "example.en.yml", "--title", "x", "--bogus"], "Unknown option '--bogus'"],
  ])("refuses %j", async (args, message) => {
    const io = createMemoryIo(files);
    expect(await runSimulate(args, io)).toBe(2);
    expect(io.err).toContain(message);
  });

  it("prints file:line:col for an invalid configuration and exits 1", async () => {
    const io = createMemoryIo({ "bad.yml": "team:\n  contcts: [a]\n" });
    expect(await runSimulate(["--config", "bad.yml", "--title", "x"], io)).toBe(1);
    expect(io.out).toBe('bad.yml:2:3: team.contcts: unknown key "contcts"; did you mean "contacts"?\n');
  });

  it("plans the same labels and assignees as the server for the same issue", async () => {
    const title = "Shop checkout throws error 500";
    const io = createMemoryIo(files);
    await runSimulate(["--config", "example.en.yml", "--title", title, "--number", "12", "--at", AT, "--open-tickets", "open.json", "--json"], io);
    const simulated = JSON.parse(io.out) as { changes: { addLabels: string[]; assign: string[] } };

    const server = await serverTriage(title);
    expect(server.sent).toEqual({ labels: simulated.changes.addLabels, assignees: simulated.changes.assign });
    expect(server.sent).toEqual({ labels: ["support", "urgency: task", "function: development"], assignees: ["alice", "bob"] });
  });
});

/** Issue #12 with `title`, through the GitHub app against mocks: what it wrote, and the reasons it logged. */
async function serverTriage(title: string): Promise<{ sent: Record<string, unknown>; reasons: unknown }> {
  const capture = createLogCapture();
  const { probot } = createTestProbot(new Date(AT), undefined, capture.log);
  const sent: Record<string, unknown> = {};
  const others = [
    restIssue({ number: 1, title: "a", labels: ["support"], assignees: ["alice"] }),
    restIssue({ number: 2, title: "b", labels: ["support"], assignees: ["ann", "carol"] }),
    restIssue({ number: 3, title: "c", labels: ["support"], assignees: ["ann", "carol"] }),
    restIssue({ number: 4, title: "d", labels: ["support"], assignees: ["carol"] }),
  ];
  const repo = `/repos/${OWNER}/${REPO}`;
  const api = nock(API)
    .post(`/app/installations/${INSTALLATION}/access_tokens`)
    .reply(201, { token: "t", expires_at: "2099-01-01T00:00:00Z" })
    .get(/\/contents\/\.github(\/|%2F)frontdesk\.yml/u)
    .reply(200, EXAMPLE)
    .get(`${repo}/issues`)
    .query(true)
    .reply(200, [restIssue({ number: 12, title, createdAt: AT }), ...others])
    .get(`${repo}/labels`)
    .query(true)
    .reply(200, restLabels(["support", "urgency: task", "urgency: emergency", "function: development"]))
    .post(`${repo}/issues/12/comments`)
    .reply(201, {});
  mockUserLookup(api);
  mockIssueUpdate(api, undefined, (update) => Object.assign(sent, { labels: update.addLabels, assignees: update.addAssignees }));
  mockSupportBoard(api);
  await probot.receive({ id: "d", name: "issues", payload: issuePayload({ number: 12, title, createdAt: AT }) } as never);
  return { sent, reasons: capture.lines.find((line) => line.msg === "ticket triaged")?.reasons };
}
