import { describe, expect, it } from "vitest";
import type { Config } from "../../src/config/schema.js";
import type { Changes } from "../../src/core/plan.js";
import type { Ticket } from "../../src/core/types.js";
import { reconcileIntake, type IntakeOutcome } from "../../src/desk/intake.js";
import type { RepoConfig } from "../../src/desk/repo-config.js";
import { createMemoryLog } from "../fakes/memory-log.js";
import { MemoryTracker, type MemoryIssue } from "../fakes/memory-tracker.js";
import { specConfig, ticket } from "../helpers/core.js";

/** Thursday 26 Nov 2026, 10:00 in Berlin, when issue #7 was opened. */
const OPENED = new Date("2026-11-26T09:00:00Z");
const valid = (config: Config = specConfig()): RepoConfig => ({ kind: "valid", config, warnings: [] });
const INVALID: RepoConfig = { kind: "invalid", errors: [] };

/** The acknowledgement of a task (1d, due Friday 10:00 Berlin) with ann as the contact and carol on it. */
const TASK_ACK =
  "Thanks for your request, we have it. Urgency: **task**. Your contact is @ann; @carol is working on it. You will hear from us by **Fri, 27 Nov 2026, 10:00 CET**.\n\n" +
  '<!-- frontdesk:ack {"urgency":"task","due":"2026-11-27T09:00:00.000Z","function":"development","contact":"ann","implementer":"carol"} -->';

function changes(overrides: Partial<Changes>): Changes {
  return { addLabels: [], removeLabels: [], assign: [], unassign: [], comments: [], ...overrides };
}

interface Case {
  name: string;
  /** The issue as the event describes it; the tracker holds the same unless `stored` says otherwise. */
  event: Ticket;
  stored?: Partial<Ticket>;
  others?: MemoryIssue[];
  config?: RepoConfig;
  reopened?: boolean;
  now?: Date;
  outcome: Partial<IntakeOutcome>;
  writes: Changes[];
  reads: string[];
}

const CASES: Case[] = [
  {
    name: "a new client ticket: labels, a contact, an implementer and one acknowledgement",
    event: ticket(),
    outcome: { kind: "triage" },
    writes: [changes({ addLabels: ["support", "urgency: task", "function: development"], assign: ["ann", "carol"], comments: [TASK_ACK] })],
    reads: ["list"],
  },
  {
    name: "an emergency is due within the business hour",
    event: ticket({ title: "Website is down!" }),
    outcome: { kind: "triage" },
    writes: [
      changes({
        addLabels: ["support", "urgency: emergency", "function: development"],
        assign: ["ann", "carol"],
        comments: [
          "Thanks for your request, we have it. Urgency: **emergency**. Your contact is @ann; @carol is working on it. You will hear from us by **Thu, 26 Nov 2026, 11:00 CET**.\n\n" +
            '<!-- frontdesk:ack {"urgency":"emergency","due":"2026-11-26T10:00:00.000Z","function":"development","contact":"ann","implementer":"carol"} -->',
        ],
      }),
    ],
    reads: ["list"],
  },
  {
    name: "work is spread by the open support tickets of the listing (non-tickets not counted)",
    event: ticket(),
    others: [
      { ticket: ticket({ number: 3, labels: ["support"], assignees: ["ann", "carol"] }) },
      { ticket: ticket({ number: 4, labels: ["question"], assignees: ["alice", "bob"] }) },
    ],
    outcome: { kind: "triage" },
    writes: [changes({ addLabels: ["support", "urgency: task", "function: development"], assign: ["alice", "bob"], comments: [expect.stringContaining("Your contact is @alice; @bob is working on it.") as unknown as string] })],
    reads: ["list"],
  },
  {
    name: "a person's assignee is kept: no assignment, they are named",
    event: ticket({ assignees: ["alice"] }),
    outcome: { kind: "triage" },
    writes: [
      changes({
        addLabels: ["support", "urgency: task", "function: development"],
        comments: [
          "Thanks for your request, we have it. Urgency: **task**. Your contact is @alice. You will hear from us by **Fri, 27 Nov 2026, 10:00 CET**.\n\n" +
            '<!-- frontdesk:ack {"urgency":"task","due":"2026-11-27T09:00:00.000Z","function":"development","contact":"alice"} -->',
        ],
      }),
    ],
    reads: ["list"],
  },
  {
    name: "the listing's labels win over the event's: support is not added twice",
    event: ticket(),
    stored: { labels: ["Support"] },
    outcome: { kind: "triage" },
    writes: [changes({ addLabels: ["urgency: task", "function: development"], assign: ["ann", "carol"], comments: [TASK_ACK] })],
    reads: ["list"],
  },
  {
    name: "a reopened ticket's clock starts at the reopening (Monday 10:00 -> Tuesday 10:00)",
    event: ticket(),
    reopened: true,
    now: new Date("2026-11-30T09:00:00Z"),
    outcome: { kind: "triage" },
    writes: [changes({ addLabels: ["support", "urgency: task", "function: development"], assign: ["ann", "carol"], comments: [expect.stringContaining('"due":"2026-12-01T09:00:00.000Z"') as unknown as string] })],
    reads: ["list"],
  },
  {
    name: "an invalid configuration: the support label and nothing else, without a read",
    event: ticket({ title: "Website is down!" }),
    config: INVALID,
    outcome: { kind: "invalid-config" },
    writes: [changes({ addLabels: ["support"] })],
    reads: [],
  },
  {
    name: "an invalid configuration on a ticket labelled support: nothing",
    event: ticket({ labels: ["support"] }),
    config: INVALID,
    outcome: { kind: "invalid-config" },
    writes: [],
    reads: [],
  },
  { name: "no configuration: nothing", event: ticket(), config: { kind: "missing" }, outcome: { kind: "no-config" }, writes: [], reads: [] },
  {
    name: "a bot's issue: skipped before any read",
    event: ticket({ author: { login: "renovate[bot]", isBot: true } }),
    outcome: { kind: "skip", reason: "renovate[bot] is a bot" },
    writes: [],
    reads: [],
  },
  {
    name: "an author in ignore_authors: skipped",
    event: ticket({ author: { login: "Deploy-User", isBot: false } }),
    outcome: { kind: "skip", reason: "Deploy-User is in ignore_authors" },
    writes: [],
    reads: [],
  },
  {
    name: "a paused repository: skipped",
    event: ticket(),
    config: valid(specConfig({ enabled: false })),
    outcome: { kind: "skip", reason: "frontdesk is paused here (enabled: false)" },
    writes: [],
    reads: [],
  },
];

function setUp(testCase: Pick<Case, "event" | "stored" | "others" | "now">) {
  const stored = { ...testCase.event, ...testCase.stored };
  return new MemoryTracker({ now: testCase.now ?? OPENED, issues: [{ ticket: stored }, ...(testCase.others ?? [])] });
}

function run(tracker: MemoryTracker, event: Ticket, options: { config?: RepoConfig; reopened?: boolean; now?: Date; commentCount?: number } = {}) {
  return reconcileIntake({
    tracker,
    config: options.config ?? valid(),
    ticket: event,
    commentCount: options.commentCount ?? 0,
    reopened: options.reopened ?? false,
    now: options.now ?? OPENED,
    log: createMemoryLog(),
  });
}

describe("reconcileIntake against the memory port", () => {
  it.each(CASES)("$name", async (testCase) => {
    const tracker = setUp(testCase);
    const outcome = await run(tracker, testCase.event, testCase);
    expect(outcome).toMatchObject(testCase.outcome);
    expect(tracker.applied()).toEqual(testCase.writes);
    expect(tracker.reads).toEqual(testCase.reads);
  });

  it("creates the labels the repository lacks, with frontdesk's colours", async () => {
    const tracker = new MemoryTracker({ now: OPENED, labels: ["support"], issues: [{ ticket: ticket() }] });
    await run(tracker, ticket());
    expect(tracker.createdLabels).toEqual([
      { name: "urgency: task", color: "d93f0b", description: "frontdesk: urgency level task" },
      { name: "function: development", color: "bfdadc", description: "frontdesk: the skill this ticket needs (development)" },
    ]);
  });

  it("an invalid configuration creates support without a configuration's help", async () => {
    const tracker = new MemoryTracker({ now: OPENED, issues: [{ ticket: ticket() }] });
    await run(tracker, ticket(), { config: INVALID });
    expect(tracker.createdLabels).toEqual([{ name: "support", color: "1d76db", description: "frontdesk: a support ticket" }]);
    expect(tracker.ticket(7)).toMatchObject({ labels: ["support"], assignees: [] });
  });
});

describe("intake triages once", () => {
  it("the same event twice: the second finds the acknowledgement and writes nothing", async () => {
    const tracker = setUp({ event: ticket() });
    const log = createMemoryLog();
    const first = await reconcileIntake({ tracker, config: valid(), ticket: ticket(), commentCount: 0, reopened: false, now: OPENED, log });
    // The redelivery carries the event's stale view: no labels, no comments.
    const second = await reconcileIntake({ tracker, config: valid(), ticket: ticket(), commentCount: 0, reopened: false, now: OPENED, log });
    expect(first.kind).toBe("triage");
    expect(second).toEqual({ kind: "skip", reason: "already triaged" });
    expect(tracker.writes).toHaveLength(1);
    expect(tracker.written()).toEqual([TASK_ACK]);
    expect(tracker.ticket(7)).toMatchObject({ labels: ["support", "urgency: task", "function: development"], assignees: ["ann", "carol"] });
    expect(tracker.reads).toEqual(["list", "list", "comments #7"]);
    expect(log.messages("info")).toEqual(["ticket triaged"]);
  });

  it("a forged acknowledgement by the client does not stop triage", async () => {
    const tracker = setUp({ event: ticket() });
    tracker.addComment(7, { login: "client-joe", isBot: false }, TASK_ACK);
    await run(tracker, ticket(), { commentCount: 1 });
    expect(tracker.written()).toEqual([TASK_ACK]);
  });

  it("a failed write leaves nothing behind, and the redelivery triages once", async () => {
    const tracker = new MemoryTracker({ now: OPENED, issues: [{ ticket: ticket() }], fail: ({ ordinal }) => (ordinal === 1 ? new Error("502 Bad Gateway") : undefined) });
    await expect(run(tracker, ticket())).rejects.toThrow("502 Bad Gateway");
    expect(tracker.writes).toEqual([]);
    await run(tracker, ticket());
    await run(tracker, ticket());
    expect(tracker.written()).toEqual([TASK_ACK]);
  });

  it("logs the decision with the due time", async () => {
    const tracker = setUp({ event: ticket() });
    const log = createMemoryLog();
    await reconcileIntake({ tracker, config: valid(), ticket: ticket(), commentCount: 0, reopened: false, now: OPENED, log });
    expect(log.entries).toContainEqual({
      level: "info",
      obj: { repo: "acme/site", issue: 7, urgency: "task", contact: "ann", implementer: "carol", due: "2026-11-27T09:00:00.000Z", reasons: expect.arrayContaining(["urgency: task (no rule matched: urgency.default)"]) },
      msg: "ticket triaged",
    });
  });
});
