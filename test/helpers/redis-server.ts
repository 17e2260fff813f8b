import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll } from "vitest";
import { freePort } from "./free-port.js";

/**
 * A real Redis for the tests: Debian's `redis-server`, started on a free
 * port in a temporary directory with an append-only file (so a restart keeps
 * what was written, as production's persistence does), never a mock. `.ci/run`
 * installs the package when it is missing.
 */
export interface TestRedis {
  url: string;
  port: number;
  /** Stops the server the way an outage would (SIGKILL: no chance to say goodbye); the data on disk stays. */
  kill(): Promise<void>;
  /** Starts it again on the same port and directory: what it had written is back. */
  restart(): Promise<void>;
  /** Stops it and removes its directory. */
  stop(): Promise<void>;
}

export async function startRedis(): Promise<TestRedis> {
  const dir = mkdtempSync(join(tmpdir(), "frontdesk-redis-"));
  const port = await freePort();
  let child: ChildProcess | undefined;
  const launch = async () => {
    child = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--daemonize", "no", "--loglevel", "warning"],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    let errors = "";
    child.stderr?.on("data", (chunk: Buffer) => (errors += chunk.toString()));
    const failed = new Promise<never>((_, reject) => child!.once("error", (error) => reject(new Error(`redis-server could not start (${error.message}): install Debian's redis-server package`))));
    await Promise.race([waitForPort(port, 10_000).catch((error: Error) => Promise.reject(new Error(`${error.message} ${errors}`))), failed]);
  };
  const exit = () =>
    new Promise<void>((resolve) => {
      if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGKILL");
    });
  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill: exit,
    restart: launch,
    stop: async () => {
      await exit();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await answersPing(port)) return;
    if (Date.now() > deadline) throw new Error(`redis-server did not answer on port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: "127.0.0.1" });
    socket.once("error", () => resolve(false));
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (data) => {
      socket.destroy();
      // LOADING while the append-only file is read back: not ready yet.
      resolve(data.toString().startsWith("+PONG"));
    });
  });
}


/**
 * A real Redis for the test file: started before its tests, stopped after,
 * with every connection `connect` made closed first. `url()` is valid once
 * the tests run.
 */
export function useTestRedis(): { url(): string; connect(): Redis; server(): TestRedis } {
  let redis: TestRedis | undefined;
  const connections: Redis[] = [];
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    for (const connection of connections) connection.disconnect();
    await redis?.stop();
  });
  const started = () => {
    if (!redis) throw new Error("Redis is started before the tests run");
    return redis;
  };
  return {
    url: () => started().url,
    server: started,
    connect: () => {
      const connection = new Redis(started().url, { maxRetriesPerRequest: null });
      connections.push(connection);
      return connection;
    },
  };
}
