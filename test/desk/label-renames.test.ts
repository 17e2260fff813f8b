import { describe, expect, it } from "vitest";
import { describeLabel } from "../../src/core/labels.js";
import { writeMarker } from "../../src/core/marker.js";
import type { Comment, Ticket } from "../../src/core/types.js";
import { handleComment } from "../../src/desk/events.js";
import type { RepoConfig } from "../../src/desk/repo-config.js";
import { keptListing, type ListingSource } from "../../src/desk/kept-listing.js";
import { reviewAfterTriage } from "../../src/desk/project-step.js";
import { sweepRepository } from "../../src/desk/sweep-repo.js";
import { LocalKeptState } from "../../src/runtime/kept-state.js";
import { handleOpened } from "../../src/desk/triage.js";
import { createMemoryLog } from "../fakes/memory-log.js";
import { memoryRepository } from "../fakes/memory-repository.js";
import { MemoryTracker, SELF, type Attempt, type MemoryIssue } from "../fakes/memory-tracker.js";
import { specConfig, ticket } from "../helpers/core.js";

/**
 * A desk that switched from English to German (`language: de`, no names of
 * its own) while its repository holds tickets with the English labels that
 * frontdesk created, described as its own. Until the sweep renames them,
 * frontdesk recognises the old names and writes the labels the repository
 * has; the sweep renames each once, in place where the platform can.
 */

const levels = { emergency: { keywords: ["down"], respond_within: "1h" }, task: { respond_within: "1d" } };
const ENGLISH = specConfig({ urgency: { levels, default: "task" }, project_work: { threshold: "4h" } });
const GERMAN: RepoConfig = { kind: "valid", config: specConfig({ language: "de", urgency: { levels, default: "task" }, project_work: { threshold: "4h" } }), warnings: [] };

/** Thursday 26 Nov 2026, 10:00 in Berlin; the tasks are due on Friday at 10:00. */
const OPENED = new Date("2026-11-26T09:00:00Z");
const SOON = new Date("2026-11-26T10:00:00Z");
const PAST_DUE = new Date("2026-11-27T10:30:00Z");
const RECORD = { urgency: "task", due: "2026-11-27T09:00:00.000Z", function: "development", contact: "ann", implementer: "carol" };
const ack = (id: number): Comment => ({ id, author: SELF, body: `Danke.\n\n${writeMarker("ack", RECORD)}`, createdAt: new Date("2026-11-26T09:00:01Z") });
const OLD = ["support", "urgency: emergency", "urgency: task", "function: development", "project-work", "needs estimate", "sla: breached"];

/**
 * #7 a task, #8 project work and an emergency (a person's labels only: the
 * record does not say so), #5 closed; all with the old labels.
 */
function repository(options: { rename?: boolean; labels?: string[]; fail?: (attempt: Attempt) => Error | undefined; more?: MemoryIssue[] } = {}) {
  const issue = (number: number, labels: string[], extra: Partial<Ticket> = {}): MemoryIssue => ({
    ticket: ticket({ number, createdAt: OPENED, labels, assignees: ["ann", "carol"], ...extra }),
    comments: [ack(number)],
  });
  const labels = [...OLD.map((name) => describeLabel(ENGLISH, name)), ...(options.labels ?? [])];
  return new MemoryTracker({
    now: SOON,
    labels,
    capabilities: { rename: options.rename ?? true },
    ...(options.fail ? { fail: options.fail } : {}),
    issues: [
      issue(7, ["support", "urgency: task", "function: development"]),
      issue(8, ["project-work", "urgency: emergency", "function: development"]),
      issue(5, ["support", "urgency: task", "sla: breached"], { state: "closed" }),
      ...(options.more ?? []),
    ],
  });
}

async function sweep(tracker: MemoryTracker, now: Date) {
  tracker.now = now;
  const log = createMemoryLog();
  const summary = await sweepRepository({ tracker, config: GERMAN, readComments: (open) => tracker.readComments(open), lock: (_number, task) => task(), now, log });
  return { summary, log };
}

describe("labels renamed in the configuration, before the sweep renamed them", () => {
  it("intake writes the labels the repository has, never a second one beside an old one", async () => {
    const opened = ticket({ number: 9, title: "Website is down", createdAt: SOON });
    const tracker = repository({ more: [{ ticket: opened }] });
    const { open } = memoryRepository(tracker, GERMAN);
    await handleOpened({ ticket: opened, by: async () => opened.author, reopened: false, commentCount: 0 }, open);

    expect(tracker.applied(9)[0]?.addLabels).toEqual(["support", "urgency: emergency", "function: development"]);
    expect(tracker.createdLabels).toEqual([]);
    // The message names the level as the German desk does.
    expect(tracker.written(9)[0]).toContain("Dringlichkeit: **Notfall**");
  });

  it("a command removes the old urgency label under its old name; the sweep settles the rest", async () => {
    const tracker = repository();
    const { open } = memoryRepository(tracker, GERMAN);
    const lena = { login: "lena", isBot: false };
    const event = { ticket: tracker.ticket(7), comment: { id: 60, body: "/urgency Notfall", internal: false }, author: async () => lena };
    expect((await handleComment(event, open)).status).toBe("done");

    // The step read #7 alone, which carries no old emergency label: the German one is new.
    expect(tracker.applied(7)[0]).toMatchObject({ addLabels: ["Dringlichkeit: Notfall"], removeLabels: ["urgency: task"] });
    expect(tracker.ticket(7).labels).toEqual(["support", "function: development", "Dringlichkeit: Notfall"]);

    // Its new name taken, the old emergency label of #8 is relabelled there; the rest is renamed in place.
    await sweep(tracker, SOON);
    expect(tracker.applied(8)).toEqual([expect.objectContaining({ addLabels: ["Dringlichkeit: Notfall"], removeLabels: ["urgency: emergency"] })]);
    expect(tracker.ticket(8).labels).toEqual(["Projektarbeit", "Funktion: Development", "Dringlichkeit: Notfall"]);
    expect(tracker.ticket(7).labels).toEqual(["Support", "Funktion: Development", "Dringlichkeit: Notfall"]);
  });
});

describe("the sweep renames frontdesk's old labels", () => {
  it("in place, once, on every ticket at once, closed ones too", async () => {
    const tracker = repository();
    expect((await sweep(tracker, SOON)).summary).toMatchObject({ errors: 0, escalations: 0 });

    expect(tracker.renamed).toEqual([
      { from: "support", to: "Support" },
      { from: "urgency: task", to: "Dringlichkeit: Aufgabe" },
      { from: "function: development", to: "Funktion: Development" },
      { from: "project-work", to: "Projektarbeit" },
      { from: "urgency: emergency", to: "Dringlichkeit: Notfall" },
    ]);
    expect(tracker.ticket(7).labels).toEqual(["Support", "Dringlichkeit: Aufgabe", "Funktion: Development"]);
    expect(tracker.ticket(8).labels).toEqual(["Projektarbeit", "Dringlichkeit: Notfall", "Funktion: Development"]);
    expect(tracker.ticket(5).labels).toEqual(["Support", "Dringlichkeit: Aufgabe", "sla: breached"]);
    expect(tracker.writes).toEqual([]);

    await sweep(tracker, SOON);
    expect(tracker.renamed).toHaveLength(5);
    expect(tracker.writes).toEqual([]);
  });

  it("ticket by ticket where the platform cannot rename, or the new name is taken; once", async () => {
    for (const tracker of [repository({ rename: false }), repository({ labels: ["Projektarbeit"] })]) {
      await sweep(tracker, SOON);
      const relabelled = tracker.applied().map((changes) => [...changes.addLabels, ...changes.removeLabels]);
      expect(relabelled).toContainEqual(["Projektarbeit", "project-work"]);
      expect(tracker.ticket(8).labels).toEqual(expect.arrayContaining(["Projektarbeit"]));
      expect(tracker.ticket(8).labels).not.toContain("project-work");
      // support and Support are one label to every platform: nothing to relabel.
      expect(relabelled.flat()).not.toContain("Support");

      const before = tracker.writes.length;
      await sweep(tracker, SOON);
      expect(tracker.writes).toHaveLength(before);
    }
  });

  it("still knows a label it could not rename: project work under its old name stays exempt", async () => {
    const refuseRelabel = (attempt: Attempt) => (attempt.kind === "apply" && attempt.changes.addLabels.includes("Projektarbeit") ? new Error("403 Forbidden") : undefined);
    const tracker = repository({ labels: ["Projektarbeit"], fail: refuseRelabel });
    const { summary, log } = await sweep(tracker, PAST_DUE);

    // #7 is escalated with the German label; #8, past due too, is project work under its old name.
    expect(summary).toMatchObject({ errors: 0, escalations: 1 });
    expect(tracker.written(8)).toEqual([]);
    expect(tracker.ticket(8).labels).toContain("project-work");
    // The old escalation label is on a closed ticket only, which the sweep does not see: the German one is new.
    expect(tracker.applied(7).at(-1)?.addLabels).toEqual(["Frist überschritten"]);
    expect(log.messages("error")).toContain("sweep: renaming a label failed; its old name is still recognised");
  });
});

describe("the sweep renames frontdesk's old labels, with the listing it keeps between runs", () => {
  /** A rename changes no issue's time of change: the platform's listing of changes says nothing changed (GitHub's 304). */
  function keptSweep(tracker: MemoryTracker) {
    const kept = new LocalKeptState();
    const source: ListingSource = {
      listOpen: async () => ({ issues: await tracker.listOpenIssues(), cursor: { since: "a" } }),
      listChanged: async () => ({ unchanged: true, cursor: {} }),
    };
    return async (now: Date) => {
      tracker.now = now;
      const listing = keptListing({ key: "github:acme/site", source, kept, now: now.getTime() });
      return sweepRepository({ tracker, config: GERMAN, ...listing, readComments: (open) => tracker.readComments(open), lock: (_number, task) => task(), now, log: createMemoryLog() });
    };
  }

  it("in place: the next sweep, told nothing changed, renames and relabels nothing", async () => {
    const tracker = repository();
    const sweep = keptSweep(tracker);
    await sweep(SOON);
    expect(tracker.renamed).toHaveLength(5);
    expect(tracker.writes).toEqual([]);

    await sweep(new Date(SOON.getTime() + 60_000));
    expect(tracker.renamed).toHaveLength(5);
    expect(tracker.writes).toEqual([]);
  });

  it("ticket by ticket: the next sweep relabels nothing again", async () => {
    const tracker = repository({ labels: ["Projektarbeit"] });
    const sweep = keptSweep(tracker);
    await sweep(SOON);
    expect(tracker.applied(8)).toEqual([expect.objectContaining({ addLabels: ["Projektarbeit"], removeLabels: ["project-work"] })]);
    const writes = tracker.writes.length;

    await sweep(new Date(SOON.getTime() + 60_000));
    expect(tracker.writes).toHaveLength(writes);
  });
});

describe("the sweep's review after triage, with a label the sweep could not rename", () => {
  it("reads the ticket with the current names and removes the support label under the name it carries", async () => {
    // `support` is `Anfrage` now; that name is someone else's label, and relabelling #7 is refused.
    const config = specConfig({ labels: { support: "Anfrage" } });
    const refused = (attempt: Attempt) => (attempt.kind === "apply" && attempt.changes.addLabels.includes("Anfrage") ? new Error("403 Forbidden") : undefined);
    const tracker = new MemoryTracker({
      now: SOON,
      labels: [describeLabel(ENGLISH, "support"), "Anfrage"],
      capabilities: { rename: true },
      fail: refused,
      issues: [
        { ticket: ticket({ number: 7, createdAt: OPENED, labels: ["support"], assignees: ["ann", "carol"] }), comments: [ack(7)] },
        // Opened by the team with an estimate above the threshold; its opening event was lost.
        { ticket: ticket({ number: 9, title: "Relaunch the shop", body: "### Estimate\n\n3d", author: { login: "ann", isBot: false }, createdAt: OPENED }) },
      ],
    });
    const log = createMemoryLog();
    const summary = await sweepRepository({
      tracker,
      config: { kind: "valid", config, warnings: [] },
      readComments: (open) => tracker.readComments(open),
      lock: (_number, task) => task(),
      // As the platforms' sweeps do: the review with the tracker the sweep hands over.
      afterTriage: async (issue, valid, current) => void (await reviewAfterTriage({ tracker: current, config: valid, ticket: issue.ticket, now: SOON, log })),
      now: SOON,
      log,
    });

    expect(summary).toMatchObject({ triaged: 1, errors: 0 });
    expect(log.messages("error")).toEqual(["sweep: renaming a label failed; its old name is still recognised"]);
    // Triaged under the label the repository has, then project work: that label is gone, no second one beside it.
    expect(tracker.applied(9)[0]?.addLabels).toContain("support");
    expect(tracker.ticket(9).labels).toContain("project-work");
    expect(tracker.ticket(9).labels).not.toContain("support");
    expect(tracker.ticket(9).labels).not.toContain("Anfrage");
  });
});
