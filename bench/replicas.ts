import { FakeGitHub } from "../test/fakes/github-api.js";
import { isMutation } from "../test/fakes/github-graphql.js";
import { startRedis } from "../test/helpers/redis-server.js";
import { createAppKey, deliverGitHub, startFrontdesk } from "../test/helpers/spawn-server.js";
import { driveHttp } from "./drive.js";
import { acks, addBoards, burstTickets, commandDone, CONFIG, issuesDelivery, lastCallFor, openTicket, SECRET, serverEnv } from "./github.js";
import { format, minimumSeconds, peakRssMb, percentile, waitFor } from "./stats.js";

/**
 * `npm run bench -- replicas`: the burst of `burst` (150 new tickets over
 * three installations, duplicates, commands, one emergency) against two
 * replicas on one Redis (Debian's redis-server, started here in a temporary
 * directory): each delivery to one replica in turn, each duplicate to the
 * other. The installations' write limits are shared, so the burst cannot
 * be faster than with one process; the figures go beside `burst`'s.
 */
export async function runReplicas(latencyMs: number, tickets: number): Promise<string[]> {
  const redis = await startRedis();
  const fake = new FakeGitHub({ latencyMs });
  // The boards spec-example.yml names, as `burst` has them.
  addBoards(fake);
  const installations = [11, 12, 13];
  const repos = installations.map((installation) => ({ name: `client${installation}/site`, installation }));
  for (const repo of repos) fake.addRepo(repo.name, repo.installation, CONFIG);
  fake.addRepo("warm-up/site", 99, CONFIG);
  fake.addRepo("warm-up/shop", 98, CONFIG);
  const host = await fake.start();
  const env = { ...serverEnv(host, createAppKey()), REDIS_URL: redis.url };
  const servers = await Promise.all([startFrontdesk(env), startFrontdesk(env)]);
  try {
    // One warm-up ticket through each replica, as the single-process bench does.
    for (const [index, server] of servers.entries()) {
      const warm = openTicket(fake, index === 0 ? "warm-up/site" : "warm-up/shop", 99 - index, "Warm-up: the logo is blurry");
      await deliverGitHub(server.url, SECRET, "issues", warm.id, warm.payload);
      await waitFor(() => acks(fake, warm.repo, warm.number) === 1, 20_000, "the warm-up tickets");
    }
    fake.calls.length = 0;
    const { planned, duplicates, commands, emergency } = burstTickets(fake, repos, tickets);
    const urlOf = (index: number) => servers[index % 2]!.url;
    const deliveries = [
      ...planned.map((ticket, index) => issuesDelivery(urlOf(index), ticket)),
      ...commands.map((command, index) => issuesDelivery(urlOf(index), command)),
      // A duplicate goes to the replica the first delivery did not go to.
      ...duplicates.map((ticket) => issuesDelivery(urlOf(planned.indexOf(ticket) + 1), ticket)),
    ];
    deliveries.splice(deliveries.length / 2, 0, issuesDelivery(urlOf(1), emergency, true));
    const started = Date.now();
    const driven = await driveHttp({ senders: 20, warmUrl: `${servers[0]!.url}/healthz`, deliveries });
    if (driven.statuses.some((status) => status !== 202)) throw new Error(`deliveries answered ${[...new Set(driven.statuses)].join(", ")}`);
    const all = [...planned, emergency];
    await waitFor(() => all.every((ticket) => acks(fake, ticket.repo, ticket.number) >= 1), 15 * 60_000, "every ticket triaged");
    await waitFor(() => commands.every((sent) => commandDone(fake, sent)), 5 * 60_000, "every command carried out or answered");
    const finished = Math.max(...all.map((ticket) => lastCallFor(fake, ticket.repo, ticket.number)));
    await Promise.all(servers.map((server) => server.settled(60_000)));
    const writesOf = (installation: number) => fake.calls.filter((call) => call.installation === installation && isWrite(call) && call.status < 400);
    const minimum = Math.max(...installations.map((installation) => minimumSeconds(writesOf(installation).length)));
    const total = (finished - started) / 1000;
    const writes = installations.reduce((sum, installation) => sum + writesOf(installation).length, 0);
    const counts = all.map((ticket) => acks(fake, ticket.repo, ticket.number));
    const peak = Math.max(...installations.map((installation) => peakPerMinute(writesOf(installation).map((call) => call.at))));
    return [
      `replicas: the burst (${tickets} new tickets over ${installations.length} installations, ${duplicates.length} duplicates to the other replica, ${commands.length} commands, 1 emergency, ${latencyMs} ms latency) against 2 replicas on one Redis:`,
      `    all triaged in ${format(total, 1)} s; minimum the limits allow ${format(minimum, 1)} s (+ round trips); ratio ${format(total / Math.max(minimum, 1), 2)}`,
      `    emergency: delivery -> triaged ${format(lastCallFor(fake, emergency.repo, emergency.number) - driven.markedSentAt)} ms`,
      `    secondary-limit responses: ${fake.secondaryLimitResponses} (${JSON.stringify(fake.limitHits)}); most writes of one installation in any minute: ${peak} (limit 80)`,
      `    per new ticket: ${format(writes / all.length, 2)} writes, ${format(fake.rateLimited().length / all.length, 2)} rate-limited calls (duplicates and commands included)`,
      `    commands: ${commands.length}, each done once: ${commands.filter((sent) => commandDone(fake, sent)).length}`,
      `    delivery answered: p50 ${format(percentile(driven.answers, 50), 1)} ms, p99 ${format(percentile(driven.answers, 99), 1)} ms`,
      `    peak RSS ${servers.map((server) => format(peakRssMb(server.pid))).join(" MB and ")} MB`,
      `    lost: ${counts.filter((count) => count === 0).length}, triaged twice: ${counts.filter((count) => count > 1).length}`,
    ];
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await fake.stop();
    await redis.stop();
  }
}

/** Content-creating requests, as GitHub's secondary limits count them. */
function isWrite(call: { method: string; path: string; body: unknown }): boolean {
  if (call.method === "GET" || call.path.endsWith("/access_tokens")) return false;
  return !call.path.endsWith("/graphql") || isMutation(String((call.body as { query?: string } | undefined)?.query ?? ""));
}

/** The most of `times` (ms) within any 60 seconds. */
function peakPerMinute(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let peak = 0;
  for (let first = 0, last = 0; last < sorted.length; last++) {
    while (sorted[last]! - sorted[first]! >= 60_000) first++;
    peak = Math.max(peak, last - first + 1);
  }
  return peak;
}
