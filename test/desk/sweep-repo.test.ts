import { describe, expect, it } from "vitest";
import type { Config } from "../../src/config/schema.js";
import { writeMarker } from "../../src/core/marker.js";
import { emptyChanges, type Changes } from "../../src/core/plan.js";
import type { Comment, Ticket } from "../../src/core/types.js";
import type { OpenIssue } from "../../src/desk/port.js";
import type { RepoConfig } from "../../src/desk/repo-config.js";
import { sweepRepository } from "../../src/desk/sweep-repo.js";
import { createSummary, type SweepSummary } from "../../src/desk/sweep-summary.js";
import { createMemoryLog } from "../fakes/memory-log.js";
import { MemoryTracker, SELF, type Attempt, type MemoryIssue } from "../fakes/memory-tracker.js";
import { specConfig, ticket } from "../helpers/core.js";

/** #7 was opened Thursday 26 Nov 2026, 10:00 in Berlin: a task, due Friday 10:00 (09:00Z); 80% of its day has passed at 16:24. */
const OPENED = new Date("2026-11-26T09:00:00Z");
const REMIND_AT = new Date("2026-11-26T15:30:00Z");
const PAST_DUE = new Date("2026-11-27T10:30:00Z");
const DUE = "2026-11-27T09:00:00.000Z";
const RECORD = { urgency: "task", due: DUE, function: "development", contact: "ann", implementer: "carol" };
const ACK: Comment = { id: 1, author: SELF, body: `Thanks.\n\n${writeMarker("ack", RECORD)}`, createdAt: new Date("2026-11-26T09:00:01Z") };
const TRIAGED = { labels: ["support", "urgency: task", "function: development"], assignees: ["ann", "carol"] };
const VALID: RepoConfig = { kind: "valid", config: specConfig(), warnings: [] };

const REMINDER = `@ann, a reminder: the first response to this ticket is due by **Fri, 27 Nov 2026, 10:00 CET**.\n\n<!-- frontdesk:reminder {"due":"${DUE}"} -->`;
const ESCALATION = `@ann @lena: the first response to this ticket was due by **Fri, 27 Nov 2026, 10:00 CET**. Please respond as soon as possible.\n\n<!-- frontdesk:escalation {"due":"${DUE}"} -->`;

const summary = (overrides: Partial<SweepSummary>): SweepSummary => ({ ...createSummary(), repos: 1, ...overrides });
const changes = (overrides: Partial<Changes>): Changes => ({ ...emptyChanges(), ...overrides });
const triaged = (number: number, extra: Partial<Ticket> = {}): MemoryIssue => ({ ticket: ticket({ number, createdAt: OPENED, ...TRIAGED, ...extra }), comments: [{ ...ACK, id: number }] });
const lost = (number: number, createdAt = OPENED): MemoryIssue => ({ ticket: ticket({ number, createdAt }) });

/**
 * A sweep of acme/site at `now`. Every write must happen inside the issue's
 * lock (the tracker refuses any other), and `fail` may refuse more.
 */
function createSweep(issues: MemoryIssue[], options: { now: Date; config?: RepoConfig; fail?: (attempt: Attempt) => Error | undefined }) {
  const locked = new Set<number>();
  const outside = (attempt: Attempt) => (locked.has(attempt.number) ? undefined : new Error(`write to #${attempt.number} outside its lock`));
  const tracker = new MemoryTracker({ now: options.now, issues, fail: (attempt) => outside(attempt) ?? options.fail?.(attempt) });
  const log = createMemoryLog();
  const afterTriage: number[] = [];
  const run = (now = options.now) => {
    tracker.now = now;
    return sweepRepository({
      tracker,
      config: options.config ?? VALID,
      readComments: (open) => tracker.readComments(open),
      lock: async (number, task) => {
        locked.add(number);
        try {
          return await task();
        } finally {
          locked.delete(number);
        }
      },
      afterTriage: async (issue: OpenIssue, _config: Config) => void afterTriage.push(issue.ticket.number),
      now,
      log,
    });
  };
  return { tracker, log, afterTriage, run };
}

describe("sweepRepository: each action once", () => {
  it.each<{ name: string; issues: MemoryIssue[]; now: Date; first: Partial<SweepSummary>; writes: Changes[] }>([
    { name: "before the reminder point: nothing", issues: [triaged(7)], now: new Date("2026-11-26T15:00:00Z"), first: {}, writes: [] },
    { name: "at 80% of the time: one reminder to the contact", issues: [triaged(7)], now: REMIND_AT, first: { reminders: 1 }, writes: [changes({ comments: [REMINDER] })] },
    {
      name: "past due: the escalation's comment, then the label",
      issues: [triaged(7)],
      now: PAST_DUE,
      first: { escalations: 1 },
      writes: [changes({ comments: [ESCALATION] }), changes({ addLabels: ["sla: breached"] })],
    },
    {
      name: "answered by the team: nothing",
      issues: [{ ...triaged(7), comments: [ACK, { id: 2, author: { login: "carol", isBot: false }, body: "On it", createdAt: OPENED }] }],
      now: PAST_DUE,
      first: {},
      writes: [],
    },
    {
      name: "a client colleague's comment is no answer",
      issues: [{ ...triaged(7), comments: [ACK, { id: 2, author: { login: "client-ann", isBot: false }, body: "Any news?", createdAt: OPENED }] }],
      now: PAST_DUE,
      first: { escalations: 1 },
      writes: [changes({ comments: [ESCALATION] }), changes({ addLabels: ["sla: breached"] })],
    },
    { name: "project work is exempt", issues: [triaged(7, { labels: ["project-work"] })], now: PAST_DUE, first: {}, writes: [] },
  ])("$name; a second sweep adds nothing", async ({ issues, now, first, writes }) => {
    const sweep = createSweep(issues, { now });
    expect(await sweep.run()).toEqual(summary(first));
    expect(await sweep.run()).toEqual(summary({}));
    expect(sweep.tracker.applied()).toEqual(writes);
  });

  it("a reminder, then the escalation when the time is up: one of each", async () => {
    const sweep = createSweep([triaged(7)], { now: REMIND_AT });
    await sweep.run();
    await sweep.run(PAST_DUE);
    await sweep.run(PAST_DUE);
    expect(sweep.tracker.written()).toEqual([REMINDER, ESCALATION]);
    expect(sweep.tracker.ticket(7).labels).toEqual([...TRIAGED.labels, "sla: breached"]);
  });

  it("an escalation whose label fails loses the label, never doubles the comment", async () => {
    const sweep = createSweep([triaged(7)], { now: PAST_DUE, fail: (attempt) => (attempt.kind === "apply" && attempt.changes.addLabels.length > 0 ? new Error("502") : undefined) });
    expect(await sweep.run()).toEqual(summary({ errors: 1 }));
    expect(await sweep.run()).toEqual(summary({}));
    expect(sweep.tracker.written()).toEqual([ESCALATION]);
    expect(sweep.tracker.ticket(7).labels).toEqual(TRIAGED.labels);
    expect(sweep.log.messages("error")).toEqual(["sweep: ticket failed"]);
  });
});

describe("sweepRepository: tickets whose opening event was lost", () => {
  /** Swept Thursday 12:00Z: the window is 12 Nov 12:00Z to 11:58Z. */
  const NOON = new Date("2026-11-26T12:00:00Z");

  it.each<{ name: string; createdAt: Date; triaged: number }>([
    { name: "opened this morning: triaged", createdAt: OPENED, triaged: 1 },
    { name: "opened 13 days ago: triaged", createdAt: new Date("2026-11-13T12:00:00Z"), triaged: 1 },
    { name: "opened 15 days ago: predates the desk, left alone", createdAt: new Date("2026-11-11T12:00:00Z"), triaged: 0 },
    { name: "opened a minute ago: the webhook's", createdAt: new Date("2026-11-26T11:59:00Z"), triaged: 0 },
  ])("$name", async ({ createdAt, triaged: count }) => {
    const sweep = createSweep([lost(8, createdAt)], { now: NOON });
    expect(await sweep.run()).toEqual(summary({ triaged: count }));
    expect(sweep.tracker.applied()).toHaveLength(count);
    // The next sweep does not triage it again (what else it does depends on the due time).
    expect(await sweep.run()).toMatchObject({ triaged: 0, errors: 0 });
    expect(sweep.tracker.written().filter((body) => body.includes("<!-- frontdesk:ack "))).toHaveLength(count);
    expect(sweep.afterTriage).toEqual(count === 1 ? [8] : []);
  });

  it("writes intake's plan in the lock, after a fresh read of the comments", async () => {
    const sweep = createSweep([lost(8)], { now: NOON });
    await sweep.run();
    expect(sweep.tracker.reads).toEqual(["list", "comments #8"]);
    expect(sweep.tracker.applied()).toEqual([
      changes({
        addLabels: ["support", "urgency: task", "function: development"],
        assign: ["alice", "bob"],
        comments: [expect.stringContaining('<!-- frontdesk:ack {"urgency":"task","due":"2026-11-27T09:00:00.000Z","function":"development","contact":"alice","implementer":"bob"} -->') as unknown as string],
      }),
    ]);
  });

  it("spreads work across the tickets it triages in one sweep", async () => {
    // Alone, #10 would get alice and bob as #8 does (10 and 8 rotate alike); after #8, ann and carol have fewer.
    const sweep = createSweep([lost(8), lost(10)], { now: NOON });
    expect(await sweep.run()).toEqual(summary({ triaged: 2 }));
    expect(sweep.tracker.applied().map((planned) => planned.assign)).toEqual([
      ["alice", "bob"],
      ["ann", "carol"],
    ]);
  });

  it("a webhook that triaged the ticket since the listing wins: nothing written", async () => {
    const sweep = createSweep([lost(8)], { now: NOON });
    const list = sweep.tracker.listOpenIssues.bind(sweep.tracker);
    sweep.tracker.listOpenIssues = async () => {
      const open = await list();
      sweep.tracker.addComment(8, SELF, ACK.body);
      return open;
    };
    expect(await sweep.run()).toEqual(summary({}));
    expect(sweep.tracker.writes).toEqual([]);
  });

  it.each<{ name: string; issue: MemoryIssue; writes: Changes[] }>([
    { name: "a new unlabelled ticket: support only, no comment", issue: lost(8), writes: [changes({ addLabels: ["support"] })] },
    { name: "a ticket already labelled support: nothing", issue: { ticket: ticket({ number: 8, createdAt: OPENED, labels: ["support"] }) }, writes: [] },
    { name: "a ticket older than the window: nothing", issue: lost(8, new Date("2026-11-01T09:00:00Z")), writes: [] },
    { name: "a bot's issue: nothing", issue: { ticket: ticket({ number: 8, createdAt: OPENED, author: { login: "renovate[bot]", isBot: true } }) }, writes: [] },
  ])("with an invalid configuration, $name", async ({ issue, writes }) => {
    const sweep = createSweep([issue], { now: NOON, config: { kind: "invalid", errors: [] } });
    expect(await sweep.run()).toEqual(summary({ triaged: writes.length }));
    expect(sweep.tracker.applied()).toEqual(writes);
    expect(sweep.tracker.reads).toEqual(["list"]);
    expect(sweep.afterTriage).toEqual([]);
  });

  it("without a configuration: no read, no write, not counted", async () => {
    const sweep = createSweep([lost(8)], { now: NOON, config: { kind: "missing" } });
    expect(await sweep.run()).toEqual(createSummary());
    expect(sweep.tracker.reads).toEqual([]);
  });
});

describe("sweepRepository: failures", () => {
  it("a failing ticket is logged and counted; the others go on", async () => {
    const sweep = createSweep([triaged(6), triaged(7), triaged(8)], { now: REMIND_AT, fail: ({ number }) => (number === 7 ? new Error("500 on #7") : undefined) });
    expect(await sweep.run()).toEqual(summary({ reminders: 2, errors: 1 }));
    expect(sweep.tracker.writes.map((write) => write.number)).toEqual([6, 8]);
    expect(sweep.log.entries.filter((entry) => entry.level === "error")).toEqual([
      { level: "error", obj: { err: new Error("500 on #7"), repo: "acme/site", issue: 7 }, msg: "sweep: ticket failed" },
    ]);
  });

  it.each<{ name: string; error: object }>([
    { name: "a 429", error: Object.assign(new Error("Too Many Requests"), { status: 429 }) },
    { name: "a 403 with retry-after", error: Object.assign(new Error("Forbidden"), { status: 403, response: { status: 403, headers: { "retry-after": "60" } } }) },
  ])("a rate limit ($name) stops the sweep: the next tickets are not tried", async ({ error }) => {
    const sweep = createSweep([triaged(6), triaged(7), triaged(8)], { now: REMIND_AT, fail: ({ number }) => (number === 7 ? (error as Error) : undefined) });
    await expect(sweep.run()).rejects.toBe(error);
    expect(sweep.tracker.writes.map((write) => write.number)).toEqual([6]);
  });

  it("a 403 for a missing permission is no rate limit: counted, and the sweep goes on", async () => {
    const forbidden = Object.assign(new Error("Resource not accessible by integration"), { status: 403 });
    const sweep = createSweep([triaged(6), triaged(7), triaged(8)], { now: REMIND_AT, fail: ({ number }) => (number === 7 ? forbidden : undefined) });
    expect(await sweep.run()).toEqual(summary({ reminders: 2, errors: 1 }));
  });
});
