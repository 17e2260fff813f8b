import { Octokit } from "@octokit/rest";
import nock from "nock";
import { describe, expect, it } from "vitest";
import { createPacingPlugin } from "../../../src/platforms/github/pacing.js";
import { Pacer } from "../../../src/runtime/pacer.js";
import { withPriority } from "../../../src/runtime/priority.js";
import { useStrictNock } from "../../helpers/nock-strict.js";

useStrictNock();

const API = "https://api.github.com";

function createOctokit(pacer = new Pacer()) {
  const sleeps: number[] = [];
  const Paced = Octokit.plugin(createPacingPlugin({ pacer, sleep: async (ms) => void sleeps.push(ms), backoffMs: 10 }));
  // The installation id is what Probot puts into an installation client's auth options.
  const noAuth = () => ({ hook: (request: any, route: any, params: any) => request(route, params) });
  const octokit = new Paced({ authStrategy: noAuth, auth: { installationId: 7 }, log: { debug() {}, info() {}, warn() {}, error() {} } });
  return { octokit, sleeps, pacer };
}

describe("pacing plugin", () => {
  it("waits out a secondary limit for retry-after and tries again, never dropping the write", async () => {
    const { octokit, pacer } = createOctokit();
    const paused: number[] = [];
    const pause = pacer.pause.bind(pacer);
    pacer.pause = (lane, ms) => {
      paused.push(ms);
      pause(lane, 0);
    };
    nock(API)
      .post("/repos/a/b/issues/1/labels")
      .reply(403, { message: "You have exceeded a secondary rate limit." }, { "retry-after": "3" })
      .post("/repos/a/b/issues/1/labels", { labels: ["support"] })
      .reply(200, []);

    await octokit.rest.issues.addLabels({ owner: "a", repo: "b", issue_number: 1, labels: ["support"] });

    expect(paused).toEqual([3000]);
  });

  it("retries a 502 for a call that is safe to repeat", async () => {
    const { octokit, sleeps } = createOctokit();
    nock(API).get("/repos/a/b/issues").query(true).reply(502, "bad gateway").get("/repos/a/b/issues").query(true).reply(200, []);
    await octokit.rest.issues.listForRepo({ owner: "a", repo: "b" });
    expect(sleeps).toEqual([10]);
  });

  it("does not blindly repeat a comment that may have been written", async () => {
    const { octokit } = createOctokit();
    nock(API).post("/repos/a/b/issues/1/comments").reply(502, "bad gateway");
    await expect(octokit.rest.issues.createComment({ owner: "a", repo: "b", issue_number: 1, body: "x" })).rejects.toMatchObject({ status: 502 });
  });

  it("paces under the priority of the work in progress", async () => {
    const pacer = new Pacer();
    const seen: string[] = [];
    const run = pacer.run.bind(pacer);
    pacer.run = (lane, options, task) => {
      seen.push(`${lane} ${options.priority} ${options.write}`);
      return run(lane, options, task);
    };
    const { octokit } = createOctokit(pacer);
    nock(API).post("/repos/a/b/issues/1/comments").reply(201, {}).get("/repos/a/b/labels").query(true).reply(200, []);
    await withPriority("urgent", () => octokit.rest.issues.createComment({ owner: "a", repo: "b", issue_number: 1, body: "x" }));
    await octokit.rest.issues.listLabelsForRepo({ owner: "a", repo: "b" });
    expect(seen).toEqual(["github:7 urgent true", "github:7 normal false"]);
  });
});
