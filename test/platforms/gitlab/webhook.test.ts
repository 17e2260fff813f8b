import { request as httpRequest } from "node:http";
import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { createGitLabApp } from "../../../src/platforms/gitlab/app.js";
import { createGitLabClient } from "../../../src/platforms/gitlab/client.js";
import { ConfigDependents } from "../../../src/platforms/gitlab/config-dependents.js";
import { createGitLabHandlerFromEnv } from "../../../src/platforms/gitlab/middleware.js";
import { UserDirectory } from "../../../src/platforms/gitlab/users.js";
import { createGitLabHandler, isValidToken, MAX_BODY_BYTES, type BackgroundTasks } from "../../../src/platforms/gitlab/webhook.js";
import { BackgroundWork } from "../../../src/runtime/background.js";
import { KeyedLock } from "../../../src/runtime/keyed-lock.js";
import { RepoCache } from "../../../src/runtime/repo-cache.js";
import { useStrictNock } from "../../helpers/nock-strict.js";
import {
  API,
  captureLog,
  CONFIG_FILE,
  deliver,
  ENV,
  issueHook,
  noteHook,
  PROJECT_API,
  restProject,
  SECRET,
  SELF,
  startServer,
  THURSDAY_10_BERLIN,
  TOKEN,
} from "./helpers.js";

useStrictNock();

const servers: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(handler: Parameters<typeof startServer>[0]) {
  const server = await startServer(handler);
  servers.push(server);
  return server.url;
}

async function setup(env: NodeJS.ProcessEnv = ENV) {
  const log = captureLog();
  const handler = createGitLabHandlerFromEnv(env, { log, now: () => THURSDAY_10_BERLIN });
  return { log, handler, url: await serve(handler) };
}

/** A handler with a short call timeout, and work in the background when one is given. */
async function setupTimed(timing: { queryTimeoutMs: number; background?: BackgroundTasks }) {
  const log = captureLog();
  const client = createGitLabClient({ url: "https://gitlab.example.test", token: TOKEN, queryTimeoutMs: timing.queryTimeoutMs });
  const app = createGitLabApp({
    client,
    cache: new RepoCache(),
    locks: new KeyedLock(),
    users: new UserDirectory(client.users),
    dependents: new ConfigDependents(),
    now: () => THURSDAY_10_BERLIN,
  });
  const handler = createGitLabHandler({ secrets: [{ secret: SECRET }], app, log, background: timing.background });
  return { log, handler, url: await serve(handler) };
}

/** A raw POST, for bodies fetch would not send as they are. */
function post(url: string, body: string | Buffer[], headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: "POST", headers: { "x-gitlab-token": SECRET, "x-gitlab-event": "Issue Hook", ...headers } }, (response) => {
      let text = "";
      response.on("data", (chunk: Buffer) => (text += chunk.toString()));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    request.on("error", reject);
    for (const chunk of typeof body === "string" ? [body] : body) request.write(chunk);
    request.end();
  });
}

describe("POST /api/gitlab/webhooks", () => {
  it.each([
    ["a wrong token", { "x-gitlab-token": "guess" }],
    ["a token that differs only in length", { "x-gitlab-token": `${SECRET}x` }],
    ["no token", { "x-gitlab-token": "" }],
  ])("answers %s with 401 and calls no API", async (_name, headers) => {
    const { url, log } = await setup();
    const response = await deliver(url, "Issue Hook", issueHook(), headers);
    expect(response).toEqual({ status: 401, body: { error: "wrong or missing X-Gitlab-Token" } });
    expect(log.lines.map((line) => line.level)).toEqual(["info", "warn"]);
  });

  it("compares tokens in constant time without throwing on different lengths", () => {
    expect(isValidToken(SECRET, SECRET)).toBe(true);
    expect(isValidToken("a", SECRET)).toBe(false);
    expect(isValidToken(undefined, SECRET)).toBe(false);
    expect(isValidToken("", "")).toBe(false);
  });

  it("refuses a body over 1 MB with 413, by its length or while it streams", async () => {
    const { url } = await setup();
    const big = JSON.stringify({ object_kind: "issue", padding: "x".repeat(MAX_BODY_BYTES) });
    expect(await post(url, big, { "content-type": "application/json" })).toEqual({
      status: 413,
      body: JSON.stringify({ error: `the body is larger than ${MAX_BODY_BYTES} bytes` }),
    });
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    const chunked = await post(url, [chunk, chunk, chunk, chunk, chunk], { "transfer-encoding": "chunked" });
    expect(chunked.status).toBe(413);
  });

  it.each([
    ["not JSON", "{\"object_kind\": ", "the body is not JSON"],
    ["a JSON list", "[1, 2]", "the body is not a JSON object"],
  ])("answers a body that is %s with 400", async (_name, body, error) => {
    const { url } = await setup();
    expect(await post(url, body, { "content-type": "application/json" })).toEqual({ status: 400, body: JSON.stringify({ error }) });
  });

  it("answers other methods with 405 and leaves other paths to the next handler", async () => {
    const { url } = await setup();
    const get = await fetch(url);
    expect([get.status, get.headers.get("allow")]).toEqual([405, "POST"]);
    expect((await fetch(url.replace("/api/gitlab/webhooks", "/api/gitlab/other"), { method: "POST" })).status).toBe(404);
  });

  it("ignores events it does not use, and payloads it does not understand, with 200", async () => {
    const { url, log } = await setup();
    expect((await deliver(url, "Pipeline Hook", { object_kind: "pipeline" })).body).toEqual({
      status: "ignored",
      reason: "Pipeline Hook is not used",
    });
    expect((await deliver(url, "Issue Hook", { object_kind: "issue", project: {} })).body).toEqual({
      status: "ignored",
      reason: "the Issue Hook payload was not understood",
    });
    expect(log.lines.some((line) => line.level === "warn" && line.message === "payload not understood: ignored")).toBe(true);
  });

  it("answers 202 as soon as the delivery is verified, before a slow GitLab, and works on it afterwards", async () => {
    const labels: string[] = [];
    const background = new BackgroundWork(() => undefined);
    const { url } = await setupTimed({
      queryTimeoutMs: 2_000,
      background: { start: (label, task) => labels.push(label) > 0 && background.start(label, task) },
    });
    nock(API)
      .get("/user")
      .delay(300)
      .reply(200, SELF)
      .get(PROJECT_API)
      .reply(200, restProject())
      .get(CONFIG_FILE)
      .query(true)
      .reply(404, { message: "404 File Not Found" });

    const started = Date.now();
    const response = await deliver(url, "Issue Hook", issueHook());

    expect(Date.now() - started).toBeLessThan(250);
    expect(response).toEqual({ status: 202, body: { status: "accepted" } });
    expect(labels).toEqual([expect.stringMatching(/^GitLab Issue Hook event-\d+$/u)]);
    expect(background.pending).toBe(1);
    await background.idle();
  });

  it("answers a delivery seen before with 200 and starts no work for it", async () => {
    const labels: string[] = [];
    const { url, handler } = await setupTimed({ queryTimeoutMs: 2_000, background: { start: (label) => labels.push(label) > 0 } });
    const headers = { "idempotency-key": "once", "x-gitlab-event-uuid": "once-event" };

    expect((await deliver(url, "Issue Hook", issueHook(), headers)).status).toBe(202);
    expect(await deliver(url, "Issue Hook", issueHook(), headers)).toEqual({ status: 200, body: { status: "duplicate" } });
    expect(labels).toHaveLength(1);
    await handler.settled();
  });

  it("hands an emergency to the background as urgent, everything else as normal, before any call", async () => {
    const started: [string, string | undefined][] = [];
    const log = captureLog();
    const background = { start: (label: string, _task: () => Promise<unknown>, priority?: string) => started.push([label, priority]) > 0 };
    const url = await serve(createGitLabHandlerFromEnv(ENV, { log, now: () => THURSDAY_10_BERLIN, background }));

    await deliver(url, "Issue Hook", issueHook({ iid: 8, title: "Website is down!" }));
    await deliver(url, "Issue Hook", issueHook({ iid: 9, title: "Please update the footer" }));
    await deliver(url, "Note Hook", noteHook("/urgency emergency"));

    expect(started.map(([, priority]) => priority)).toEqual(["urgent", "normal", "normal"]);
  });

  it("refuses a delivery with 503 while the background is full, and takes it when it is sent again", async () => {
    let full = true;
    const background = new BackgroundWork(() => undefined);
    const { url } = await setupTimed({ queryTimeoutMs: 2_000, background: { start: (label, task) => !full && background.start(label, task) } });
    const headers = { "idempotency-key": "busy", "x-gitlab-event-uuid": "busy-event" };

    expect((await deliver(url, "Issue Hook", issueHook(), headers)).status).toBe(503);
    full = false;
    nock(API).get("/user").reply(200, SELF).get(PROJECT_API).reply(200, restProject()).get(CONFIG_FILE).query(true).reply(404, {});
    expect((await deliver(url, "Issue Hook", issueHook(), headers)).status).toBe(202);
    await background.idle();
  });

  it("gives up on a call that hangs, logs it, and takes the resent delivery again", async () => {
    const { url, log } = await setupTimed({ queryTimeoutMs: 100 });
    nock(API).get("/user").delay(1_000).reply(200, SELF);
    const headers = { "idempotency-key": "resent", "x-gitlab-event-uuid": "resent-event" };

    const first = await deliver(url, "Issue Hook", issueHook(), headers);

    expect(first).toEqual({ status: 200, body: { status: "failed", reason: "see frontdesk's log for this delivery" } });
    const failure = log.lines.find((line) => line.level === "error");
    expect(failure?.message).toBe("delivery failed");
    expect((failure?.fields.err as Error).name).toBe("GitbeakerTimeoutError");
    expect(failure?.fields.delivery).toBe("resent-event");

    nock(API).get("/user").reply(200, SELF).get(PROJECT_API).reply(200, restProject()).get(CONFIG_FILE).query(true).reply(404, {});
    expect((await deliver(url, "Issue Hook", issueHook(), headers)).body).toEqual({ status: "done", reason: "no-config" });
  });

  it("sends every call to a self-managed instance under a path, whatever form GITLAB_URL takes", async () => {
    const { url } = await setup({ ...ENV, GITLAB_URL: "https://example.test/gitlab/api/v4/" });
    nock("https://example.test/gitlab/api/v4", { reqheaders: { "private-token": TOKEN } })
      .get("/user")
      .reply(200, SELF)
      .get(PROJECT_API)
      .reply(200, restProject())
      .get(CONFIG_FILE)
      .query({ ref: "main" })
      .reply(404, {});
    expect((await deliver(url, "Issue Hook", issueHook())).body).toEqual({ status: "done", reason: "no-config" });
  });
});
