import { spawn } from "node:child_process";
// The fake GitLab takes the same shape of fault (GitLabFault).
import type { Fault } from "../test/fakes/github-api.js";
import { startFrontdesk } from "../test/helpers/spawn-server.js";
import { driveHttp } from "./drive.js";
import { acks, issuesDelivery, openTicket, serverEnv, setUp } from "./github.js";

/**
 * Faults: GitHub answers 502 and 500 (some after doing the work), slowly,
 * and with secondary-limit 403s; deliveries come twice and out of order; the
 * server is killed in the middle of the burst and started again. Afterwards
 * the sweep runs, and every ticket must be triaged exactly once.
 */

/** A small deterministic random source, so that a run can be repeated. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * The faults of both platforms' scenarios, drawn from `next`: 502 and 500,
 * 502 after a comment was written (`lostAnswer` tells which calls write one),
 * the platform's rate-limit answer with a retry-after, and slow answers.
 * `injected` counts what was drawn.
 */
export function createFaults(next: () => number, limit: { name: string; status: number }, lostAnswer: (method: string, path: string) => boolean) {
  const injected: Record<string, number> = { "502": 0, "500": 0, "502 after the work": 0, [limit.name]: 0, slow: 0 };
  const inject = (name: string, fault: Fault) => (injected[name]!++, fault);
  const pick = (method: string, path: string): Fault | undefined => {
    const roll = next();
    // Written, but the answer lost on the way back: it must not be written twice.
    if (lostAnswer(method, path) && roll < 0.15) return inject("502 after the work", { status: 502, after: true });
    if (roll < 0.04) return inject("502", { status: 502 });
    if (roll < 0.06) return inject("500", { status: 500 });
    if (roll < 0.08) return inject(limit.name, { status: limit.status, retryAfter: 1 });
    if (roll < 0.13) return inject("slow", { delayMs: 1500 });
    return undefined;
  };
  return { injected, pick };
}

/** Shuffles `items` in place with `next`: the same order for the same seed. */
export function shuffle<T>(items: T[], next: () => number): void {
  for (let index = items.length - 1; index > 0; index--) {
    const other = Math.floor(next() * (index + 1));
    [items[index], items[other]] = [items[other]!, items[index]!];
  }
}

export async function runFaults(tickets: number): Promise<string[]> {
  const repos = [31, 32].map((installation) => ({ name: `faulty${installation}/site`, installation }));
  const setup = await setUp(20, repos);
  const { fake } = setup;
  let server = setup.server;
  const next = random(7);
  const { injected, pick } = createFaults(next, { name: "403 secondary", status: 403 }, (method, path) => method === "POST" && path.endsWith("/comments"));
  fake.fault = ({ method, path }) => (path.includes("access_tokens") ? undefined : pick(method, path));
  try {
    // Opened ten minutes ago: the sweep leaves issues younger than two minutes to their webhooks.
    const opened = new Date(Date.now() - 10 * 60_000);
    const planned = Array.from({ length: tickets }, (_, index) => {
      const repo = repos[index % repos.length]!;
      return openTicket(fake, repo.name, repo.installation, `Request ${index}: the contact form shows an error`, opened);
    });
    const deliveries = [...planned, ...planned.filter((_, index) => index % 4 === 0)];
    // Reordered: a shuffle with the same seed every run.
    shuffle(deliveries, next);
    const half = Math.floor(deliveries.length / 2);
    const send = (base: string, part: typeof deliveries) =>
      driveHttp({ senders: 10, warmUrl: `${base}/healthz`, deliveries: part.map((ticket) => issuesDelivery(base, ticket)) });
    await send(server.url, deliveries.slice(0, half));
    // A crash in the middle of the burst: whatever was accepted but not done is lost.
    await server.crash();
    server = await startFrontdesk(serverEnv(setup.host, setup.appKey));
    await send(server.url, deliveries.slice(half));
    await server.settled(120_000);
    const afterWebhooks = planned.filter((ticket) => acks(fake, ticket.repo, ticket.number) === 1).length;

    // The sweep finds what was lost; with faults still on, it may take more than one.
    const sweeps: string[] = [];
    for (let run = 1; run <= 5 && planned.some((ticket) => acks(fake, ticket.repo, ticket.number) === 0); run++) {
      sweeps.push(await sweepOnce(serverEnv(setup.host, setup.appKey)));
    }
    const counts = planned.map((ticket) => acks(fake, ticket.repo, ticket.number));
    const comments = planned.flatMap((ticket) => fake.repo(ticket.repo).commentsOf(ticket.number).map((comment) => `${ticket.number}:${comment.body}`));
    const duplicateComments = comments.length - new Set(comments).size;
    return [
      `faults: ${tickets} tickets, ${deliveries.length} deliveries (duplicated and reordered), server killed after ${half}; injected ${JSON.stringify(injected)}`,
      `    triaged by the webhooks: ${afterWebhooks}/${tickets}; sweeps run: ${sweeps.length} (${sweeps.join("; ")})`,
      `    lost: ${counts.filter((count) => count === 0).length}, triaged twice: ${counts.filter((count) => count > 1).length}, duplicate comments: ${duplicateComments}`,
    ];
  } finally {
    await server.stop();
    await setup.stop();
  }
}

/** `npx frontdesk sweep` with the server's environment; resolves to its summary line. */
export function sweepOnce(env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    // The `frontdesk` command as the package installs it: the compiled CLI (built by the server's start before).
    const child = spawn(process.execPath, ["bin/frontdesk.js", "sweep"], {
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) => resolve(`exit ${code}: ${/repos swept:[^\n]*/u.exec(output)?.[0] ?? "no summary"}`));
  });
}
