import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureBuilt } from "../scripts/build.mjs";
import { FakeGitHub } from "../test/fakes/github-api.js";
import { createAppKey, deliverGitHub } from "../test/helpers/spawn-server.js";
import { freePort } from "../test/helpers/free-port.js";
import { acks, CONFIG, openTicket, SECRET, serverEnv } from "./github.js";
import { format, percentile, waitFor } from "./stats.js";

/**
 * startup: how long from starting the server to /healthz answering 200, and
 * how much memory it holds after one warm-up ticket, for the two ways it is
 * started: `npm start` (npm, and the server in the same process as its start
 * script) and `node dist/main.js` (the Docker image, a systemd unit). GitHub
 * is served, against the fake GitHub on 127.0.0.1; dist/ is built before the
 * clock starts, as `npm ci` (prepare) leaves it on a fresh clone.
 *
 * Memory is the resident set (VmRSS) of every process of the tree, summed,
 * and, beside it, the proportional set (Pss): RSS counts the pages of the
 * node binary and its libraries once per process, npm's and the server's,
 * Pss shares them out between the processes that map them.
 *
 * Beside them, the floor of any Node.js server under `npm start` on this
 * machine: npm running a start script that only waits (`exec node -e` with a
 * timer), measured the same way. npm's own process and an empty Node.js are
 * in every `npm start` tree; what the server adds is above that floor.
 */

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const WARM_UP = { name: "startup/site", installation: 77 };
/** What the issue asks of a fresh clone on this machine. */
const TARGET_MS = 1_500;
const TARGET_MB = 120;

interface Measured {
  healthyMs: number[];
  rssMb: number;
  serverRssMb: number;
  pssMb: number;
  processes: number;
}

export async function runStartup(runs: number): Promise<string[]> {
  const fake = new FakeGitHub({ latencyMs: 0 });
  fake.addRepo(WARM_UP.name, WARM_UP.installation, CONFIG);
  const host = await fake.start();
  const env = { ...serverEnv(host, createAppKey()), LOG_LEVEL: "warn", GITLAB_TOKEN: "", GITLAB_WEBHOOK_SECRET: "" };
  try {
    const npm = await measure(["npm", "start", "--silent"], env, fake, runs);
    const node = await measure([process.execPath, "dist/main.js"], env, fake, runs);
    const floor = await measureFloor();
    const line = (name: string, m: Measured) =>
      `    ${name.padEnd(17)} /healthz after p50 ${format(percentile(m.healthyMs, 50))} ms, max ${format(Math.max(...m.healthyMs))} ms; ` +
      `after a warm-up ticket ${m.processes} process${m.processes === 1 ? "" : "es"}, RSS ${format(m.rssMb)} MB (server ${format(m.serverRssMb)} MB), Pss ${format(m.pssMb)} MB`;
    return [
      `startup: start to /healthz 200 (${runs} runs each, GitHub served; targets < ${TARGET_MS} ms, < ${TARGET_MB} MB):`,
      line("npm start", npm),
      line("node dist/main.js", node),
      `    floor             npm start of a script that only waits: ${floor.processes} processes, RSS ${format(floor.rssMb)} MB (npm ${format(floor.rssMb - floor.serverRssMb)} MB, an empty node ${format(floor.serverRssMb)} MB), Pss ${format(floor.pssMb)} MB`,
    ];
  } finally {
    await fake.stop();
  }
}

async function measure(command: string[], env: Record<string, string>, fake: FakeGitHub, runs: number): Promise<Measured> {
  const healthyMs: number[] = [];
  let memory = { rssMb: Number.NaN, serverRssMb: Number.NaN, pssMb: Number.NaN, processes: 0 };
  for (let run = 0; run < runs; run++) {
    const port = await freePort();
    // Built right before, so that no run's time includes compiling (as after npm ci on a fresh clone).
    await ensureBuilt();
    const started = performance.now();
    const child = spawn(command[0]!, command.slice(1), { cwd: ROOT, env: { PATH: process.env.PATH ?? "", ...env, PORT: String(port), HOST: "127.0.0.1" }, stdio: ["ignore", "ignore", "pipe"] });
    let errors = "";
    child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
    const exited = new Promise((resolve) => child.once("exit", resolve));
    const url = `http://127.0.0.1:${port}`;
    try {
      await waitFor(async () => (await fetch(`${url}/healthz`).catch(() => undefined))?.status === 200, 30_000, `${command.join(" ")} to answer /healthz (stderr: ${errors})`);
      healthyMs.push(performance.now() - started);
      if (run === runs - 1) {
        const ticket = openTicket(fake, WARM_UP.name, WARM_UP.installation, "Warm-up: the logo is blurry");
        await deliverGitHub(url, SECRET, "issues", ticket.id, ticket.payload);
        await waitFor(() => acks(fake, WARM_UP.name, ticket.number) === 1, 20_000, "the warm-up ticket");
        await waitFor(async () => ((await (await fetch(`${url}/healthz`)).json()) as { pending: number }).pending === 0, 20_000, "the warm-up to settle");
        // Let the garbage collector and the allocator settle as they would between deliveries.
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        memory = treeMemory(child.pid!);
      }
    } finally {
      // npm forwards SIGTERM to the server, which drains and exits; npm exits with it.
      child.kill("SIGTERM");
      await exited;
    }
  }
  return { healthyMs, ...memory };
}

/** npm start of a package whose start script is an empty Node.js that waits: the least any server's tree can be. */
async function measureFloor() {
  const dir = mkdtempSync(join(tmpdir(), "frontdesk-floor-"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "floor", private: true, scripts: { start: `exec node -e "setInterval(() => {}, 1000)"` } }));
  const child = spawn("npm", ["start", "--silent"], { cwd: dir, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? dir }, stdio: "ignore" });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    await waitFor(() => processTree(child.pid!).length === 2, 10_000, "npm start of the waiting script");
    // As long as the server is given after its warm-up ticket.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    return treeMemory(child.pid!);
  } finally {
    child.kill("SIGTERM");
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

function treeMemory(pid: number) {
  const tree = processTree(pid);
  const kb = (id: number, field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "mu").exec(readFileSync(`/proc/${id}/smaps_rollup`, "utf8"))?.[1] ?? Number.NaN);
  const sum = (field: string) => tree.reduce((total, id) => total + kb(id, field), 0) / 1024;
  return { rssMb: sum("Rss"), serverRssMb: kb(tree.at(-1)!, "Rss") / 1024, pssMb: sum("Pss"), processes: tree.length };
}

function processTree(pid: number): number[] {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/u).filter(Boolean).map(Number);
  return [pid, ...children.flatMap(processTree)];
}
