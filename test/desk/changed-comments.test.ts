import { describe, expect, it } from "vitest";
import type { SweepComment } from "../../src/core/plan-sweep.js";
import { readChangedComments, readEach } from "../../src/desk/changed-comments.js";
import type { OpenIssue } from "../../src/desk/port.js";
import { SweepCommentsCache } from "../../src/desk/sweep-comments-cache.js";
import { ticket } from "../helpers/core.js";

const UPDATED = new Date("2026-11-26T10:00:00Z");
const LATER = new Date("2026-11-26T11:00:00Z");

const issue = (number: number, updatedAt = UPDATED): OpenIssue => ({ ticket: ticket({ number }), commentCount: 1, updatedAt });
const ack = (id: number): SweepComment => ({ id, author: { login: "frontdesk[bot]", isBot: true, isSelf: true }, body: `<!-- frontdesk:ack ${id} -->`, createdAt: UPDATED });

/** A platform's read, recording the tickets each call asked for. */
function platform() {
  const calls: number[][] = [];
  const read = async (tickets: readonly OpenIssue[]) => {
    calls.push(tickets.map((open) => open.ticket.number));
    return new Map(tickets.map((open) => [open.ticket.number, [ack(open.ticket.number)]]));
  };
  return { calls, read };
}

describe("readChangedComments", () => {
  it("reads only the tickets changed since the last sweep read them, and keeps what it read", async () => {
    const cache = new SweepCommentsCache();
    const { calls, read } = platform();
    expect(await readChangedComments(cache, "github:acme/site", [issue(7), issue(8)], read)).toEqual(new Map([[7, [ack(7)]], [8, [ack(8)]]]));
    // Unchanged: nothing read. #8 changed: it alone.
    expect(await readChangedComments(cache, "github:acme/site", [issue(7)], read)).toEqual(new Map([[7, [ack(7)]]]));
    expect(await readChangedComments(cache, "github:acme/site", [issue(7), issue(8, LATER)], read)).toEqual(new Map([[7, [ack(7)]], [8, [ack(8)]]]));
    expect(calls).toEqual([[7, 8], [8]]);
  });

  it("keeps a ticket the read found no comments for as one without comments", async () => {
    const cache = new SweepCommentsCache();
    const calls: number[] = [];
    const read = async (tickets: readonly OpenIssue[]) => (calls.push(tickets.length), new Map<number, SweepComment[]>());
    expect(await readChangedComments(cache, "k", [issue(7)], read)).toEqual(new Map());
    expect(await readChangedComments(cache, "k", [issue(7)], read)).toEqual(new Map([[7, []]]));
    expect(calls).toEqual([1]);
  });
});

describe("readEach", () => {
  it("lists each ticket's comments, one after the other", async () => {
    const asked: number[] = [];
    const tracker = { listComments: async (number: number) => (asked.push(number), [ack(number)]) };
    expect(await readEach(tracker, [issue(8), issue(7)])).toEqual(new Map([[8, [ack(8)]], [7, [ack(7)]]]));
    expect(asked).toEqual([8, 7]);
  });
});
