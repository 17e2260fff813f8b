import type { FakeGitHub } from "../fakes/github-api.js";
import { issuePayload } from "./github.js";
import { deliverGitHub, type startFrontdesk } from "./spawn-server.js";

/** New tickets in the fake GitHub and their deliveries, for the tests that run several servers. */

export type Server = Awaited<ReturnType<typeof startFrontdesk>>;

let nextNumber = 1;

/** A new issue in the fake (opened `minutesAgo`), and GitHub's delivery of it. */
export function newTicket(fake: FakeGitHub, repo: string, installation: number, minutesAgo = 0) {
  const number = nextNumber++;
  const issue = fake.repo(repo).openIssue({ number, title: `Request ${number}: please update the footer`, createdAt: new Date(Date.now() - minutesAgo * 60_000).toISOString() });
  const payload = issuePayload({ number, title: issue.title, createdAt: issue.created_at });
  const [owner, name] = repo.split("/");
  payload.repository = { ...payload.repository, name, full_name: repo, owner: { ...payload.repository.owner, login: owner } };
  payload.installation = { id: installation };
  return { repo, number, id: `delivery-${number}`, payload };
}

export type Ticket = ReturnType<typeof newTicket>;

/** Sends a ticket's delivery signed with `secret`; the status, or 0 when the connection broke (a killed server). */
export function send(server: Server, secret: string, ticket: Ticket): Promise<number> {
  return deliverGitHub(server.url, secret, "issues", ticket.id, ticket.payload).then(
    (response) => response.status,
    () => 0,
  );
}

/** frontdesk's comments on the ticket, and of them its acknowledgements. */
export function botComments(fake: FakeGitHub, ticket: Ticket) {
  return fake.repo(ticket.repo).commentsOf(ticket.number).filter((comment) => comment.user.type === "Bot");
}

export function acks(fake: FakeGitHub, ticket: Ticket): number {
  return botComments(fake, ticket).filter((comment) => comment.body.includes("<!-- frontdesk:ack")).length;
}

/** Waits for `check`; on a timeout, the servers' last output says why. */
export async function until(check: () => boolean, timeoutMs: number, what: string, servers: readonly Server[] = []): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${servers.map((server) => server.output().slice(-3_000)).join("\n---\n")}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
