import { Agent, request as httpRequest } from "node:http";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFixture } from "../helpers/fixtures.js";
import { GITLAB_SECRET, openOnGitLab, postGitHub, postGitLab, signGitHub, startHarness, type Harness } from "./harness.js";

/**
 * Bad HTTP input at both webhook endpoints of the real server: oversized,
 * unparsable and unsigned bodies get a clear status, call no API, and leave
 * the process serving with its memory where it was.
 */

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
}, 30_000);
afterAll(() => harness?.close());

const MB = 1024 * 1024;

/** The heap in use after a full collection: what stays, not what waits to be collected. */
function retainedHeap(): number {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
  return process.memoryUsage().heapUsed;
}
const apiCalls = () => harness.github.calls.length + harness.gitlab.calls.length;

/**
 * A raw POST, in chunks without a content-length unless `headers` has one, so
 * that the limit must hold while the body streams. The server may answer 413
 * and close the connection while the client still writes: the client then
 * sees a reset instead. Each call gets a fresh connection unless `agent` is given.
 */
function postRaw(path: string, chunks: Buffer[], headers: Record<string, string>, agent?: Agent): Promise<number | string> {
  return new Promise((resolve) => {
    const options = { agent: agent ?? new Agent({ keepAlive: false }), method: "POST", headers: { "transfer-encoding": "chunked", ...headers } };
    const request = httpRequest(`${harness.url}${path}`, options, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
    // Nothing here should take long: give up after 2 s rather than wait for the server's timeouts.
    request.setTimeout(2_000, () => {
      resolve("no answer within 2 s");
      request.destroy();
    });
    for (const chunk of chunks) request.write(chunk);
    request.end();
  });
}

const GITHUB_HEADERS = { "x-github-event": "issues", "x-github-delivery": "big" };
const GITLAB_HEADERS = { "x-gitlab-event": "Issue Hook", "x-gitlab-token": GITLAB_SECRET };
const OVER_1_MB = () => Array.from({ length: 5 }, () => Buffer.alloc(256 * 1024, 0x20));

/** A 413 over a kept-alive connection, then a small request over the same one: how long it takes, and its answer. */
async function afterRefusal(path: string, headers: Record<string, string>): Promise<{ status: number | string; ms: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    await postRaw(path, OVER_1_MB(), headers, agent);
    const started = performance.now();
    const status = await postRaw(path, [Buffer.from("{nope")], headers, agent);
    return { status, ms: performance.now() - started };
  } finally {
    agent.destroy();
  }
}

describe("bad HTTP input", () => {
  it("refuses a body over 1 MB with 413 on both endpoints, by its length or while it streams", async () => {
    const before = apiCalls();
    const big = JSON.stringify({ action: "opened", padding: "x".repeat(MB) });
    expect((await postGitHub(harness.url, big)).status).toBe(413);
    expect((await postGitLab(harness.url, big)).status).toBe(413);
    const refused = [413, "ECONNRESET", "EPIPE"];
    expect(refused).toContain(await postRaw("/api/github/webhooks", OVER_1_MB(), GITHUB_HEADERS));
    expect(refused).toContain(await postRaw("/api/gitlab/webhooks", OVER_1_MB(), GITLAB_HEADERS));
    expect(apiCalls()).toBe(before);
    expect((await fetch(`${harness.url}/healthz`)).status).toBe(200);
  });

  it("closes the connection after refusing a body, so that the next request on it is served at once (GitLab)", async () => {
    const next = await afterRefusal("/api/gitlab/webhooks", GITLAB_HEADERS);
    expect(next.status).toBe(400);
    expect(next.ms).toBeLessThan(1_000);
  });

  it("closes the connection after refusing a body, so that the next request on it is served at once (GitHub)", async () => {
    const next = await afterRefusal("/api/github/webhooks", GITHUB_HEADERS);
    expect(next.status).toBe(401);
    expect(next.ms).toBeLessThan(1_000);
  });

  it.each([
    ["cut off", '{"action": "opened", "issue": '],
    ["not JSON at all", "action=opened&issue=1"],
    ["nested 100,000 deep", `${"[".repeat(100_000)}${"]".repeat(100_000)}`],
  ])("refuses a body that is %s with 400 (GitHub: signed; GitLab: with its token)", async (_name, body) => {
    const before = apiCalls();
    expect((await postGitHub(harness.url, body)).status).toBe(400);
    expect((await postGitLab(harness.url, body)).status).toBe(400);
    expect(apiCalls()).toBe(before);
  });

  it("refuses a signed body that is JSON but no object with 400, as GitLab does", async () => {
    for (const body of ['"opened"', "42", "null"]) {
      expect((await postGitLab(harness.url, body)).status).toBe(400);
      expect((await postGitHub(harness.url, body)).status).toBe(400);
    }
  });

  it("refuses a missing or wrong signature (GitHub) and token (GitLab) with 401, before reading a byte of sense", async () => {
    const before = apiCalls();
    const body = JSON.stringify({ action: "opened" });
    expect((await postGitHub(harness.url, body, { "x-hub-signature-256": undefined })).status).toBe(401);
    expect((await postGitHub(harness.url, body, { "x-hub-signature-256": signGitHub(body, "guess") })).status).toBe(401);
    expect((await postGitHub(harness.url, body, { "x-hub-signature-256": "sha256=" })).status).toBe(401);
    expect((await postGitHub(harness.url, body, { "x-hub-signature-256": `sha1=${"0".repeat(40)}` })).status).toBe(401);
    expect((await postGitLab(harness.url, body, { "x-gitlab-token": undefined })).status).toBe(401);
    expect((await postGitLab(harness.url, body, { "x-gitlab-token": "guess" })).status).toBe(401);
    expect((await postGitLab(harness.url, body, { "x-gitlab-token": `${GITLAB_SECRET}x` })).status).toBe(401);
    expect(apiCalls()).toBe(before);
  });

  it("stays up through 1,000 bad deliveries, with memory back where it was, and still triages afterwards", async () => {
    const bodies = [
      () => postGitHub(harness.url, "{nope"),
      () => postGitHub(harness.url, JSON.stringify({ action: "opened" }), { "x-hub-signature-256": "sha256=00" }),
      () => postGitLab(harness.url, "{nope"),
      () => postGitLab(harness.url, JSON.stringify({ object_kind: "issue" }), { "x-gitlab-token": "guess" }),
      // Known events in shapes nobody sent: ignored, not failed.
      () => postGitLab(harness.url, JSON.stringify({ object_kind: "issue", project: { id: "x" }, object_attributes: [] })),
      () => postGitLab(harness.url, JSON.stringify({ object_kind: "note", user: null }), {}, "Note Hook"),
    ];
    const send = async (count: number) => {
      for (let index = 0; index < count; index += 20) {
        const batch = Array.from({ length: 20 }, (_, offset) => bodies[(index + offset) % bodies.length]!());
        for (const response of await Promise.all(batch)) {
          expect(response.status).toBeGreaterThanOrEqual(200);
          await response.arrayBuffer();
        }
      }
    };
    await send(200); // warm-up: code loaded, caches and pools at their working size
    const before = retainedHeap();
    const started = performance.now();
    await send(1_000);
    const seconds = (performance.now() - started) / 1000;
    const grown = (retainedHeap() - before) / MB;

    expect(seconds).toBeLessThan(20);
    // Generous: what a bad delivery leaves behind must not add up.
    expect(grown).toBeLessThan(16);
    expect((await fetch(`${harness.url}/healthz`)).status).toBe(200);
    const ticket = await openOnGitLab(harness, "acme/after-the-storm", readFixture("spec-example.yml"), { title: "Website is down!" });
    expect(ticket.body).toMatchObject({ status: "done" });
    expect(harness.gitlab.state.notesOf(ticket.project, ticket.iid)).toHaveLength(1);
  }, 60_000);
});
