import { spawn } from "node:child_process";
import { createHmac, generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureBuilt } from "../../scripts/build.mjs";
import { freePort } from "./free-port.js";

const START = fileURLToPath(new URL("../../scripts/start.mjs", import.meta.url));

/**
 * Starts frontdesk the way `npm start` does (scripts/start.mjs: the compiled
 * dist/main.js, built first when src/ changed) in its own process, on a free
 * port, and waits until it listens.
 */
export async function startFrontdesk(env: Record<string, string>) {
  await ensureBuilt();
  const port = await freePort();
  // FRONTDESK_EXEC_ARGV: extra node flags for the server, e.g. "--cpu-prof" when profiling a bench.
  const extra = (process.env.FRONTDESK_EXEC_ARGV ?? "").split(" ").filter(Boolean);
  // In an empty directory: a developer's .env (which the server reads from its working directory) stays out of the tests.
  const cwd = mkdtempSync(join(tmpdir(), "frontdesk-test-"));
  const child = spawn(process.execPath, [...extra, START], {
    cwd,
    env: { PATH: process.env.PATH ?? "", PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  let exited = false;
  child.once("exit", () => {
    exited = true;
    rmSync(cwd, { recursive: true, force: true });
  });
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (exited) throw new Error(`frontdesk exited: ${output}`);
    if (Date.now() > deadline) throw new Error(`frontdesk did not start: ${output}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    pid: child.pid!,
    /** Resolves when every accepted delivery has been worked off. */
    settled: async (timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const health = (await (await fetch(`${url}/healthz`)).json()) as { pending: number };
        if (health.pending === 0) return;
        if (Date.now() > deadline) throw new Error(`${health.pending} deliveries still pending`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
    /** Kills the process the way a crash would: no chance to finish anything. */
    crash: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGKILL");
      }),
  };
}

export function createAppKey(): string {
  return generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  }).privateKey;
}

/** A GitHub delivery signed with `secret` the way GitHub signs it: where it goes, its headers and body. */
export function githubDeliveryRequest(base: string, secret: string, name: string, id: string, payload: object) {
  const body = JSON.stringify(payload);
  const headers = {
    "content-type": "application/json",
    "x-github-event": name,
    "x-github-delivery": id,
    "x-hub-signature-256": `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`,
  };
  return { url: `${base}/api/github/webhooks`, headers, body };
}

/** Sends a GitHub delivery signed with `secret` the way GitHub does. */
export function deliverGitHub(base: string, secret: string, name: string, id: string, payload: object) {
  const { url, ...init } = githubDeliveryRequest(base, secret, name, id, payload);
  return fetch(url, { method: "POST", ...init });
}

