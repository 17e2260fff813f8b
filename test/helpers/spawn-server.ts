import { spawn } from "node:child_process";
import { createHmac, generateKeyPairSync } from "node:crypto";

/**
 * Starts frontdesk the way `npm start` does (src/main.ts under tsx) in its own
 * process, on a free port, and waits until it listens.
 */
export async function startFrontdesk(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    env: { PATH: process.env.PATH ?? "", PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`frontdesk did not start: ${output}`)), 20_000);
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"port":(\d+)/u.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once("exit", (code) => reject(new Error(`frontdesk exited with ${code}: ${output}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
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
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
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

/** Sends a GitHub delivery signed with `secret` the way GitHub does. */
export function deliverGitHub(base: string, secret: string, name: string, id: string, payload: object) {
  const body = JSON.stringify(payload);
  return fetch(`${base}/api/github/webhooks`, {
    method: "POST",
    body,
    headers: {
      "content-type": "application/json",
      "x-github-event": name,
      "x-github-delivery": id,
      "x-hub-signature-256": `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`,
    },
  });
}
