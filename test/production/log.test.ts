import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt } from "../../scripts/build.mjs";
import { FakeGitHub } from "../fakes/github-api.js";
import { issuePayload } from "../helpers/github.js";
import { githubDeliveryRequest } from "../helpers/spawn-server.js";
import { CONFIG, githubServerEnv, ROOT, start, waitForAnswer, type Started } from "./process.js";
import { freePort } from "../helpers/free-port.js";

/**
 * The server's one log stream, from outside: frontdesk's lines and Probot's
 * on stdout, JSON by default, readable with LOG_FORMAT=pretty. A failing
 * delivery is a few lines that name it, never the client's text.
 */

const SECRET = "log-secret";
const MARKER = "CLIENT-TEXT-7f3c";
const running: Started[] = [];
const fakes: FakeGitHub[] = [];

beforeAll(() => ensureBuilt(), 120_000);

afterEach(async () => {
  for (const server of running.splice(0)) {
    if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill("SIGTERM");
    await server.exited;
  }
  for (const fake of fakes.splice(0)) await fake.stop();
});

/** The server against a fake GitHub whose comment writes fail with 500, and one issue with the marker in its text. */
async function startFailing(env: Record<string, string> = {}) {
  const fake = new FakeGitHub({ fault: ({ method, path }) => (method === "POST" && path.endsWith("/issues/7/comments") ? { status: 500 } : undefined) });
  fakes.push(fake);
  fake.addRepo("acme/site", 4242, CONFIG).openIssue({ number: 7, title: `Website is down! ${MARKER}`, body: `Our shop shows an error. ${MARKER}`, createdAt: new Date().toISOString() });
  const host = await fake.start();
  const port = await freePort();
  const server = start(process.execPath, [`${ROOT}/scripts/start.mjs`], { ...githubServerEnv(host, port, SECRET), ...env });
  running.push(server);
  const url = `http://127.0.0.1:${port}`;
  await waitForAnswer(`${url}/healthz`, server);
  // The log is written asynchronously: the start's lines are all there once the last one is.
  await until(() => server.stdout().includes("frontdesk listening on port"));
  return { fake, server, url };
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not seen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function deliverAndSettle(url: string, fake: FakeGitHub, server: Started) {
  const payload = issuePayload({ number: 7, title: `Website is down! ${MARKER}`, body: `Our shop shows an error. ${MARKER}`, createdAt: new Date().toISOString() });
  const request = githubDeliveryRequest(url, SECRET, "issues", "delivery-fails-1", payload);
  expect((await fetch(request.url, { method: "POST", headers: request.headers, body: request.body })).status).toBe(202);
  // Settled: the comment write failed, and nothing is pending any more.
  for (let attempt = 0; ; attempt++) {
    const health = (await (await fetch(`${url}/healthz`)).json()) as { pending: number };
    if (health.pending === 0 && fake.calls.some((call) => call.status === 500)) break;
    if (attempt > 500) throw new Error("the delivery did not settle");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  // frontdesk's line is the failure's last; anything written after it would arrive within a moment.
  await until(() => server.stdout().includes("background work failed"));
  await new Promise((resolve) => setTimeout(resolve, 300));
}

describe("one failing delivery in the server's log", () => {
  it("is at most three lines, all JSON, naming the delivery, repository and issue, none with the issue's text", async () => {
    const { fake, server, url } = await startFailing();
    const before = server.stdout().length;
    await deliverAndSettle(url, fake, server);
    // Probot and frontdesk both logged before: the delivery's lines are those after it.
    const lines = server.stdout().slice(before).trim().split("\n");
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length, lines.join("\n")).toBeLessThanOrEqual(3);
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.filter((line) => line.includes(MARKER))).toEqual([]);
    expect(server.output()).not.toContain(MARKER);
    expect(entries.some((entry) => entry.level === 50)).toBe(true);
    for (const entry of entries) expect(entry).toMatchObject({ delivery: "delivery-fails-1", event: "issues", repo: "acme/site", issue: 7 });
  });

  it("with LOG_FORMAT=pretty, is readable lines with the same fields, still without the issue's text", async () => {
    const { fake, server, url } = await startFailing({ LOG_FORMAT: "pretty" });
    const before = server.stdout().length;
    await deliverAndSettle(url, fake, server);
    const text = server.stdout();
    expect(text).toMatch(/^\d\d:\d\d:\d\d\.\d{3} INFO  frontdesk listening on port \d+/mu);
    const failure = text.slice(before);
    expect(failure).toMatch(/^\d\d:\d\d:\d\d\.\d{3} ERROR .*delivery=delivery-fails-1 event=issues repo=acme\/site issue=7/mu);
    expect(failure).not.toContain(MARKER);
    expect(failure.split("\n").filter((line) => line.startsWith("{"))).toEqual([]);
  });
});
