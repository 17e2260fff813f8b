import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeGitHub } from "../fakes/github-api.js";
import { isMutation } from "../fakes/github-graphql.js";
import { acks, botComments, newTicket, send, until, type Server, type Ticket } from "../helpers/deliveries.js";
import { startRedis, type TestRedis } from "../helpers/redis-server.js";
import { createAppKey, startFrontdesk } from "../helpers/spawn-server.js";
import { SWEEP_CONFIG } from "../helpers/sweep-fixture.js";

/**
 * Replicas as `npm start` runs them, on a real Redis, behind an imagined
 * load balancer, against the fake GitHub. Two replicas: each delivery goes to
 * one replica and some again to the other (GitHub's redelivery), one replica
 * is killed with SIGKILL in the middle of the burst; every ticket is triaged
 * once, no comment is written twice, the installations' writes stay within
 * GitHub's 80 a minute, and only one replica sweeps at a time. And Redis gone
 * for five seconds in the middle of a burst: deliveries meanwhile are refused
 * with 503 (GitHub shows them as failed), the server reconnects by itself,
 * and the sweep triages what was refused; nothing is lost. The two run side
 * by side, each with its own Redis, fake GitHub and servers: both mostly wait.
 */

const SECRET = "replicas-secret";

interface Desk {
  fake: FakeGitHub;
  redis: TestRedis;
  servers: Server[];
}

/** A fake GitHub, a Redis and `replicas` servers on it, each sweeping every two seconds (so that they contend for the sweep's lease). */
async function startDesk(replicas: number, latencyMs: number): Promise<Desk> {
  const [redis, fake] = [await startRedis(), new FakeGitHub({ latencyMs })];
  const env = { APP_ID: "1", PRIVATE_KEY: createAppKey(), WEBHOOK_SECRET: SECRET, GHE_HOST: await fake.start(), GHE_PROTOCOL: "http", REDIS_URL: redis.url, SWEEP_INTERVAL: "2", LOG_LEVEL: "info" };
  return { fake, redis, servers: await Promise.all(Array.from({ length: replicas }, () => startFrontdesk(env))) };
}

let twoReplicas: Desk;
let oneReplica: Desk;

beforeAll(async () => {
  [twoReplicas, oneReplica] = await Promise.all([startDesk(2, 20), startDesk(1, 5)]);
}, 60_000);

afterAll(async () => {
  for (const desk of [twoReplicas, oneReplica]) {
    if (!desk) continue;
    await Promise.all(desk.servers.map((server) => server.stop()));
    await desk.fake.stop();
    await desk.redis.stop();
  }
});

/** The most writes an installation made within any 60 seconds (GitHub's content-creating requests). */
function peakWritesPerMinute(fake: FakeGitHub, installation: number): number {
  const times = fake.calls
    .filter((call) => call.installation === installation && call.method !== "GET" && call.status < 400)
    .filter((call) => !call.path.endsWith("/graphql") || isMutation(String((call.body as { query?: string })?.query ?? "")))
    .map((call) => call.at)
    .sort((a, b) => a - b);
  let peak = 0;
  for (let first = 0, last = 0; last < times.length; last++) {
    while (times[last]! - times[first]! >= 60_000) first++;
    peak = Math.max(peak, last - first + 1);
  }
  return peak;
}

/** Each replica's sweeps as [start, end] from its log (a killed replica's last sweep ends at the kill). */
function sweepsOf(server: Server, killedAt = Number.POSITIVE_INFINITY): [number, number][] {
  const spans: [number, number][] = [];
  let start: number | undefined;
  for (const line of server.output().split("\n")) {
    if (!line.startsWith("{")) continue;
    const entry = JSON.parse(line) as { msg?: string; time?: number };
    if (entry.msg === "sweep started") start = entry.time;
    else if (entry.msg?.startsWith("sweep done") && start !== undefined) spans.push([start, entry.time!]), (start = undefined);
  }
  if (start !== undefined) spans.push([start, killedAt]);
  return spans;
}

describe("replicas on one Redis", () => {
  it.concurrent("two replicas triage every ticket once through a SIGKILL mid-burst, within the write limits, one sweep at a time", async () => {
    const { fake, servers } = twoReplicas;
    for (const [repo, installation] of [["acme/site", 601], ["globex/shop", 602]] as const) fake.addRepo(repo, installation, SWEEP_CONFIG);
    const tickets = Array.from({ length: 24 }, (_, index) => (index % 2 ? newTicket(fake, "acme/site", 601) : newTicket(fake, "globex/shop", 602)));
    const [a, b] = [servers[0]!, servers[1]!];
    const triaged = (ticket: Ticket) => acks(fake, ticket);
    // Both replicas have tried to sweep (one of them swept, or each in turn) before the burst.
    await until(() => servers.every((server) => /"msg":"sweep (started|skipped)/u.test(server.output())), 10_000, "both replicas' first sweeps", servers);
    // Each to one replica, every fourth again to the other (a redelivery); all at once, as a burst comes.
    const deliver = (batch: Ticket[], alive: Server[]) =>
      Promise.all(
        batch.map(async (ticket, index) => {
          const statuses = [await send(alive[index % alive.length]!, SECRET, ticket)];
          if (index % 4 === 0) statuses.push(await send(alive[(index + 1) % alive.length]!, SECRET, ticket));
          return statuses.includes(202) ? undefined : ticket;
        }),
      );
    const failed = (await deliver(tickets.slice(0, 12), [a, b])).filter((ticket) => ticket !== undefined);
    // Killed while it works on what it took.
    await b.crash();
    const killedAt = Date.now();
    failed.push(...(await deliver(tickets.slice(12), [a])).filter((ticket) => ticket !== undefined));
    // What the killed replica never answered, GitHub shows as failed: redelivered to the one left.
    for (const ticket of failed) expect(await send(a, SECRET, ticket)).toBe(202);

    // The killed replica's jobs are taken up by the other once their locks run out.
    await until(() => tickets.every((ticket) => triaged(ticket) >= 1), 60_000, "every ticket triaged", servers);
    // A few more sweeps, for the check that they never overlap.
    await until(() => sweepsOf(a).length + sweepsOf(b, killedAt).length >= 3, 30_000, "sweeps", servers);
    expect(tickets.filter((ticket) => triaged(ticket) !== 1).map((ticket) => ticket.number)).toEqual([]);
    expect(tickets.filter((ticket) => botComments(fake, ticket).length !== 1).map((ticket) => ticket.number)).toEqual([]);
    expect(fake.secondaryLimitResponses).toBe(0);
    // REDIS_URL is frontdesk's: Probot's own throttling never clusters through it.
    expect(a.output()).not.toMatch(/bottleneck|Cannot find module 'ioredis'/iu);
    const peak = Math.max(peakWritesPerMinute(fake, 601), peakWritesPerMinute(fake, 602));
    expect(peak).toBeLessThanOrEqual(80);
    // One sweep at a time: no sweep of one replica overlaps one of the other.
    const [spansA, spansB] = [sweepsOf(a), sweepsOf(b, killedAt)];
    for (const [start, end] of spansA) expect(spansB.filter(([otherStart, otherEnd]) => start < otherEnd && otherStart < end)).toEqual([]);
    const takenUp = a.output().split("\n").filter((line) => line.includes("taken up again")).length;
    console.info(`replicas: ${tickets.length} tickets, ${failed.length} redelivered after the kill, ${takenUp} deliveries of the killed replica taken up, ${spansA.length}+${spansB.length} sweeps, peak ${peak} writes a minute`);
  }, 90_000);

  it.concurrent("Redis away for five seconds mid-burst: deliveries meanwhile get 503, and the sweep triages them; nothing is lost", async () => {
    const { fake, redis, servers } = oneReplica;
    const server = servers[0]!;
    fake.addRepo("initech/app", 603, SWEEP_CONFIG);
    // Opened minutes ago, as GitHub would have them by the time a person looks: the sweep may triage them.
    const tickets = Array.from({ length: 12 }, () => newTicket(fake, "initech/app", 603, 5));
    const statuses: number[] = [];
    for (const [index, ticket] of tickets.entries()) {
      if (index === 6) await redis.kill();
      statuses.push(await send(server, SECRET, ticket));
    }
    expect(statuses).toEqual([202, 202, 202, 202, 202, 202, 503, 503, 503, 503, 503, 503]);
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    await redis.restart();
    // What was accepted before is worked on once Redis is back; the periodic sweep finds what was refused.
    await until(() => tickets.every((ticket) => acks(fake, ticket) >= 1), 60_000, "every ticket triaged after the outage", servers);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(tickets.filter((ticket) => acks(fake, ticket) !== 1 || botComments(fake, ticket).length !== 1).map((ticket) => ticket.number)).toEqual([]);
    expect(server.output()).toContain("Redis is reachable again");
  }, 90_000);
});
