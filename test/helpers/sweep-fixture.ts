import type { FakeGitHub } from "../fakes/github-api.js";
import type { FakeRepo } from "../fakes/github-state.js";
import { readFixture } from "./fixtures.js";

/**
 * Repositories as an agency's clients have them after a while: many closed
 * issues, and open tickets that frontdesk triaged and the team answered, so
 * that a sweep has nothing to do: what it costs is what it reads. For the
 * sweep's cost (test/e2e/sweep-cost.test.ts) and `npm run bench -- sweep-cost`.
 */

/** spec-example.yml without its boards (GitHub Projects, which these fakes leave out). */
export const SWEEP_CONFIG = readFixture("spec-example.yml")
  .split("\n")
  .filter((line) => !/^\s*(board|support_board|column):/u.test(line))
  .join("\n");

const PEOPLE = [
  ["ann", "bob"],
  ["alice", "carol"],
  ["ann", "dave"],
] as const;

const DAY = 24 * 60 * 60 * 1000;

/** The acknowledgement frontdesk wrote, with its record. */
export function ackBody(contact: string, implementer: string, due: Date): string {
  const record = { urgency: "task", due: due.toISOString(), contact, implementer, function: "development" };
  return `Thanks for your request. Your contact is @${contact}.\n\n<!-- frontdesk:ack ${JSON.stringify(record)} -->`;
}

/** A repository with `closed` closed issues and `open` answered tickets, opened `daysAgo` days before `now`. */
export function fillRepo(fake: FakeGitHub, name: string, installation: number, counts: { closed: number; open: number }, now = new Date(), daysAgo = 3): FakeRepo {
  const repo = fake.addRepo(name, installation, SWEEP_CONFIG);
  const opened = now.getTime() - daysAgo * DAY;
  let number = 1;
  for (let index = 0; index < counts.closed; index++, number++) {
    const createdAt = new Date(opened - 400 * DAY + index * 60_000).toISOString();
    repo.openIssue({ number, title: `Old request ${number}`, labels: ["support"], createdAt, closedAt: new Date(Date.parse(createdAt) + DAY).toISOString() });
  }
  for (let index = 0; index < counts.open; index++, number++) {
    const [contact, implementer] = PEOPLE[index % PEOPLE.length]!;
    const createdAt = new Date(opened + index * 60_000);
    repo.openIssue({ number, title: `Request ${number}`, labels: ["support", "urgency: task", "function: development"], assignees: [contact, implementer], createdAt: createdAt.toISOString() });
    repo.addComment(number, { bot: true, body: ackBody(contact, implementer, new Date(createdAt.getTime() + DAY)), createdAt: new Date(createdAt.getTime() + 60_000).toISOString() });
    repo.addComment(number, { login: contact, body: "We are on it.", createdAt: new Date(createdAt.getTime() + 2 * 60 * 60_000).toISOString() });
  }
  return repo;
}
