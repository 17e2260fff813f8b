import { startFrontdesk } from "../test/helpers/spawn-server.js";
import { createFaults, random, shuffle, sweepOnce } from "./faults.js";
import { driveHttp } from "./drive.js";
import { gitLabAcks, gitLabDelivery, openGitLabTicket, setUpGitLab, type GitLabTicket } from "./gitlab.js";

/**
 * Faults on GitLab, as bench/faults.ts does for GitHub: GitLab answers 502 and
 * 500 (some after doing the work), slowly, and with rate-limit 429s; hooks
 * come twice (GitLab's resend, or a project and a group hook) and out of
 * order; the server is killed in the middle of the burst and started again.
 * Afterwards `frontdesk sweep` runs over GITLAB_PROJECTS, and every ticket
 * must be triaged exactly once, with no note written twice.
 */
export async function runGitLabFaults(tickets: number): Promise<string[]> {
  const setup = await setUpGitLab(20, ["faulty1/site", "faulty2/site"]);
  const { fake, projects, env } = setup;
  let server = setup.server;
  const next = random(11);
  const { injected, pick } = createFaults(next, { name: "429", status: 429 }, (method, path) => method === "POST" && path.endsWith("/notes"));
  fake.fault = ({ method, path }) => pick(method, path);
  try {
    // Opened ten minutes ago: the sweep leaves issues younger than two minutes to their webhooks.
    const opened = new Date(Date.now() - 10 * 60_000);
    const planned = Array.from({ length: tickets }, (_, index) =>
      openGitLabTicket(fake, projects[index % projects.length]!, `Request ${index}: the contact form shows an error`, opened),
    );
    // Every fourth hook twice: half of them GitLab's resend (same key), half a group hook (another key).
    const hooks: { ticket: GitLabTicket; key: string }[] = [
      ...planned.map((ticket) => ({ ticket, key: ticket.uuid })),
      ...planned.filter((_, index) => index % 4 === 0).map((ticket, index) => ({ ticket, key: index % 2 === 0 ? ticket.uuid : `group-hook-${ticket.uuid}` })),
    ];
    // Reordered: a shuffle with the same seed every run.
    shuffle(hooks, next);
    const half = Math.floor(hooks.length / 2);
    const send = (base: string, part: typeof hooks) => driveHttp({ senders: 10, warmUrl: `${base}/healthz`, deliveries: part.map(({ ticket, key }) => gitLabDelivery(base, ticket, key)) });
    await send(server.url, hooks.slice(0, half));
    // A crash in the middle of the burst: whatever was accepted but not done is lost.
    await server.crash();
    server = await startFrontdesk(env);
    await send(server.url, hooks.slice(half));
    await server.settled(120_000);
    const afterWebhooks = planned.filter((ticket) => gitLabAcks(fake, ticket) === 1).length;

    // The sweep finds what was lost; with faults still on, it may take more than one.
    const sweepEnv = { ...env, GITLAB_PROJECTS: projects.map((project) => project.path_with_namespace).join(",") };
    const sweeps: string[] = [];
    for (let run = 1; run <= 5 && planned.some((ticket) => gitLabAcks(fake, ticket) === 0); run++) sweeps.push(await sweepOnce(sweepEnv));
    const counts = planned.map((ticket) => gitLabAcks(fake, ticket));
    const notes = planned.flatMap((ticket) => fake.state.notesOf(ticket.project, ticket.iid).map((note) => `${ticket.project.id}:${ticket.iid}:${note.body}`));
    const duplicateNotes = notes.length - new Set(notes).size;
    return [
      `GitLab faults: ${tickets} tickets, ${hooks.length} hooks (duplicated and reordered), server killed after ${half}; injected ${JSON.stringify(injected)}`,
      `    triaged by the webhooks: ${afterWebhooks}/${tickets}; sweeps run: ${sweeps.length} (${sweeps.join("; ")})`,
      `    lost: ${counts.filter((count) => count === 0).length}, triaged twice: ${counts.filter((count) => count > 1).length}, duplicate notes: ${duplicateNotes}`,
    ];
  } finally {
    await server.stop();
    await setup.stop();
  }
}
