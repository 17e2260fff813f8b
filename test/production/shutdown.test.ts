import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt } from "../../scripts/build.mjs";
import { FakeGitHub } from "../fakes/github-api.js";
import { githubDeliveryRequest } from "../helpers/spawn-server.js";
import { acknowledgements, githubServerEnv, isAlive, openIssues, processTree, start, waitForAnswer, type Started } from "./process.js";
import { freePort } from "../helpers/free-port.js";

/**
 * `kill -TERM` on `npm start` while accepted deliveries are still being
 * worked on: the server takes no new ones, finishes those it answered 202,
 * and exits 0, leaving no process behind. From outside: the real `npm start`,
 * GHE_HOST pointed at a fake GitHub on 127.0.0.1 that answers slowly.
 */

const SECRET = "shutdown-secret";
const fakes: FakeGitHub[] = [];
const started: Started[] = [];

beforeAll(() => ensureBuilt(), 120_000);

afterEach(async () => {
  for (const { child } of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  for (const fake of fakes.splice(0)) await fake.stop();
});

async function startServer(latencyMs: number, extra: Record<string, string> = {}) {
  const fake = new FakeGitHub({ latencyMs });
  fakes.push(fake);
  const deliveries = openIssues(fake, 50, 5);
  const host = await fake.start();
  const port = await freePort();
  const env = { ...githubServerEnv(host, port, SECRET), LOG_LEVEL: "info", ...extra };
  const server = start("npm", ["start", "--silent"], env);
  started.push(server);
  const url = `http://127.0.0.1:${port}`;
  expect((await waitForAnswer(`${url}/healthz`, server)).status).toBe(200);
  return { fake, deliveries, server, url };
}

async function deliverAll(url: string, deliveries: ReturnType<typeof openIssues>) {
  const statuses = await Promise.all(
    deliveries.map(async ({ id, payload }) => {
      const request = githubDeliveryRequest(url, SECRET, "issues", id, payload);
      return (await fetch(request.url, { method: "POST", headers: request.headers, body: request.body })).status;
    }),
  );
  expect(statuses).toEqual(deliveries.map(() => 202));
}

/** Polls /healthz until the server says it is draining; returns what it said then. */
async function draining(url: string) {
  for (let attempt = 0; attempt < 500; attempt++) {
    const response = await fetch(`${url}/healthz`);
    const body = (await response.json()) as { status: string; pending: number };
    if (body.status === "draining") return { status: response.status, body };
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error("/healthz never said draining");
}

describe("SIGTERM on npm start", () => {
  it("finishes the 50 deliveries it accepted, refuses new ones meanwhile, exits 0 and leaves no process", async () => {
    const { fake, deliveries, server, url } = await startServer(150);
    await deliverAll(url, deliveries);
    const tree = processTree(server.child.pid!);
    // npm, and the server in the same process as its start script: no shell, no tsx, no compiler.
    expect(tree).toHaveLength(2);
    const unfinishedBefore = deliveries.filter(({ repo, number }) => acknowledgements(fake, repo, number) === 0).length;

    server.child.kill("SIGTERM");
    const health = await draining(url);
    expect(health.status).toBe(503);
    // The test means something only if there was work left to finish.
    expect(health.body.pending).toBeGreaterThan(0);
    expect(unfinishedBefore).toBeGreaterThan(0);
    const [late] = openIssues(new FakeGitHub(), 1, 1);
    const refused = githubDeliveryRequest(url, SECRET, "issues", "after-sigterm", late!.payload);
    expect((await fetch(refused.url, { method: "POST", headers: refused.headers, body: refused.body })).status).toBe(503);

    const exit = await server.exited;
    expect(exit, server.output()).toEqual({ code: 0, signal: null });
    const calls = fake.calls.length;
    expect(deliveries.map(({ repo, number }) => acknowledgements(fake, repo, number))).toEqual(deliveries.map(() => 1));
    expect(tree.filter(isAlive)).toEqual([]);
    // Nothing reached GitHub after the exit.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fake.calls.length).toBe(calls);
    const lines = server.stdout().trim().split("\n").map((line) => JSON.parse(line) as { msg: string; unfinished?: number });
    expect(lines.at(-1)).toMatchObject({ msg: "shut down", unfinished: 0 });
  }, 60_000);

  it("logs by issue what it could not finish within SHUTDOWN_TIMEOUT, and still exits 0", async () => {
    const { deliveries, server, url } = await startServer(4_000, { SHUTDOWN_TIMEOUT: "1s" });
    await deliverAll(url, deliveries.slice(0, 3));
    server.child.kill("SIGTERM");
    const exit = await server.exited;
    expect(exit, server.output()).toEqual({ code: 0, signal: null });
    const lines = server.stdout().trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    const left = lines.filter((line) => line.msg === "not finished at shutdown: the next sweep picks the issue up");
    expect(left.map(({ repo, issue, delivery, event }) => ({ repo, issue, delivery, event })).sort((a, b) => Number(a.issue) - Number(b.issue))).toEqual(
      deliveries.slice(0, 3).map(({ repo, number, id }) => ({ repo, issue: number, delivery: id, event: "issues" })),
    );
    expect(lines.at(-1)).toMatchObject({ msg: "shut down", unfinished: 3 });
  }, 60_000);
});
