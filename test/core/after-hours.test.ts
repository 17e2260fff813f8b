import { describe, expect, it } from "vitest";
import type { ConfigInput } from "../../src/config/schema.js";
import { readAckRecord } from "../../src/core/ack-record.js";
import { writeMarker } from "../../src/core/marker.js";
import { planIntake } from "../../src/core/plan-intake.js";
import { planSweep } from "../../src/core/plan-sweep.js";
import type { Comment } from "../../src/core/types.js";
import { SELF } from "../fakes/memory-tracker.js";
import { specConfig, ticket } from "../helpers/core.js";

/**
 * "Website nicht erreichbar", Saturday 28 Nov 2026, 02:00 in Berlin (01:00Z):
 * emergencies run around the clock (hours: always), dave and lena rotate on
 * call from Monday 2 Nov (so 28 Nov is lena's week); tasks keep business hours.
 */
const SATURDAY_2AM = new Date("2026-11-28T01:00:00Z");
const base = specConfig();
const config = specConfig({
  team: { ...base.team, on_call: { rotation: ["dave", "lena"], handover: "mon 09:00", from: "2026-11-02" } },
  urgency: { ...base.urgency, levels: { ...base.urgency.levels, emergency: { ...base.urgency.levels.emergency!, hours: "always" } } },
} as Partial<ConfigInput>);
const WINDOW = { from: new Date("2026-11-14T00:00:00Z"), to: new Date("2026-12-31T00:00:00Z") };

function intake(title: string, at = SATURDAY_2AM) {
  const result = planIntake({ config, ticket: ticket({ title, createdAt: at }), comments: [], openTickets: {}, clockStart: at, now: at });
  if (result.kind !== "triage") throw new Error(result.reason);
  return result;
}

describe("emergencies around the clock", () => {
  it("assigns the person on call as well as the contact, and promises 03:00 that night", () => {
    const result = intake("Website nicht erreichbar");
    expect(result.changes.assign).toEqual(["ann", "carol", "lena"]);
    expect(result.decisions.due.toISOString()).toBe("2026-11-28T02:00:00.000Z");
    expect(result.changes.comments[0]).toContain("Sat, 28 Nov 2026, 03:00 CET");
    expect(result.changes.comments[0]).toContain('"clock":"wall"');
    expect(result.reasons).toContain("on call: lena (rotation since 2026-11-23 09:00)");
    expect(result.reasons).toContain(
      "first response due: Sat, 28 Nov 2026, 03:00 CET (1h on the wall clock, outside business hours (hours: always) from Sat, 28 Nov 2026, 02:00 CET)",
    );
  });

  it("promises a task opened at the same time within business hours, and assigns nobody on call", () => {
    const result = intake("Please update the footer");
    // The business clock starts Monday 09:00; a day is 8 business hours: Monday 17:00.
    expect(result.decisions.due.toISOString()).toBe("2026-11-30T16:00:00.000Z");
    expect(result.changes.comments[0]).not.toContain('"clock"');
    expect(result.reasons.some((reason) => reason.startsWith("on call"))).toBe(false);
  });

  it("changes nothing for an emergency inside business hours", () => {
    const monday = new Date("2026-11-30T09:00:00Z");
    const result = intake("Website nicht erreichbar", monday);
    expect(result.decisions.due.toISOString()).toBe("2026-11-30T10:00:00.000Z");
    expect(result.changes.assign).not.toContain("lena");
  });

  it("escalates an unanswered one after 03:00 by the sweep, and reminds on the wall clock before", () => {
    const { changes } = intake("Website nicht erreichbar");
    const ack: Comment = { id: 1, author: SELF, body: changes.comments[0]!, createdAt: new Date(SATURDAY_2AM.getTime() + 1000) };
    const open = ticket({ title: "Website nicht erreichbar", createdAt: SATURDAY_2AM, labels: changes.addLabels, assignees: changes.assign });
    const at = (iso: string) => planSweep({ config, ticket: open, commentCount: 1, comments: [ack], now: new Date(iso), triageWindow: WINDOW });
    expect(at("2026-11-28T01:40:00Z").kind).toBe("skip");
    expect(at("2026-11-28T01:49:00Z").kind).toBe("remind");
    expect(at("2026-11-28T02:00:00Z")).toMatchObject({ kind: "escalate", reason: "due 2026-11-28T02:00:00.000Z passed without a first response" });
    // From the listing alone the sweep asks for the comments in time, on the wall clock.
    expect(planSweep({ config, ticket: open, commentCount: 1, now: new Date("2026-11-28T01:49:00Z"), triageWindow: WINDOW }).kind).toBe("need-comments");
  });

  it("reads back a wall-clock record", () => {
    const record = { urgency: "emergency", due: "2026-11-28T02:00:00.000Z", clock: "wall" as const, onCall: "lena" };
    expect(writeMarker("ack", record)).toContain('"clock":"wall","onCall":"lena"');
    expect(readAckRecord({ ...record })).toEqual(record);
    expect(readAckRecord({ ...record, clock: "moon" })).toEqual({ urgency: "emergency", due: record.due, onCall: "lena" });
  });
});
