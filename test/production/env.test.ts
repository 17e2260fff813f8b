import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt } from "../../scripts/build.mjs";
import { isPortFree, ROOT, start, waitForAnswer, type Started } from "./process.js";
import { freePort } from "../helpers/free-port.js";

/**
 * The server's configuration from the environment or `.env` in its working
 * directory (the environment wins), and a bad value stopping the start with
 * one line. The server is started as `npm start` starts it (scripts/start.mjs),
 * in a directory of its own so that the checkout's `.env` stays untouched.
 */

const START = join(ROOT, "scripts", "start.mjs");
const MAIN = join(ROOT, "dist", "main.js");
const running: Started[] = [];

beforeAll(() => ensureBuilt(), 120_000);

const directories: string[] = [];

afterEach(async () => {
  for (const server of running.splice(0)) {
    if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill("SIGTERM");
    await server.exited;
  }
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function directoryWith(envFile: string): string {
  const directory = mkdtempSync(join(tmpdir(), "frontdesk-env-"));
  directories.push(directory);
  writeFileSync(join(directory, ".env"), envFile);
  return directory;
}

function startIn(directory: string, env: Record<string, string> = {}, script = START): Started {
  const server = start(process.execPath, [script], env, directory);
  running.push(server);
  return server;
}

async function until(condition: () => boolean, server: Started, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not seen within ${timeoutMs} ms in:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const GITLAB = "GITLAB_URL=https://gitlab.example.com\nGITLAB_TOKEN=glpat-from-dotenv\nGITLAB_WEBHOOK_SECRET=secret-from-dotenv\n";

describe(".env", () => {
  it("with PORT=4100 and GitLab's variables: listens on 4100 and serves GitLab", async () => {
    // 4100 as an operator would write it; another free port only if something here holds 4100.
    const port = (await isPortFree(4100)) ? 4100 : await freePort();
    const server = startIn(directoryWith(`# frontdesk\nPORT=${port}\nHOST=127.0.0.1\nSWEEP_INTERVAL=off\n${GITLAB}`));
    const health = await waitForAnswer(`http://127.0.0.1:${port}/healthz`, server);
    expect(await health.json()).toEqual({ status: "ok", github: false, gitlab: true, pending: 0 });
    const post = (token: string) =>
      fetch(`http://127.0.0.1:${port}/api/gitlab/webhooks`, { method: "POST", headers: { "x-gitlab-token": token, "x-gitlab-event": "Issue Hook" }, body: "not json" });
    // The secret from .env is the one checked: a wrong token gets 401, the right one gets past it (and 400 for the body).
    expect((await post("wrong")).status).toBe(401);
    expect((await post("secret-from-dotenv")).status).toBe(400);
    // The log is written asynchronously: the line may reach the pipe a moment after the server answers.
    await until(() => server.stdout().includes('"msg":"GitLab served at POST /api/gitlab/webhooks"'), server);
  });

  it("loses to the environment: a variable set in both keeps the environment's value", async () => {
    const [fromFile, fromEnv] = [await freePort(), await freePort()];
    const server = startIn(directoryWith(`PORT=${fromFile}\nHOST=127.0.0.1\nSWEEP_INTERVAL=off\n${GITLAB}`), { PORT: String(fromEnv), GITLAB_TOKEN: "" });
    const health = await waitForAnswer(`http://127.0.0.1:${fromEnv}/healthz`, server);
    // GITLAB_TOKEN set empty in the environment: GitLab is not served, whatever .env says.
    expect(await health.json()).toMatchObject({ status: "ok", gitlab: false });
    await expect(fetch(`http://127.0.0.1:${fromFile}/healthz`)).rejects.toThrow();
  });
});

describe("a variable with a bad value", () => {
  const PEM_HINT = "use the .pem file GitHub generated for the app (-----BEGIN RSA PRIVATE KEY----- ...)";
  it.each([
    ["PORT=abc", {}, 'frontdesk: PORT="abc" is not a port: use a number from 0 to 65535 (0: any free port)'],
    ["SWEEP_INTERVAL=5 minutes", {}, 'frontdesk: SWEEP_INTERVAL="5 minutes" is not an interval: use seconds (300) or a duration (5m, 90s, 1h30m), or off'],
    ["", { APP_ID: "1", PRIVATE_KEY: "not-a-key-at-all", WEBHOOK_SECRET: "s" }, `frontdesk: PRIVATE_KEY is not a PEM private key: ${PEM_HINT}`],
    ["SHUTDOWN_TIMEOUT=soon", {}, 'frontdesk: SHUTDOWN_TIMEOUT="soon" is not a duration: use seconds (25) or a duration (25s, 1m30s)'],
    ["LOG_FORMAT=xml", {}, 'frontdesk: LOG_FORMAT="xml" is not one of json, pretty'],
  ])("%s %j stops the start with one line on stderr and exit code 78", async (envFile, env, line) => {
    // The compiled server itself: the start script would add a line of its own if src/ changed meanwhile.
    const server = startIn(directoryWith(`${envFile}\n`), env, MAIN);
    const exit = await server.exited;
    expect(exit).toEqual({ code: 78, signal: null });
    expect(server.stderr()).toBe(`${line}\n`);
    expect(server.stdout()).toBe("");
  });

  it("never shows the private key it refuses", async () => {
    const key = "-----BEGIN RSA PRIVATE KEY-----\nc2VjcmV0LWJ1dC1icm9rZW4=\n-----END RSA PRIVATE KEY-----";
    const server = startIn(directoryWith(""), { APP_ID: "1", PRIVATE_KEY: key, WEBHOOK_SECRET: "s" }, MAIN);
    expect((await server.exited).code).toBe(78);
    expect(server.stderr()).toBe(`frontdesk: PRIVATE_KEY is not a PEM private key: ${PEM_HINT}\n`);
  });
});
