import { replyTarget } from "../src/core/plan-reply.js";
import { readFileSync } from "node:fs";
import { FakeGitLab, issueHookFor, noteHookFor, type FakeGitLabLimits, type FakeProject } from "../test/fakes/gitlab-api.js";
import { startFrontdesk } from "../test/helpers/spawn-server.js";
import { driveHttp, type Delivery } from "./drive.js";
import { format, minimumSeconds, peakRssMb, percentile, waitFor } from "./stats.js";

/**
 * GitLab scenarios of `npm run bench`: the real server (npm start's code
 * path, GITLAB_URL pointed at the fake) against the fake GitLab on
 * 127.0.0.1, driven by deliveries with the webhook token, as GitLab sends them.
 */

const TOKEN = "glpat-bench";
const SECRET = "bench-gitlab-secret";
// The spec's example without its GitHub Projects keys, which GitLab ignores with a warning.
const CONFIG = readFileSync(new URL("../test/fixtures/spec-example.yml", import.meta.url), "utf8")
  .split("\n")
  .filter((line) => !/^\s*(board|column):|^support_board:/u.test(line))
  .join("\n");
const ROSTER = ["alice", "ann", "bob", "carol", "dave", "erin", "frank", "lena"];
const ACK = "<!-- frontdesk:ack ";

export interface GitLabSetup {
  fake: FakeGitLab;
  projects: FakeProject[];
  server: Awaited<ReturnType<typeof startFrontdesk>>;
  /** The server's environment, to start it again. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** The server's environment against a fake GitLab at `url`; the sweep runs only when the scenario asks for it. */
export function gitLabServerEnv(url: string): Record<string, string> {
  return { GITLAB_URL: url, GITLAB_TOKEN: TOKEN, GITLAB_WEBHOOK_SECRET: SECRET, SWEEP_INTERVAL: "off", LOG_LEVEL: "warn" };
}

export async function setUpGitLab(latencyMs: number, paths: string[], limits?: FakeGitLabLimits): Promise<GitLabSetup> {
  const fake = new FakeGitLab({ latencyMs, limits });
  for (const login of ROSTER) fake.state.addUser(login);
  const projects = paths.map((path) => fake.addProject(path, CONFIG));
  const warmUp = fake.addProject("warm-up/site", CONFIG);
  const url = await fake.start();
  const env = gitLabServerEnv(url);
  const server = await startFrontdesk(env);
  // One ticket in a project of its own, so that the server has loaded its code
  // (V8 compiles and optimises on first use) before anything is measured; the
  // measured projects' configuration and labels are still cold.
  const warm = openGitLabTicket(fake, warmUp, "Warm-up: the logo is blurry");
  await deliverGitLab(server.url, warm);
  await waitFor(() => gitLabAcks(fake, warm) === 1, 20_000, "the warm-up ticket");
  await server.settled();
  fake.calls.length = 0;
  return { fake, projects, server, env, stop: async () => (await server.stop(), await fake.stop()) };
}

export interface GitLabTicket {
  project: FakeProject;
  iid: number;
  payload: Record<string, unknown>;
  /** X-Gitlab-Event-UUID and Idempotency-Key of its delivery. */
  uuid: string;
}

/** Opens an issue in the fake and returns the Issue Hook GitLab would send for it. */
export function openGitLabTicket(fake: FakeGitLab, project: FakeProject, title: string, createdAt?: Date): GitLabTicket {
  const iid = Math.max(0, ...project.issues.keys()) + 1;
  const issue = fake.state.openIssue(project, { iid, title, createdAt });
  return { project, iid, payload: issueHookFor(project, issue), uuid: `${project.id}-${iid}` };
}

/** A hook as GitLab sends it; `key` differs for a second hook (project and group) on the same event. */
export function gitLabDelivery(base: string, ticket: GitLabTicket, key = ticket.uuid): Delivery {
  return {
    url: `${base}/api/gitlab/webhooks`,
    body: JSON.stringify(ticket.payload),
    headers: {
      "content-type": "application/json",
      "x-gitlab-event": "Issue Hook",
      "x-gitlab-token": SECRET,
      "x-gitlab-event-uuid": ticket.uuid,
      "idempotency-key": key,
    },
  };
}

/** POSTs a hook the way GitLab does. */
export function deliverGitLab(base: string, ticket: GitLabTicket, key = ticket.uuid): Promise<Response> {
  const { url, ...init } = gitLabDelivery(base, ticket, key);
  return fetch(url, { method: "POST", ...init });
}

export function gitLabAcks(fake: FakeGitLab, ticket: Pick<GitLabTicket, "project" | "iid">): number {
  return fake.state.notesOf(ticket.project, ticket.iid).filter((note) => note.body.includes(ACK)).length;
}

/** When the last successful call about this issue was answered (ms since epoch), or NaN. */
export function lastGitLabCallFor(fake: FakeGitLab, ticket: Pick<GitLabTicket, "project" | "iid">): number {
  const prefix = `/projects/${ticket.project.id}/issues/${ticket.iid}`;
  const calls = fake.calls.filter((call) => (call.path === prefix || call.path.startsWith(`${prefix}/`) || call.path.startsWith(`${prefix}?`)) && call.status < 400);
  return calls.length ? Math.max(...calls.map((call) => call.end)) : Number.NaN;
}

/** Commands mixed into the burst, as notes: one a team member's that changes the ticket, one a client's (refused), one malformed. */
const BURST_COMMANDS = [
  { author: "ann", body: "Raising this one.\n/urgency emergency", outcome: "carried out" },
  { author: "client-joe", body: "/project", outcome: "refused" },
  { author: "ann", body: "/urgency soon", outcome: "malformed" },
] as const;

let nextNoteId = 900_000;

/** The Note Hook GitLab sends for a note with a command on a ticket. */
function commandOn(fake: FakeGitLab, base: string, ticket: GitLabTicket, command: (typeof BURST_COMMANDS)[number]) {
  const noteId = nextNoteId++;
  const payload = noteHookFor(ticket.project, ticket.project.issues.get(ticket.iid)!, command.body, fake.state.addUser(command.author), noteId);
  const delivery: Delivery = {
    url: `${base}/api/gitlab/webhooks`,
    body: JSON.stringify(payload),
    headers: { "content-type": "application/json", "x-gitlab-event": "Note Hook", "x-gitlab-token": SECRET, "x-gitlab-event-uuid": `note-${noteId}` },
  };
  return { ticket, command, noteId, delivery };
}

/** Whether the command had its effect, exactly once: the urgency changed, or one reply answers it. */
function commandDone(fake: FakeGitLab, sent: ReturnType<typeof commandOn>): boolean {
  const replies = fake.state.notesOf(sent.ticket.project, sent.ticket.iid).filter((note) => replyTarget(note.body) === sent.noteId);
  if (sent.command.outcome !== "carried out") return replies.length === 1;
  const labels = sent.ticket.project.issues.get(sent.ticket.iid)!.labels;
  return replies.length === 0 && labels.includes("urgency: emergency") && !labels.includes("urgency: task");
}

/** (a) One ticket at a time in a quiet system: delivery to its last API call (configuration and labels cached). */
export async function runGitLabQuiet(latencyMs: number, tickets: number): Promise<string[]> {
  const setup = await setUpGitLab(latencyMs, ["quiet1/site", "quiet2/site", "quiet3/site"]);
  try {
    const times: number[] = [];
    for (let index = 0; index < tickets + setup.projects.length; index++) {
      const ticket = openGitLabTicket(setup.fake, setup.projects[index % setup.projects.length]!, `Quiet ticket ${index}: the logo is blurry`);
      const sent = Date.now();
      const response = await deliverGitLab(setup.server.url, ticket);
      if (response.status !== 202) throw new Error(`delivery answered ${response.status}`);
      await waitFor(() => gitLabAcks(setup.fake, ticket) === 1, 10_000, `ticket ${ticket.iid}`);
      await setup.server.settled();
      // The first ticket of each project reads its configuration and labels: the warm-up.
      if (index >= setup.projects.length) times.push(lastGitLabCallFor(setup.fake, ticket) - sent);
    }
    return [
      `(a) GitLab quiet, ${latencyMs} ms API latency, ${tickets} tickets one at a time (config cached):`,
      `    delivery -> last API call: p50 ${format(percentile(times, 50))} ms, p99 ${format(percentile(times, 99))} ms`,
    ];
  } finally {
    await setup.stop();
  }
}

/**
 * (b) A burst of new tickets over three projects of one token (GitLab limits
 * per user), every fifth delivered twice (GitLab's resend, or a project and a
 * group hook), one emergency in the middle.
 */
export async function runGitLabBurst(latencyMs: number, tickets: number): Promise<string[]> {
  const setup = await setUpGitLab(latencyMs, ["client1/site", "client2/site", "client3/site"]);
  const { fake, server, projects } = setup;
  try {
    const planned = Array.from({ length: tickets }, (_, index) => openGitLabTicket(fake, projects[index % projects.length]!, `Request ${index}: please update the footer text`));
    const duplicates = planned.filter((_, index) => index % 5 === 0);
    const commands = planned.filter((_, index) => index % 15 === 7).map((ticket, index) => commandOn(fake, server.url, ticket, BURST_COMMANDS[index % BURST_COMMANDS.length]!));
    const emergency = openGitLabTicket(fake, projects[0]!, "Website is down!");
    const deliveries = [
      ...planned.map((ticket) => gitLabDelivery(server.url, ticket)),
      ...commands.map((sent) => sent.delivery),
      ...duplicates.map((ticket, index) => gitLabDelivery(server.url, ticket, index % 2 === 0 ? undefined : `group-hook-${ticket.uuid}`)),
    ];
    // The emergency goes in the middle of the burst.
    deliveries.splice(deliveries.length / 2, 0, { ...gitLabDelivery(server.url, emergency), mark: true });
    const started = Date.now();
    // Twenty deliveries in flight at a time, like a busy GitLab.
    const driven = await driveHttp({ senders: 20, deliveries, warmUrl: `${server.url}/healthz` });
    const refused = driven.statuses.filter((status) => status !== 202 && status !== 200);
    if (refused.length > 0) throw new Error(`deliveries answered ${[...new Set(refused)].join(", ")}`);
    const answers = driven.answers;
    const emergencySent = driven.markedSentAt;
    const all = [...planned, emergency];
    await waitFor(() => all.every((ticket) => gitLabAcks(fake, ticket) >= 1), 15 * 60_000, "every ticket triaged");
    await waitFor(() => commands.every((sent) => commandDone(fake, sent)), 5 * 60_000, "every command carried out or answered");
    const finished = Math.max(...all.map((ticket) => lastGitLabCallFor(fake, ticket)));
    await server.settled(60_000);
    const emergencyTime = lastGitLabCallFor(fake, emergency) - emergencySent;
    // Every answered call counts against GitLab's limit, a 409 as much as a 201; the 429s do not.
    const counted = fake.rateLimited();
    const writes = counted.filter((call) => call.method !== "GET").length;
    const notes = counted.filter((call) => call.method === "POST" && /\/notes$/u.test(call.path)).length;
    const minimum = Math.max(minimumSeconds(counted.length, 2_000, Number.MAX_SAFE_INTEGER), minimumSeconds(notes, 300, Number.MAX_SAFE_INTEGER));
    const seconds = (finished - started) / 1000;
    const counts = all.map((ticket) => gitLabAcks(fake, ticket));
    return [
      `(b) GitLab burst: ${tickets} new tickets over ${projects.length} projects (one token), ${duplicates.length} duplicate deliveries, ${commands.length} commands, 1 emergency, ${latencyMs} ms latency:`,
      `    all triaged in ${format(seconds, 1)} s; minimum GitLab's limits allow ${format(minimum, 1)} s (+ round trips)`,
      `    emergency: delivery -> triaged ${format(emergencyTime)} ms`,
      `    429 responses: ${fake.rateLimitResponses} (${JSON.stringify(fake.limitHits)})`,
      `    per new ticket: ${format(writes / all.length, 2)} writes, ${format(counted.length / all.length, 2)} calls (commands and the projects' configuration and label loads included)`,
      `    commands: ${commands.length} (${BURST_COMMANDS.map((command) => command.outcome).join(", ")}), each done once: ${commands.filter((sent) => commandDone(fake, sent)).length}`,
      `    delivery answered: p50 ${format(percentile(answers, 50), 1)} ms, p99 ${format(percentile(answers, 99), 1)} ms`,
      `    peak RSS ${format(peakRssMb(server.pid))} MB`,
      `    lost: ${counts.filter((count) => count === 0).length}, triaged twice: ${counts.filter((count) => count > 1).length}`,
    ];
  } finally {
    await setup.stop();
  }
}

/** Deliveries accepted per second at 0 ms latency (issues by a bot: accepted, then nothing to do). */
export async function runGitLabThroughput(deliveries: number): Promise<string[]> {
  const setup = await setUpGitLab(0, ["load/site"]);
  try {
    const bot = setup.fake.state.openIssue(setup.projects[0]!, { iid: 1, title: "Bump lodash", author: "renovate-bot[bot]" });
    const payload = issueHookFor(setup.projects[0]!, bot);
    const ticket = { project: setup.projects[0]!, iid: 1, payload };
    const driven = await driveHttp({ senders: 32, warmUrl: `${setup.server.url}/healthz`, deliveries: Array.from({ length: deliveries }, (_, index) => gitLabDelivery(setup.server.url, { ...ticket, uuid: `load-${index}` })) });
    if (driven.statuses.some((status) => status !== 202)) throw new Error(`deliveries answered ${[...new Set(driven.statuses)].join(", ")}`);
    const seconds = driven.totalMs / 1000;
    return [`GitLab throughput: ${deliveries} deliveries at 0 ms latency in ${format(seconds, 2)} s = ${format(deliveries / seconds)} per second; peak RSS ${format(peakRssMb(setup.server.pid))} MB`];
  } finally {
    await setup.stop();
  }
}
