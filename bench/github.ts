import { replyTarget } from "../src/core/plan-reply.js";
import { readFileSync } from "node:fs";
import { FakeGitHub } from "../test/fakes/github-api.js";
import { commentPayload, issuePayload } from "../test/helpers/github.js";
import { createAppKey, deliverGitHub, githubDeliveryRequest, startFrontdesk } from "../test/helpers/spawn-server.js";
import { driveHttp, type Delivery } from "./drive.js";
import { format, minimumSeconds, peakRssMb, percentile, waitFor } from "./stats.js";

/**
 * GitHub scenarios of `npm run bench`: the real server (npm start's code path)
 * against the fake GitHub on 127.0.0.1, driven by signed deliveries.
 */

export const SECRET = "bench-secret";
export const CONFIG = readFileSync(new URL("../test/fixtures/spec-example.yml", import.meta.url), "utf8");
const ACK = "<!-- frontdesk:ack ";

export interface Setup {
  fake: FakeGitHub;
  host: string;
  appKey: string;
  server: Awaited<ReturnType<typeof startFrontdesk>>;
  stop(): Promise<void>;
}

/** The server's environment against a fake GitHub at `host`. */
export function serverEnv(host: string, appKey: string): Record<string, string> {
  const log: Record<string, string> = process.env.BENCH_DEBUG ? { LOG_LEVEL: "debug", LOG_FORMAT: "json" } : { LOG_LEVEL: "warn" };
  // spec-example.yml's boards are the agency's: the operator allows them.
  const targets = { FRONTDESK_PROJECT_TARGETS: "https://github.com/orgs/acme-agency" };
  return { APP_ID: "1", PRIVATE_KEY: appKey, WEBHOOK_SECRET: SECRET, GHE_HOST: host, GHE_PROTOCOL: "http", SWEEP_INTERVAL: "off", ...targets, ...log };
}

/** spec-example.yml's support board, with the fields frontdesk fills, and its project board. */
export function addBoards(fake: FakeGitHub): void {
  fake.projects.addBoard("acme-agency", 6, [
    { id: "F_status", name: "Status", dataType: "SINGLE_SELECT", options: [{ id: "s-todo", name: "Todo" }] },
    { id: "F_urgency", name: "Urgency", dataType: "SINGLE_SELECT", options: [{ id: "u-e", name: "emergency" }, { id: "u-t", name: "task" }] },
    { id: "F_due", name: "Due", dataType: "DATE" },
    { id: "F_client", name: "Client", dataType: "TEXT" },
  ]);
  fake.projects.addBoard("acme-agency", 7, [{ id: "F_status7", name: "Status", dataType: "SINGLE_SELECT", options: [{ id: "s-backlog", name: "Backlog" }] }]);
}

export async function setUp(latencyMs: number, repos: { name: string; installation: number }[]): Promise<Setup> {
  const fake = new FakeGitHub({ latencyMs });
  addBoards(fake);
  for (const repo of repos) fake.addRepo(repo.name, repo.installation, CONFIG);
  fake.addRepo(WARM_UP.name, WARM_UP.installation, CONFIG);
  const host = await fake.start();
  const appKey = createAppKey();
  const server = await startFrontdesk(serverEnv(host, appKey));
  // One ticket in a repository of its own, so that the server has loaded its
  // code (V8 compiles and optimises on first use) before anything is measured;
  // the measured repositories' configuration and labels are still cold.
  const warm = openTicket(fake, WARM_UP.name, WARM_UP.installation, "Warm-up: the logo is blurry");
  await deliverGitHub(server.url, SECRET, "issues", warm.id, warm.payload);
  await waitFor(() => acks(fake, WARM_UP.name, warm.number) === 1, 20_000, "the warm-up ticket");
  await server.settled();
  fake.calls.length = 0;
  return { fake, host, appKey, server, stop: async () => (await server.stop(), await fake.stop()) };
}

const WARM_UP = { name: "warm-up/site", installation: 99 };

let nextNumber = 1;

/** Opens an issue in the fake and returns the delivery GitHub would send for it. */
export function openTicket(fake: FakeGitHub, repo: string, installation: number, title: string, createdAt = new Date()) {
  const number = nextNumber++;
  const issue = fake.repo(repo).openIssue({ number, title, createdAt: createdAt.toISOString() });
  const payload = issuePayload({ number, title, createdAt: issue.created_at });
  const [owner, name] = repo.split("/");
  payload.repository = { ...payload.repository, name, full_name: repo, owner: { ...payload.repository.owner, login: owner } };
  payload.installation = { id: installation };
  return { number, repo, payload, id: `delivery-${number}` };
}

export function acks(fake: FakeGitHub, repo: string, number: number): number {
  return fake.repo(repo).commentsOf(number).filter((comment) => comment.body.includes(ACK)).length;
}

/** When the last call about this issue was answered (ms since epoch), or NaN. */
export function lastCallFor(fake: FakeGitHub, repo: string, number: number): number {
  const prefix = `/repos/${repo}/issues/${number}/`;
  const calls = fake.calls.filter((call) => call.path.startsWith(prefix) && call.status < 400);
  return calls.length ? Math.max(...calls.map((call) => call.end)) : Number.NaN;
}

/**
 * (a) One ticket at a time in a quiet system: delivery to its last API call.
 * The tickets take turns over three installations, so that none of them
 * comes near GitHub's 80 writes a minute (that is the burst's business).
 */
export async function runQuiet(latencyMs: number, tickets: number): Promise<string[]> {
  const repos = [1, 2, 3].map((installation) => ({ name: `quiet${installation}/site`, installation }));
  const setup = await setUp(latencyMs, repos);
  try {
    // The first ticket of each repository reads its configuration and labels once: the warm-up.
    const times: number[] = [];
    for (let index = 0; index < tickets + repos.length; index++) {
      const { name: repo, installation } = repos[index % repos.length]!;
      const ticket = openTicket(setup.fake, repo, installation, `Quiet ticket ${index}: the logo is blurry`);
      const sent = Date.now();
      await deliverGitHub(setup.server.url, SECRET, "issues", ticket.id, ticket.payload);
      await waitFor(() => acks(setup.fake, repo, ticket.number) === 1, 10_000, `ticket ${ticket.number}`);
      await setup.server.settled();
      if (index >= repos.length) times.push(lastCallFor(setup.fake, repo, ticket.number) - sent);
    }
    return [
      `(a) quiet, ${latencyMs} ms API latency, ${tickets} tickets one at a time (config cached):`,
      `    delivery -> last API call: p50 ${format(percentile(times, 50))} ms, p99 ${format(percentile(times, 99))} ms`,
    ];
  } finally {
    await setup.stop();
  }
}

/**
 * The burst's tickets, opened on the fake: `tickets` new ones spread over
 * `repos`, every fifth delivered twice, every fifteenth (from the eighth) with
 * a command on it, and one emergency.
 */
export function burstTickets(fake: FakeGitHub, repos: readonly { name: string; installation: number }[], tickets: number) {
  const planned = Array.from({ length: tickets }, (_, index) => {
    const repo = repos[index % repos.length]!;
    return openTicket(fake, repo.name, repo.installation, `Request ${index}: please update the footer text`);
  });
  const duplicates = planned.filter((_, index) => index % 5 === 0);
  const commands = planned.filter((_, index) => index % 15 === 7).map((ticket, index) => commandOn(fake, ticket, BURST_COMMANDS[index % BURST_COMMANDS.length]!));
  const emergency = openTicket(fake, repos[0]!.name, repos[0]!.installation, "Website is down!");
  return { planned, duplicates, commands, emergency };
}

/**
 * (b) A burst of new tickets over three installations, duplicates mixed in,
 * one emergency in the middle.
 */
export async function runBurst(latencyMs: number, tickets: number): Promise<string[]> {
  const installations = [11, 12, 13];
  const repos = installations.map((installation) => ({ name: `client${installation}/site`, installation }));
  const setup = await setUp(latencyMs, repos);
  const { fake, server } = setup;
  try {
    const { planned, duplicates, commands, emergency } = burstTickets(fake, repos, tickets);
    const deliveries = [...planned, ...commands, ...duplicates].map((ticket) => issuesDelivery(server.url, ticket));
    // The emergency goes in the middle of the burst.
    deliveries.splice(deliveries.length / 2, 0, issuesDelivery(server.url, emergency, true));
    const started = Date.now();
    // Twenty deliveries in flight at a time, like a busy GitHub.
    const driven = await driveHttp({ senders: 20, warmUrl: `${server.url}/healthz`, deliveries });
    const answers = driven.answers;
    if (driven.statuses.some((status) => status !== 202)) throw new Error(`deliveries answered ${[...new Set(driven.statuses)]}`);
    const emergencySent = driven.markedSentAt;
    const all = [...planned, emergency];
    await waitFor(() => all.every((ticket) => acks(fake, ticket.repo, ticket.number) >= 1), 15 * 60_000, "every ticket triaged");
    await waitFor(() => commands.every((sent) => commandDone(fake, sent)), 5 * 60_000, "every command carried out or answered");
    const finished = Math.max(...all.map((ticket) => lastCallFor(fake, ticket.repo, ticket.number)));
    await server.settled(60_000);
    const emergencyTime = lastCallFor(fake, emergency.repo, emergency.number) - emergencySent;
    if (process.env.BENCH_DEBUG) {
      // The emergency's own calls, relative to its delivery: where its time went.
      for (const call of fake.calls.filter((c) => c.path.includes(`/${emergency.number}/`) || JSON.stringify(c.body ?? "").includes(`|${emergency.number}"`))) {
        console.log(`    ${call.at - emergencySent}..${call.end - emergencySent} ms ${call.method} ${call.path}`);
      }
      for (const line of server.output().split("\n").filter((text) => text.includes(`"${emergency.id}"`))) {
        const entry = JSON.parse(line) as { time: number; msg: string };
        console.log(`    ${entry.time - emergencySent} ms log: ${entry.msg.slice(0, 120)}`);
      }
    }
    const writesOf = (installation: number) =>
      fake.calls.filter((call) => call.installation === installation && call.method !== "GET" && call.status < 400).length;
    const minimum = Math.max(...installations.map((installation) => minimumSeconds(writesOf(installation))));
    const total = (finished - started) / 1000;
    const writes = installations.reduce((sum, installation) => sum + writesOf(installation), 0);
    const counts = all.map((ticket) => acks(fake, ticket.repo, ticket.number));
    const lost = counts.filter((count) => count === 0).length;
    const doubled = counts.filter((count) => count > 1).length;
    return [
      `(b) burst: ${tickets} new tickets over ${installations.length} installations, ${duplicates.length} duplicate deliveries, ${commands.length} commands, 1 emergency, ${latencyMs} ms latency:`,
      `    all triaged in ${format(total, 1)} s; minimum the limits allow ${format(minimum, 1)} s (+ round trips); ratio ${format(total / Math.max(minimum, 1), 2)}`,
      `    emergency: delivery -> triaged ${format(emergencyTime)} ms`,
      `    secondary-limit responses: ${fake.secondaryLimitResponses} (${JSON.stringify(fake.limitHits)})`,
      `    per new ticket: ${format(writes / all.length, 2)} writes, ${format(fake.rateLimited().length / all.length, 2)} rate-limited calls (duplicates and commands included)`,
      `    commands: ${commands.length} (${BURST_COMMANDS.map((command) => command.outcome).join(", ")}), each done once: ${commands.filter((sent) => commandDone(fake, sent)).length}`,
      `    delivery answered: p50 ${format(percentile(answers, 50), 1)} ms, p99 ${format(percentile(answers, 99), 1)} ms`,
      `    peak RSS ${format(peakRssMb(server.pid))} MB`,
      `    lost: ${lost}, triaged twice: ${doubled}`,
    ];
  } finally {
    await setup.stop();
  }
}

/** Deliveries accepted per second at 0 ms latency (issues by a bot: accepted, then nothing to do). */
export async function runThroughput(count: number): Promise<string[]> {
  const repo = "load/site";
  const setup = await setUp(0, [{ name: repo, installation: 21 }]);
  try {
    const payload = issuePayload({ title: "Bump lodash", author: "dependabot[bot]", authorType: "Bot" });
    const deliveries = Array.from({ length: count }, (_, index) => issuesDelivery(setup.server.url, { id: `load-${index}`, payload }));
    const driven = await driveHttp({ senders: 32, warmUrl: `${setup.server.url}/healthz`, deliveries });
    if (driven.statuses.some((status) => status !== 202)) throw new Error(`deliveries answered ${[...new Set(driven.statuses)].join(", ")}`);
    const seconds = driven.totalMs / 1000;
    return [`throughput: ${count} signed deliveries at 0 ms latency in ${format(seconds, 2)} s = ${format(count / seconds)} per second; peak RSS ${format(peakRssMb(setup.server.pid))} MB`];
  } finally {
    await setup.stop();
  }
}

/** A signed delivery of `issues` for the driver; signed here, before any clock starts. */
export function issuesDelivery(base: string, ticket: { id: string; payload: object; name?: string }, mark?: boolean): Delivery {
  return { ...githubDeliveryRequest(base, SECRET, ticket.name ?? "issues", ticket.id, ticket.payload), ...(mark ? { mark } : {}) };
}

/** Commands mixed into the burst: one a team member's that changes the ticket, one a client's (refused), one malformed. */
export const BURST_COMMANDS = [
  { author: "ann", association: "MEMBER", body: "Raising this one.\n/urgency emergency", outcome: "carried out" },
  { author: "client-joe", association: "NONE", body: "/project", outcome: "refused" },
  { author: "ann", association: "MEMBER", body: "/urgency soon", outcome: "malformed" },
] as const;

type Ticket = ReturnType<typeof openTicket>;

/** A comment with a command on a ticket, written in the fake, and the issue_comment delivery GitHub sends for it. */
export function commandOn(fake: FakeGitHub, ticket: Ticket, command: (typeof BURST_COMMANDS)[number]) {
  const comment = fake.repo(ticket.repo).addUserComment(ticket.number, command.author, command.body);
  const payload = commentPayload({
    issue: { number: ticket.number, title: ticket.payload.issue.title },
    id: comment.id,
    body: command.body,
    author: command.author,
    association: command.association,
  });
  payload.repository = ticket.payload.repository;
  payload.installation = ticket.payload.installation;
  return { ticket, command, commentId: comment.id, id: `comment-${comment.id}`, name: "issue_comment", payload };
}

/** Whether the command had its effect, exactly once: the urgency changed, or one reply answers it. */
export function commandDone(fake: FakeGitHub, sent: ReturnType<typeof commandOn>): boolean {
  const repo = fake.repo(sent.ticket.repo);
  const replies = repo.commentsOf(sent.ticket.number).filter((comment) => replyTarget(comment.body) === sent.commentId);
  if (sent.command.outcome !== "carried out") return replies.length === 1;
  const labels = repo.issues.get(sent.ticket.number)!.labels.map((label) => label.name);
  return replies.length === 0 && labels.includes("urgency: emergency") && !labels.includes("urgency: task");
}
