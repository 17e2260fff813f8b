import { spawn, type ChildProcessByStdio } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { FakeGitHub } from "../fakes/github-api.js";
import { issuePayload, readFixture } from "../helpers/github.js";
import { createAppKey } from "../helpers/spawn-server.js";

/** Helpers of the production tests: a process as an operator starts it, and its tree as `ps` shows it. */

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export type Child = ChildProcessByStdio<null, Readable, Readable>;

/** A started process with its output collected. */
export interface Started {
  child: Child;
  output: () => string;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code (or the signal) once the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `command` with exactly `env` (and PATH), collecting its output. */
export function start(command: string, args: string[], env: Record<string, string>, cwd = ROOT): Started {
  const child = spawn(command, args, { cwd, env: { PATH: process.env.PATH ?? "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  // "close", not "exit": the process may end before its last output has been read.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("close", (code, signal) => resolve({ code, signal })));
  return { child, exited, stdout: () => stdout, stderr: () => stderr, output: () => stdout + stderr };
}

/** Polls `url` until it answers (any status), or throws after `timeoutMs`. */
export async function waitForAnswer(url: string, started: Started, timeoutMs = 30_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  let ended = false;
  void started.exited.then(() => (ended = true));
  for (;;) {
    if (ended) throw new Error(`the process ended before ${url} answered:\n${started.output()}`);
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${started.output()}`);
    try {
      return await fetch(url);
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** `pid` and all its descendants, as Linux lists them now. */
export function processTree(pid: number): number[] {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/u).filter(Boolean).map(Number);
  } catch {
    // Gone already.
  }
  return [pid, ...children.flatMap(processTree)];
}

/** Whether a process is still there (a zombie, ended but not yet collected by its parent, counts as gone). */
export function isAlive(pid: number): boolean {
  if (!existsSync(`/proc/${pid}`)) return false;
  try {
    return !/^State:\s+Z/mu.test(readFileSync(`/proc/${pid}/status`, "utf8"));
  } catch {
    return false;
  }
}

/** Resident memory of a process in MB (VmRSS), 0 once it is gone. */
export function rssMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/u.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * The environment of a server that serves GitHub only, against the fake at
 * `host`, on `port` of 127.0.0.1, with no sweep. GitLab stays off whatever a
 * developer's .env in the checkout says: the environment wins.
 */
export function githubServerEnv(host: string, port: number, secret: string): Record<string, string> {
  return {
    PORT: String(port),
    HOST: "127.0.0.1",
    APP_ID: "1",
    PRIVATE_KEY: createAppKey(),
    WEBHOOK_SECRET: secret,
    GHE_HOST: host,
    GHE_PROTOCOL: "http",
    SWEEP_INTERVAL: "off",
    GITLAB_TOKEN: "",
    GITLAB_WEBHOOK_SECRET: "",
  };
}

/** Whether `port` on 127.0.0.1 is free to listen on. */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

/** spec-example.yml without its boards: these tests are about the process, not Projects. */
export const CONFIG = readFixture("spec-example.yml").replace(/^ *(support_)?board: .*\n/gmu, "");

/**
 * Opens `count` issues spread over `repos` repositories, each in an
 * installation of its own (so that GitHub's 80 writes a minute per
 * installation do not hold the work up), and returns their deliveries.
 */
export function openIssues(fake: FakeGitHub, count: number, repos: number, title = (n: number) => `The contact form does not send (${n})`) {
  const names = Array.from({ length: repos }, (_, index) => `client${index + 1}/site`);
  names.forEach((name, index) => fake.addRepo(name, 500 + index, CONFIG));
  return Array.from({ length: count }, (_, index) => {
    const repo = names[index % repos]!;
    const number = index + 1;
    const issue = fake.repo(repo).openIssue({ number, title: title(number), body: "Since this morning nothing arrives.", createdAt: new Date().toISOString() });
    const payload = issuePayload({ number, title: issue.title, body: issue.body ?? undefined, createdAt: issue.created_at });
    const [owner, name] = repo.split("/");
    payload.repository = { ...payload.repository, name, full_name: repo, owner: { ...payload.repository.owner, login: owner } };
    payload.installation = { id: 500 + (index % repos) };
    return { repo, number, id: `delivery-${number}`, payload };
  });
}

/** How many acknowledgements (frontdesk's triage comment) an issue has. */
export function acknowledgements(fake: FakeGitHub, repo: string, number: number): number {
  return fake.repo(repo).commentsOf(number).filter((comment) => comment.body.includes("<!-- frontdesk:ack ")).length;
}
