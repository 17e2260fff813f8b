import { issueHookFor } from "../test/fakes/gitlab-api.js";
import { driveHttp, type Delivery } from "./drive.js";
import { acks, issuesDelivery, lastCallFor, openTicket, setUp } from "./github.js";
import { gitLabAcks, gitLabDelivery, lastGitLabCallFor, openGitLabTicket, setUpGitLab } from "./gitlab.js";
import { format, peakRssMb, percentile, waitFor } from "./stats.js";

/**
 * The emergency target of `npm run bench`: from the delivery of a quiet
 * client's emergency to its last API call (labels, assignees and the
 * acknowledgement written). The burst's emergency takes 404-458 ms at 50 ms
 * latency, most of it the eight or so calls it makes one after the other;
 * twice that leaves room for a flood's load on the server and is still, for a
 * client whose site is down, an answer at once (and a tenth of the 10 s in
 * which GitHub expects a delivery answered).
 */
export const EMERGENCY_TARGET_MS = 1_000;

/**
 * The flood is spread over this many repositories (projects) of its
 * installation (group). Each new ticket lists its repository's open issues;
 * with all 20,000 in one repository the bench would measure its own fake
 * paging through them on the bench's thread, which also answers the quiet
 * client's calls, rather than frontdesk.
 */
const FLOOD_REPOS = 100;

/** What a flood scenario measured, for either platform's report. */
export interface FloodFigures {
  accepted: number;
  refused: number;
  other: number[];
  sendSeconds: number;
  answers: number[];
  /** How the emergency's delivery was answered. */
  emergencyStatus: number;
  emergencyMs: number;
  triaged: boolean;
  rssMb: number;
}

/** The report's lines: the flood's answers, the emergency against the target, memory. */
export function floodReport(title: string, figures: FloodFigures): string[] {
  const { accepted, refused, other, sendSeconds, answers, emergencyStatus, emergencyMs, triaged, rssMb } = figures;
  const total = accepted + refused + other.length;
  const passed = triaged && emergencyMs <= EMERGENCY_TARGET_MS;
  return [
    title,
    `    flood answered: ${accepted} x 202, ${refused} x 503${other.length ? `, other: ${[...new Set(other)].join(", ")} (${other.length})` : ""}; ${total} sent in ${format(sendSeconds, 1)} s = ${format(total / sendSeconds)} per second`,
    `    delivery answered: p50 ${format(percentile(answers, 50), 1)} ms, p99 ${format(percentile(answers, 99), 1)} ms`,
    `    emergency: answered ${emergencyStatus}, ${triaged ? "triaged" : "NOT triaged"}, delivery -> triaged ${format(emergencyMs)} ms; target ${EMERGENCY_TARGET_MS} ms: ${passed ? "pass" : "FAIL"}`,
    `    peak RSS ${format(rssMb)} MB`,
  ];
}

/** Counts the flood's answers, the emergency's own (`markedStatus`) left out. */
export function countAnswers(all: readonly number[], markedStatus: number): Pick<FloodFigures, "accepted" | "refused" | "other"> {
  const statuses = [...all];
  const marked = statuses.indexOf(markedStatus);
  if (marked !== -1) statuses.splice(marked, 1);
  return {
    accepted: statuses.filter((status) => status === 202).length,
    refused: statuses.filter((status) => status === 503).length,
    other: statuses.filter((status) => status !== 202 && status !== 503),
  };
}

/**
 * (f) One installation floods frontdesk with `count` new issues, sent as fast
 * as the sender manages; three quarters in, an emergency from another,
 * quiet installation (its configuration not read yet). The flood fills its
 * installation's share of the queue and is refused beyond it; the emergency
 * must get through within {@link EMERGENCY_TARGET_MS}.
 */
export async function runFlood(latencyMs: number, count: number): Promise<string[]> {
  const flood = Array.from({ length: FLOOD_REPOS }, (_, index) => ({ name: `flood/site-${index}`, installation: 41 }));
  const quiet = { name: "quiet/site", installation: 42 };
  const setup = await setUp(latencyMs, [...flood, quiet]);
  const { fake, server } = setup;
  try {
    // Signed before the clock starts; the issues exist, as GitHub's would.
    const deliveries: Delivery[] = Array.from({ length: count }, (_, index) => {
      const repo = flood[index % flood.length]!;
      return issuesDelivery(server.url, openTicket(fake, repo.name, repo.installation, `Request ${index}: please update the footer text`));
    });
    const emergency = openTicket(fake, quiet.name, quiet.installation, "Website is down!");
    // Three quarters in: the flood has long filled its installation's share (and, before tenants had shares, the whole queue).
    deliveries.splice((deliveries.length * 3) / 4, 0, issuesDelivery(server.url, emergency, true));
    const driven = await driveHttp({ senders: 32, warmUrl: `${server.url}/healthz`, deliveries });
    await waitFor(() => acks(fake, emergency.repo, emergency.number) >= 1, 15_000, "the emergency triaged").catch(() => undefined);
    const triaged = acks(fake, emergency.repo, emergency.number) >= 1;
    if (process.env.BENCH_DEBUG) {
      // The emergency's calls, relative to its delivery: where its time went.
      for (const call of fake.calls.filter((c) => c.installation === quiet.installation)) {
        console.log(`    ${call.at - driven.markedSentAt}..${call.end - driven.markedSentAt} ms ${call.method} ${call.path}`);
      }
    }
    return floodReport(`(f) flood: ${count} new issues in ${flood.length} repositories of one installation, as fast as 32 senders manage, 1 emergency from another, ${latencyMs} ms latency:`, {
      ...countAnswers(driven.statuses, driven.markedStatus),
      emergencyStatus: driven.markedStatus,
      sendSeconds: driven.totalMs / 1000,
      answers: driven.answers,
      emergencyMs: lastCallFor(fake, emergency.repo, emergency.number) - driven.markedSentAt,
      triaged,
      rssMb: peakRssMb(server.pid),
    });
  } finally {
    await setup.stop();
  }
}

/**
 * (f) on GitLab: one top-level group floods frontdesk with `count` new issues
 * over the one token's lane; three quarters in, an emergency from a project
 * of another group. Each top-level group is a tenant with its own share.
 */
export async function runGitLabFlood(latencyMs: number, count: number): Promise<string[]> {
  const floodPaths = Array.from({ length: FLOOD_REPOS }, (_, index) => `flood-group/site-${index}`);
  const setup = await setUpGitLab(latencyMs, [...floodPaths, "quiet-group/site"]);
  const { fake, server } = setup;
  const flood = setup.projects.slice(0, -1);
  const quiet = setup.projects.at(-1)!;
  try {
    const deliveries: Delivery[] = Array.from({ length: count }, (_, index) => {
      const project = flood[index % flood.length]!;
      // Opened directly with its iid: openGitLabTicket looks for the highest iid each time.
      const iid = Math.floor(index / flood.length) + 1;
      const issue = fake.state.openIssue(project, { iid, title: `Request ${index}: please update the footer text` });
      return gitLabDelivery(server.url, { project, iid, payload: issueHookFor(project, issue), uuid: `${project.id}-${iid}` });
    });
    const emergency = openGitLabTicket(fake, quiet, "Website is down!");
    deliveries.splice((deliveries.length * 3) / 4, 0, { ...gitLabDelivery(server.url, emergency), mark: true });
    const driven = await driveHttp({ senders: 32, warmUrl: `${server.url}/healthz`, deliveries });
    await waitFor(() => gitLabAcks(fake, emergency) >= 1, 15_000, "the emergency triaged").catch(() => undefined);
    if (process.env.BENCH_DEBUG) {
      // The emergency's calls, relative to its delivery: where its time went.
      for (const call of fake.calls.filter((c) => c.path.startsWith(`/projects/${quiet.id}`))) {
        console.log(`    ${call.at - driven.markedSentAt}..${call.end - driven.markedSentAt} ms ${call.method} ${call.path}`);
      }
    }
    return floodReport(`(f) GitLab flood: ${count} new issues in ${flood.length} projects of one top-level group, as fast as 32 senders manage, 1 emergency from another group, ${latencyMs} ms latency:`, {
      ...countAnswers(driven.statuses, driven.markedStatus),
      emergencyStatus: driven.markedStatus,
      sendSeconds: driven.totalMs / 1000,
      answers: driven.answers,
      emergencyMs: lastGitLabCallFor(fake, emergency) - driven.markedSentAt,
      triaged: gitLabAcks(fake, emergency) >= 1,
      rssMb: peakRssMb(server.pid),
    });
  } finally {
    await setup.stop();
  }
}
