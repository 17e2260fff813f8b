import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSweep } from "../../src/cli/sweep.js";
import { SweepRunner } from "../../src/desk/sweep-runner.js";
import { createSweeps } from "../../src/frontdesk.js";
import { createSharedState } from "../../src/runtime/shared-state.js";
import { createMemoryIo } from "../cli/memory-io.js";
import { FakeGitHub } from "../fakes/github-api.js";
import type { FakeRepo } from "../fakes/github-state.js";
import { startRedis, type TestRedis } from "../helpers/redis-server.js";
import { createAppKey } from "../helpers/spawn-server.js";
import { ackBody, SWEEP_CONFIG } from "../helpers/sweep-fixture.js";

/**
 * Two sweeps at the same moment (`frontdesk sweep` from cron beside another,
 * or beside a server's periodic sweep), sharing one real Redis: a ticket whose
 * webhook was lost gets one acknowledgement, and a ticket past due one
 * escalation. Once through the sweep's lease (the second sweep is skipped),
 * and once without it, through the per-issue leases and the fresh look at
 * the comments inside them.
 */

const HOUR = 60 * 60 * 1000;
let redis: TestRedis;
const fake = new FakeGitHub();
let env: Record<string, string>;

beforeAll(async () => {
  redis = await startRedis();
  env = { APP_ID: "1", PRIVATE_KEY: createAppKey(), GHE_HOST: await fake.start(), GHE_PROTOCOL: "http", LOG_LEVEL: "silent", REDIS_URL: redis.url };
}, 30_000);

afterAll(async () => {
  await fake.stop();
  await redis.stop();
});

/** A lost ticket (#1, opened an hour ago, never triaged) and one past due with no answer (#2). */
function twoTickets(name: string, installation: number): FakeRepo {
  const repo = fake.addRepo(name, installation, SWEEP_CONFIG);
  const now = Date.now();
  repo.openIssue({ number: 1, title: "The logo is blurry", createdAt: new Date(now - HOUR).toISOString() });
  repo.openIssue({ number: 2, title: "Please update the footer", labels: ["support", "urgency: task", "function: development"], assignees: ["ann", "bob"], createdAt: new Date(now - 72 * HOUR).toISOString() });
  repo.addComment(2, { bot: true, body: ackBody("ann", "bob", new Date(now - 48 * HOUR)), createdAt: new Date(now - 71 * HOUR).toISOString() });
  return repo;
}

const marked = (repo: FakeRepo, number: number, marker: string) => repo.commentsOf(number).filter((comment) => comment.user.type === "Bot" && comment.body.includes(`<!-- frontdesk:${marker}`)).length;

describe("two sweeps started together", () => {
  it("two frontdesk sweep runs post one acknowledgement and one escalation: the second is skipped", async () => {
    const repo = twoTickets("acme/together", 301);
    const [a, b] = [createMemoryIo({}, new Date()), createMemoryIo({}, new Date())];
    const codes = await Promise.all([runSweep([], a, { env }), runSweep([], b, { env })]);
    expect(codes).toEqual([0, 0]);
    expect(marked(repo, 1, "ack")).toBe(1);
    expect(marked(repo, 2, "escalation")).toBe(1);
    expect(repo.issues.get(2)!.labels.map((label) => label.name)).toContain("sla: breached");
    const outputs = [a.out, b.out].sort();
    expect(outputs[0]).toMatch(/^repos swept: \d+, tickets triaged: 1, reminders: 0, escalations: 1, errors: 0\n$/u);
    expect(outputs[1]).toBe("sweep skipped: another sweep (a server's or frontdesk sweep) is running\n");
  }, 30_000);

  it("without the sweep's lease, the per-issue leases and a second look inside them still write each once", async () => {
    const repo = twoTickets("acme/apart", 302);
    const quiet = { debug() {}, info() {}, warn() {}, error() {} };
    const runners = await Promise.all([0, 1].map(async () => {
      const shared = await createSharedState(env, quiet);
      const runner = new SweepRunner({ log: quiet, now: () => new Date(), intervalMs: 0 });
      for (const sweep of createSweeps(env, { log: quiet, probotLog: () => pino({ level: "silent" }), shared })) runner.add(sweep);
      return { runner, shared };
    }));
    const summaries = await Promise.all(runners.map(({ runner }) => runner.run()));
    await Promise.all(runners.map(({ shared }) => shared.close()));
    expect(marked(repo, 1, "ack")).toBe(1);
    expect(marked(repo, 2, "escalation")).toBe(1);
    const total = (key: "triaged" | "escalations") => summaries.reduce((sum, summary) => sum + (summary?.[key] ?? 0), 0);
    expect([total("triaged"), total("escalations")]).toEqual([1, 1]);
  }, 30_000);
});
