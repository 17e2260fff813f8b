import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { ensureBuilt } from "../../scripts/build.mjs";
import { createServer } from "../../src/server.js";
import { createGitHubHandler } from "../../src/platforms/github/middleware.js";
import { KeyedLock } from "../../src/runtime/keyed-lock.js";
import { RepoCache } from "../../src/runtime/repo-cache.js";
import { createBareProbot, issuePayload, WEBHOOK_SECRET } from "../helpers/github.js";
import { useStrictNock } from "../helpers/nock-strict.js";

useStrictNock();

const servers: { close(): void }[] = [];
afterEach(() => servers.splice(0).forEach((server) => server.close()));

async function startServer() {
  const probot = createBareProbot();
  const deps = { cache: new RepoCache(), locks: new KeyedLock(), now: () => new Date("2026-11-26T09:00:00Z") };
  const handler = await createGitHubHandler(probot, deps, { secret: WEBHOOK_SECRET });
  const server = createServer({ handlers: [handler], platforms: { github: true, gitlab: false }, onError: () => undefined });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function sign(body: string, secret = WEBHOOK_SECRET): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

function post(base: string, body: string, headers: Record<string, string>) {
  return fetch(`${base}/api/github/webhooks`, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", "x-github-event": "issues", "x-github-delivery": "d-1", ...headers },
  });
}

describe("server", () => {
  it("answers /healthz with 200 and the platforms it serves", async () => {
    const base = await startServer();
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", github: true, gitlab: false, pending: 0 });
  });

  it("refuses a delivery with a bad signature with 401 and makes no call", async () => {
    const base = await startServer();
    const body = JSON.stringify(issuePayload({ title: "Website is down!" }));
    const response = await post(base, body, { "x-hub-signature-256": sign(body, "wrong-secret") });
    expect(response.status).toBe(401);
  });

  it("refuses a delivery without a signature with 401", async () => {
    const base = await startServer();
    const response = await post(base, "{}", {});
    expect(response.status).toBe(401);
  });

  it("refuses a body over 1 MB with 413", async () => {
    const base = await startServer();
    const body = JSON.stringify({ padding: "x".repeat(1024 * 1024) });
    const response = await post(base, body, { "x-hub-signature-256": sign(body) });
    expect(response.status).toBe(413);
  });

  it("refuses a signed body that is not JSON with 400", async () => {
    const base = await startServer();
    const response = await post(base, "{nope", { "x-hub-signature-256": sign("{nope") });
    expect(response.status).toBe(400);
  });

  it("accepts a signed delivery (a bot's issue: no call)", async () => {
    const base = await startServer();
    const body = JSON.stringify(issuePayload({ title: "Bump lodash", author: "dependabot[bot]", authorType: "Bot" }));
    const response = await post(base, body, { "x-hub-signature-256": sign(body) });
    expect(response.status).toBe(200);
  });

  it("answers unknown routes with 404", async () => {
    const base = await startServer();
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });
});

describe("npm start without any platform variables", () => {
  it("starts, answers /healthz and logs what to set", async () => {
    await ensureBuilt();
    // npm start's script, in a directory without a .env: the built server, no TypeScript at run time.
    const cwd = mkdtempSync(join(tmpdir(), "frontdesk-start-"));
    const child = spawn(process.execPath, [fileURLToPath(new URL("../../scripts/start.mjs", import.meta.url))], {
      cwd,
      env: { PATH: process.env.PATH, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      let output = "";
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no listening line in: ${output}`)), 45_000);
        child.stdout.on("data", (chunk: Buffer) => {
          output += chunk.toString();
          const match = /"port":(\d+)/u.exec(output);
          if (match) {
            clearTimeout(timer);
            resolve(Number(match[1]));
          }
        });
      });
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: "ok", github: false, gitlab: false, pending: 0 });
      expect(output).toContain("GitHub is not served: set APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH, WEBHOOK_SECRET");
      expect(output).toContain("GitLab is not served: set GITLAB_TOKEN");
    } finally {
      child.kill();
      rmSync(cwd, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("a draining server", () => {
  it("answers /healthz with 503 and draining, and every other request with 503, reading no delivery", async () => {
    let called = 0;
    const handler = async () => (called++, true);
    const server = createServer({ handlers: [handler], platforms: { github: true, gitlab: false }, pending: () => 3, draining: () => true, onError: () => undefined });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    servers.push(server);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ status: "draining", github: true, gitlab: false, pending: 3 });
    const delivery = await post(base, "{}", { "x-hub-signature-256": sign("{}") });
    expect(delivery.status).toBe(503);
    expect(delivery.headers.get("retry-after")).toBe("30");
    expect(called).toBe(0);
  });
});
