import { pino } from "pino";
import { SweepRunner } from "../src/desk/sweep-runner.js";
import { createSweeps } from "../src/frontdesk.js";
import { FakeGitHub } from "../test/fakes/github-api.js";
import { createAppKey } from "../test/helpers/spawn-server.js";
import { fillRepo } from "../test/helpers/sweep-fixture.js";
import { format } from "./stats.js";

/**
 * `npm run bench -- sweep-cost`: what a sweep costs in calls that count
 * against GitHub's rate limit, against the fake GitHub (which answers an
 * unchanged listing's ETag with 304, as GitHub does, and counts it as GitHub
 * does: not at all). 50 repositories over two installations, each with
 * 3,000 closed issues and 200 open tickets that were triaged and answered:
 * the first sweep, sweeps where nothing changed, then one new comment on
 * one ticket, then one new issue whose webhook was lost. The sweeps run as
 * the server's do (the same sweeps and what they keep, one after another).
 */
export async function runSweepCost(repositories: number, closed: number, open: number): Promise<string[]> {
  const fake = new FakeGitHub();
  const quiet = { debug() {}, info() {}, warn() {}, error() {} };
  try {
    const repos = Array.from({ length: repositories }, (_, index) => fillRepo(fake, `client${index}/site`, 100 + (index % 2), { closed, open }));
    const env = { APP_ID: "1", PRIVATE_KEY: createAppKey(), GHE_HOST: await fake.start(), GHE_PROTOCOL: "http" };
    const runner = new SweepRunner({ log: quiet, now: () => new Date(), intervalMs: 0 });
    for (const sweep of createSweeps(env, { log: quiet, probotLog: () => pino({ level: "silent" }) })) runner.add(sweep);
    const sweep = async () => {
      const [before, started] = [fake.rateLimited().length, Date.now()];
      const summary = await runner.run();
      return { calls: fake.rateLimited().length - before, seconds: (Date.now() - started) / 1000, summary };
    };
    const cold = await sweep();
    const idle = [await sweep(), await sweep(), await sweep()];
    repos[7]!.addUserComment(open + closed, "client-joe", "Any news?");
    const comment = await sweep();
    const afterComment = await sweep();
    // A new issue whose webhook never came, old enough for the sweep to take it.
    repos[23]!.openIssue({ number: 99_999, title: "The shop shows no prices", createdAt: new Date(Date.now() - 5 * 60_000).toISOString() });
    const lost = await sweep();
    return [
      `sweep-cost: ${repositories} repositories over 2 installations, ${format(closed)} closed issues and ${open} open tickets each (triaged and answered), counted calls per sweep:`,
      `    first sweep (nothing kept yet): ${cold.calls} (${format(cold.seconds, 1)} s)`,
      `    nothing changed: ${idle.map((run) => run.calls).join(", ")} (${format(idle[0]!.seconds, 1)} s)`,
      `    one new comment on one ticket: ${comment.calls}; the sweep after it: ${afterComment.calls}`,
      `    one new issue whose webhook was lost: ${lost.calls}, triaged ${lost.summary?.triaged ?? 0}`,
    ];
  } finally {
    await fake.stop();
  }
}
