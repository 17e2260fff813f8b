import { afterEach, describe, expect, it } from "vitest";
import { rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createFrontdesk, createSweeps, type Frontdesk } from "../src/frontdesk.js";
import { GitHubSettingsError } from "../src/platforms/github/middleware.js";
import { createLog } from "../src/runtime/log.js";
import { createAppKey } from "./helpers/spawn-server.js";
import { useStrictNock } from "./helpers/nock-strict.js";
import { SettingsError } from "../src/runtime/settings.js";

useStrictNock();

const started: Frontdesk[] = [];
afterEach(async () => {
  for (const frontdesk of started.splice(0)) await frontdesk.close();
});

/** frontdesk from `env` on a free loopback port, with its log lines as messages. */
async function start(env: NodeJS.ProcessEnv) {
  const lines: string[] = [];
  const log = createLog({ level: "info" }, { write: (line: string) => void lines.push((JSON.parse(line) as { msg: string }).msg) });
  const frontdesk = await createFrontdesk(env, { log, now: () => new Date("2026-11-26T09:00:00Z") });
  started.push(frontdesk);
  const port = await frontdesk.listen(0, "127.0.0.1");
  return { frontdesk, port, url: `http://127.0.0.1:${port}`, lines };
}

describe("createFrontdesk", () => {
  it("without a platform's variables serves /healthz and says what to set", async () => {
    const { url, port, lines, frontdesk } = await start({});
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", github: false, gitlab: false, pending: 0 });
    expect(frontdesk.handlers).toEqual([]);
    expect(lines).toEqual([
      "GitHub is not served: set APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH, WEBHOOK_SECRET (and GHE_HOST for GitHub Enterprise Server)",
      "GitLab is not served: set GITLAB_TOKEN and GITLAB_WEBHOOK_SECRET (and GITLAB_URL when self-managed)",
      `frontdesk listening on port ${port}`,
    ]);
    expect((await fetch(`${url}/api/gitlab/webhooks`, { method: "POST", body: "{}" })).status).toBe(404);
  });

  it("with GitLab's variables serves the GitLab endpoint and refuses a wrong token", async () => {
    const env = { GITLAB_URL: "https://gitlab.example.com", GITLAB_TOKEN: "glpat-test", GITLAB_WEBHOOK_SECRET: "right-secret" };
    const { url, lines } = await start(env);
    expect(lines).toContain("GitLab served at POST /api/gitlab/webhooks");
    expect(lines.some((line) => line.startsWith("GitLab is not served"))).toBe(false);
    expect(await (await fetch(`${url}/healthz`)).json()).toMatchObject({ github: false, gitlab: true });
    const response = await fetch(`${url}/api/gitlab/webhooks`, {
      method: "POST",
      body: JSON.stringify({ object_kind: "issue" }),
      headers: { "content-type": "application/json", "x-gitlab-event": "Issue Hook", "x-gitlab-token": "wrong-secret" },
    });
    expect(response.status).toBe(401);
  });

  it("closes: the server stops listening", async () => {
    const { frontdesk } = await start({});
    await frontdesk.close();
    expect(frontdesk.server.listening).toBe(false);
  });
});

describe("createSweeps", () => {
  /** The warnings a sweep's wiring logs; Probot's logger must not be built without GitHub. */
  function options() {
    const warnings: string[] = [];
    const quiet = () => undefined;
    const log = { debug: quiet, info: quiet, error: quiet, warn: (obj: object | string, msg?: string) => void warnings.push(msg ?? String(obj)) };
    const probotLog = () => {
      throw new Error("Probot's logger is built only when GitHub is swept");
    };
    return { warnings, log, probotLog };
  }

  it("builds no sweep without credentials, and GitLab's from GITLAB_TOKEN alone (it finds the token user's projects)", () => {
    expect(createSweeps({}, options())).toEqual([]);
    const withToken = options();
    expect(createSweeps({ GITLAB_TOKEN: "glpat-test" }, withToken).map((sweep) => sweep.platform)).toEqual(["gitlab"]);
    expect(withToken.warnings).toEqual([]);
  });

  it("builds the GitLab sweep from GITLAB_TOKEN and GITLAB_PROJECTS", () => {
    const env = { GITLAB_TOKEN: "glpat-test", GITLAB_PROJECTS: "acme/site" };
    const built = options();
    expect(createSweeps(env, built).map((sweep) => sweep.platform)).toEqual(["gitlab"]);
    expect(built.warnings).toEqual([]);
  });
});

describe("Frontdesk.shutdown", () => {
  const GITLAB = { GITLAB_URL: "https://gitlab.example.com", GITLAB_TOKEN: "glpat-test", GITLAB_WEBHOOK_SECRET: "right-secret" };

  it("drains: /healthz says so, deliveries get 503, accepted work is finished, then the server closes", async () => {
    const { frontdesk, url } = await start({});
    let release!: () => void;
    const finished: string[] = [];
    frontdesk.background.start("work", () => new Promise<void>((resolve) => (release = resolve)).then(() => void finished.push("work")), "normal", "lane", "lane", { delivery: "d-1" });
    const shutdown = frontdesk.shutdown(5_000);
    const health = await fetch(`${url}/healthz`, { headers: { connection: "close" } });
    expect([health.status, await health.json()]).toEqual([503, { status: "draining", github: false, gitlab: false, pending: 1 }]);
    expect((await fetch(`${url}/api/gitlab/webhooks`, { method: "POST", body: "{}" })).status).toBe(503);
    release();
    expect(await shutdown).toEqual([]);
    expect(finished).toEqual(["work"]);
    expect(frontdesk.server.listening).toBe(false);
  });

  it("finishes the work of a delivery still being read when the accepted work ran out, before it resolves", async () => {
    const { frontdesk, port } = await start({});
    const finished: string[] = [];
    let reading!: () => void;
    const entered = new Promise<void>((resolve) => (reading = resolve));
    // A platform's endpoint: reads the whole body, then queues the work and answers 202.
    frontdesk.handlers.push(async (request, response) => {
      reading();
      for await (const chunk of request) void chunk;
      frontdesk.background.start("late", () => new Promise((resolve) => setTimeout(resolve, 100)).then(() => void finished.push("late")));
      response.writeHead(202).end();
      return true;
    });
    const request = http.request({ host: "127.0.0.1", port, method: "POST", path: "/hook", agent: false, headers: { "content-length": "10" } });
    const answered = new Promise<number>((resolve, reject) => request.on("response", (response) => resolve(response.statusCode ?? 0)).on("error", reject));
    request.write("12345");
    await entered;
    // Nothing is pending: the first wait is over at once, and the server waits for the request.
    const shutdown = frontdesk.shutdown(5_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    request.end("67890");
    expect(await answered).toBe(202);
    expect(await shutdown).toEqual([]);
    expect(finished).toEqual(["late"]);
  });

  it("gives up at the deadline and returns what is left, by delivery", async () => {
    const { frontdesk } = await start({});
    frontdesk.background.start("github issues d-9", () => new Promise(() => undefined), "normal", "lane", "lane", { delivery: "d-9", repo: "acme/site", issue: 9 });
    expect(await frontdesk.shutdown(50)).toEqual([{ label: "github issues d-9", fields: { delivery: "d-9", repo: "acme/site", issue: 9 }, running: true }]);
    expect(frontdesk.server.listening).toBe(false);
  });

  it.each([
    [{ PORT: "abc" }, 'PORT="abc" is not a port: use a number from 0 to 65535 (0: any free port)'],
    [{ SWEEP_INTERVAL: "5 minutes" }, 'SWEEP_INTERVAL="5 minutes" is not an interval: use seconds (300) or a duration (5m, 90s, 1h30m), or off'],
    [{ ...GITLAB, GITLAB_WEBHOOK_SECRET: "a,," }, "GITLAB_WEBHOOK_SECRET entry 2 of 3 is empty"],
    [{ ...GITLAB, GITLAB_URL: "gitlab.example.com" }, undefined],
  ])("refuses %j before it logs anything, with an error that is a configuration error", async (env, message) => {
    const lines: string[] = [];
    const log = createLog({ level: "info" }, { write: (line: string) => void lines.push(line) });
    const error = await createFrontdesk(env, { log }).then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(SettingsError);
    if (message) expect((error as Error).message).toBe(message);
    expect(lines).toEqual([]);
  });
});

describe("the GitHub App's variables", () => {
  const base = { APP_ID: "12", WEBHOOK_SECRET: "s" };
  const HINT = "use the .pem file GitHub generated for the app (-----BEGIN RSA PRIVATE KEY----- ...)";

  it.each([
    [{ ...base, APP_ID: "my-app", PRIVATE_KEY: "x" }, 'APP_ID="my-app" is not a GitHub App id: use the number on the app\'s settings page'],
    [{ ...base, PRIVATE_KEY: "x", GHE_PROTOCOL: "ftp" }, 'GHE_PROTOCOL="ftp" is not http or https'],
    [{ ...base, PRIVATE_KEY: "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----" }, `PRIVATE_KEY is not a PEM private key: ${HINT}`],
    [{ ...base, PRIVATE_KEY_PATH: "/nonexistent/app.pem" }, 'PRIVATE_KEY_PATH="/nonexistent/app.pem" cannot be read (ENOENT)'],
  ])("refuses %j", async (env, message) => {
    await expect(createFrontdesk(env, { log: createLog({ level: "silent" }) })).rejects.toThrow(new GitHubSettingsError(message));
  });

  it("takes the key as Probot does: the PEM, with \\n for newlines, base64, or from PRIVATE_KEY_PATH", async () => {
    const pem = createAppKey();
    const file = join(tmpdir(), `frontdesk-key-${process.pid}.pem`);
    writeFileSync(file, pem);
    for (const key of [{ PRIVATE_KEY: pem }, { PRIVATE_KEY: pem.replace(/\n/gu, "\\n") }, { PRIVATE_KEY: Buffer.from(pem).toString("base64") }, { PRIVATE_KEY_PATH: file }]) {
      const frontdesk = await createFrontdesk({ ...base, ...key, SWEEP_INTERVAL: "off" }, { log: createLog({ level: "silent" }), identity: { login: () => Promise.resolve("frontdesk[bot]") } });
      expect(frontdesk.platforms.github).toBe(true);
    }
    rmSync(file, { force: true });
  });
});
