import { describe, expect, it } from "vitest";
import { writeMarker } from "../../src/core/marker.js";
import type { Actor, Ticket } from "../../src/core/types.js";
import { handleChange, handleComment } from "../../src/desk/events.js";
import type { RepoConfig } from "../../src/desk/repo-config.js";
import { memoryRepository } from "../fakes/memory-repository.js";
import { MemoryTracker, SELF } from "../fakes/memory-tracker.js";
import { SPEC_PROJECT_REASON, specConfig, ticket } from "../helpers/core.js";

/**
 * Events after intake, decided once for every platform: what is worth a look,
 * who may do what, and the project step. No HTTP: the repository is the
 * in-memory port.
 */

const NOW = new Date("2026-11-26T13:00:00Z");
const RECORD = { urgency: "task", due: "2026-11-27T09:00:00.000Z", function: "development", contact: "ann", implementer: "carol" };
const TRIAGED = ticket({ labels: ["support", "urgency: task", "function: development"], assignees: ["ann", "carol"] });
const person = (login: string): Actor => ({ login, isBot: false, isSelf: false });
const VALID: RepoConfig = { kind: "valid", config: specConfig(), warnings: [] };

/** A repository holding #7, triaged, and how often the desk opened it. */
function repository(config: RepoConfig = VALID) {
  const tracker = new MemoryTracker({ now: NOW, issues: [{ ticket: TRIAGED }], capabilities: { boards: true } });
  tracker.addComment(7, SELF, `Thanks!\n\n${writeMarker("ack", RECORD)}`, new Date("2026-11-26T09:00:01Z"));
  return { tracker, ...memoryRepository(tracker, config) };
}

function comment(body: string, author: Actor, overrides: { ticket?: Ticket; internal?: boolean } = {}) {
  return { ticket: overrides.ticket ?? TRIAGED, comment: { id: 50, body, internal: overrides.internal ?? false }, author: async () => author };
}

describe("handleComment", () => {
  it.each([
    ["an ordinary comment", comment("Thanks, any news?", person("client-joe")), "no commands"],
    ["a bot's command", comment("/project", { login: "ci[bot]", isBot: true }), "ci[bot] is frontdesk or a bot"],
    ["frontdesk's own comment", comment("/project", SELF), "frontdesk[bot] is frontdesk or a bot"],
    ["a command on a pull request", comment("/project", person("ann"), { ticket: { ...TRIAGED, isPullRequest: true } }), "pull and merge requests are never tickets"],
  ])("ignores %s without opening the repository", async (_name, event, reason) => {
    const { open, opened } = repository();
    expect(await handleComment(event, open)).toEqual({ status: "ignored", reason });
    expect(opened.count).toBe(0);
  });

  it("waits for a valid configuration", async () => {
    const { open, tracker } = repository({ kind: "invalid", errors: [] });
    expect(await handleComment(comment("/project", person("lena")), open)).toEqual({ status: "ignored", reason: "no valid configuration (invalid)" });
    expect(tracker.writes).toEqual([]);
  });

  it("runs the team's command", async () => {
    const { open, tracker } = repository();
    expect(await handleComment(comment("/project", person("lena")), open)).toEqual({ status: "done", reason: `/project decides; ${SPEC_PROJECT_REASON}` });
    expect(tracker.ticket(7).labels).toContain("project-work");
  });

  it("refuses the client side's command once, publicly, or internally when it came in an internal note", async () => {
    for (const internal of [false, true]) {
      const { open, tracker } = repository();
      expect(await handleComment(comment("/project", person("client-joe"), { internal }), open)).toEqual({ status: "done", reason: "refused: client-joe is the client side, not in the roster" });
      const [written] = tracker.applied(7).filter((changes) => changes.comments.length + (changes.internalComments ?? []).length > 0);
      expect(written?.comments ?? []).toHaveLength(internal ? 0 : 1);
      expect(written?.internalComments ?? []).toHaveLength(internal ? 1 : 0);
      expect(tracker.ticket(7).labels).not.toContain("project-work");
    }
  });
});

describe("handleChange", () => {
  const change = (by: Actor, fields: { addedLabels?: string[]; estimateMinutes?: number; commentCount?: number }) => ({
    ticket: TRIAGED,
    by: async () => by,
    addedLabels: fields.addedLabels ?? [],
    estimateMinutes: fields.estimateMinutes,
    commentCount: fields.commentCount,
  });

  it.each([
    ["nothing new", change(person("ann"), {}), "no new estimate or label"],
    ["a template's label before intake", change(person("client-joe"), { addedLabels: ["size: L"], commentCount: 0 }), "no acknowledgement yet: intake is still to come"],
    ["frontdesk's own label", change(SELF, { addedLabels: ["support"] }), "frontdesk[bot] is frontdesk or a bot"],
  ])("ignores %s without opening the repository", async (_name, event, reason) => {
    const { open, opened } = repository();
    expect(await handleChange(event, open)).toEqual({ status: "ignored", reason });
    expect(opened.count).toBe(0);
  });

  it.each([
    ["a size label from the client side", change(person("client-joe"), { addedLabels: ["size: XL"] }), { status: "ignored", reason: "client-joe is the client side: their estimate or label is no decision" }, false],
    ["a label that is none of frontdesk's business", change(person("ann"), { addedLabels: ["question"] }), { status: "ignored", reason: "no estimate and no urgency or size label" }, false],
    ["the team's size label", change(person("ann"), { addedLabels: ["size: L"] }), { status: "done", reason: `estimate 2d (label) vs threshold 4h; ${SPEC_PROJECT_REASON}` }, true],
    ["the team's estimate (16 hours of work, 2 business days)", change(person("ann"), { estimateMinutes: 960 }), { status: "done", reason: `estimate 2d (command) vs threshold 4h; ${SPEC_PROJECT_REASON}` }, true],
  ])("%s", async (_name, event, outcome, project) => {
    const { open, tracker } = repository();
    expect(await handleChange(event, open)).toEqual(outcome);
    expect(tracker.ticket(7).labels.includes("project-work")).toBe(project);
  });
});
