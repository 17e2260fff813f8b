import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SweepRunner } from "../../src/desk/sweep-runner.js";
import { createFrontdesk, createSweeps, type Frontdesk } from "../../src/frontdesk.js";
import { FakeGitHub } from "../fakes/github-api.js";
import { issuePayload } from "../helpers/github.js";
import { createAppKey, deliverGitHub } from "../helpers/spawn-server.js";
import { fillRepo } from "../helpers/sweep-fixture.js";

/**
 * What a sweep and an intake cost against the fake GitHub, which answers an
 * unchanged listing's ETag with 304 as GitHub does (not counted against the
 * rate limit): a sweep where nothing changed costs (almost) no counted call
 * however many repositories and issues there are, one change costs the
 * calls that change needs, and a new ticket costs the same in a repository
 * with 500 open issues as in one with 5. `npm run bench -- sweep-cost` runs
 * the issue's full size (3,000 closed and 200 open issues in each of 50).
 */

const QUIET = { debug() {}, info() {}, warn() {}, error() {} };
const SILENT = () => pino({ level: "silent" });
const fake = new FakeGitHub();
let env: Record<string, string>;

beforeAll(async () => {
  env = { APP_ID: "1", PRIVATE_KEY: createAppKey(), GHE_HOST: await fake.start(), GHE_PROTOCOL: "http", WEBHOOK_SECRET: "cost-secret", LOG_LEVEL: "silent" };
}, 30_000);

afterAll(() => fake.stop());

/** Counted calls made while `work` ran. */
async function counted(work: () => Promise<unknown>): Promise<{ calls: number; paths: string[] }> {
  const before = fake.rateLimited().length;
  await work();
  const calls = fake.rateLimited().slice(before);
  return { calls: calls.length, paths: calls.map((call) => `${call.method} ${call.path.split("?")[0]}`) };
}

describe("a sweep costs what changed, not what there is", () => {
  it("50 repositories: an idle sweep costs at most 5 counted calls, a new comment on one ticket at most 2 more", async () => {
    const repos = Array.from({ length: 50 }, (_, index) => fillRepo(fake, `client${index}/site`, 100 + (index % 2), { closed: 40, open: 20 }));
    const runner = new SweepRunner({ log: QUIET, now: () => new Date(), intervalMs: 0 });
    for (const sweep of createSweeps(env, { log: QUIET, probotLog: SILENT })) runner.add(sweep);

    const cold = await counted(() => runner.run());
    const idle = await counted(() => runner.run());
    repos[7]!.addUserComment(45, "client-joe", "Any news?");
    const change = await counted(() => runner.run());
    const idleAgain = await counted(() => runner.run());

    // The first sweep reads everything once (about 3 calls a repository: configuration, open issues, comments).
    expect(cold.calls).toBeGreaterThan(100);
    expect(idle.calls, idle.paths.join("\n")).toBeLessThanOrEqual(5);
    // The listing of what changed in that repository, and the comments of the one ticket.
    expect(change.calls - idle.calls, change.paths.join("\n")).toBeLessThanOrEqual(2);
    expect(change.paths).toEqual(["GET /repos/client7/site/issues", "GET /repos/client7/site/issues/45/comments"]);
    expect(idleAgain.calls, idleAgain.paths.join("\n")).toBeLessThanOrEqual(5);
    console.info(`sweep of 50 repositories against the fake GitHub: cold ${cold.calls} counted calls, idle ${idle.calls}, after one new comment ${change.calls}, idle again ${idleAgain.calls}`);
  }, 60_000);

  it("a new ticket costs the same counted calls with 500 open issues as with 5, once the repository was counted", async () => {
    fillRepo(fake, "small/site", 200, { closed: 10, open: 5 });
    fillRepo(fake, "large/site", 200, { closed: 10, open: 500 });
    const frontdesk: Frontdesk = await createFrontdesk({ ...env, SWEEP_INTERVAL: "off" }, { queue: false, log: pino({ level: "silent" }) });
    try {
      const url = `http://127.0.0.1:${await frontdesk.listen(0, "127.0.0.1")}`;
      const newTicket = async (name: string, number: number) => {
        const issue = fake.repo(name).openIssue({ number, title: "The contact form sends nothing", createdAt: new Date().toISOString() });
        const payload = issuePayload({ number, title: issue.title, createdAt: issue.created_at });
        const [owner, repo] = name.split("/");
        payload.repository = { ...payload.repository, name: repo, full_name: name, owner: { ...payload.repository.owner, login: owner } };
        payload.installation = { id: 200 };
        return counted(async () => expect((await deliverGitHub(url, "cost-secret", "issues", `d-${name}-${number}`, payload)).status).toBe(200));
      };
      // Never counted: intake lists the open issues (6 pages of them in the large repository), and keeps the counts.
      const coldSmall = await newTicket("small/site", 1_001);
      const coldLarge = await newTicket("large/site", 1_001);
      const listings = (cost: { paths: string[] }) => cost.paths.filter((path) => path.endsWith("/issues")).length;
      expect([listings(coldSmall), listings(coldLarge)]).toEqual([1, 6]);
      // Counted since: the issue alone, whatever the number of open issues.
      const small = await newTicket("small/site", 1_002);
      const large = await newTicket("large/site", 1_002);
      expect(large.paths).toEqual(small.paths.map((path) => path.replace("small/", "large/")));
      expect(small.paths).toEqual(["GET /repos/small/site/issues/1002", "POST /api/graphql", "POST /repos/small/site/issues/1002/comments"]);
      // The sweep keeps the counts too (and replaces them with what it listed).
      await frontdesk.sweeps.run();
      expect((await newTicket("large/site", 1_003)).calls).toBe(small.calls);
      console.info(`new ticket: ${small.calls} counted calls with 5 open issues, ${large.calls} with 500 (never counted: ${coldSmall.calls} and ${coldLarge.calls})`);
    } finally {
      await frontdesk.close();
    }
  }, 60_000);
});
