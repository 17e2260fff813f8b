import { describe, expect, it } from "vitest";
import type { SweepComment } from "../../src/core/plan-sweep.js";
import type { OpenIssue } from "../../src/desk/port.js";
import { SweepCommentsCache } from "../../src/desk/sweep-comments-cache.js";
import { ticket } from "../helpers/core.js";

const UPDATED = new Date("2026-11-26T10:00:00Z");
const LATER = new Date("2026-11-26T11:00:00Z");

/** `null`: the listing gives no time of change. */
const issue = (number: number, commentCount: number, updatedAt: Date | null = UPDATED): OpenIssue => ({
  ticket: ticket({ number }),
  commentCount,
  ...(updatedAt ? { updatedAt } : {}),
});

const person = (id: number, body: string): SweepComment => ({
  id,
  author: { login: "client-joe", isBot: false },
  body,
  createdAt: UPDATED,
});
const bot = (id: number, body: string): SweepComment => ({
  id,
  author: { login: "frontdesk[bot]", isBot: true, isSelf: true },
  body,
  createdAt: UPDATED,
});

describe("SweepCommentsCache", () => {
  it("gives back what was read while the issue's version is the same", async () => {
    const cache = new SweepCommentsCache();
    await cache.set("acme/site", issue(7, 1), [bot(1, "<!-- frontdesk:ack -->")]);
    expect(await cache.get("acme/site", issue(7, 1))).toEqual([bot(1, "<!-- frontdesk:ack -->")]);
    expect(await cache.get("ACME/Site", issue(7, 1))).toEqual([bot(1, "<!-- frontdesk:ack -->")]);
  });

  it.each([
    { name: "another comment count", later: issue(7, 2) },
    { name: "a later change", later: issue(7, 1, LATER) },
    { name: "no time of change in the listing", later: issue(7, 1, null) },
    { name: "another issue", later: issue(8, 1) },
  ])("reads again after $name", async ({ later }) => {
    const cache = new SweepCommentsCache();
    await cache.set("acme/site", issue(7, 1), [bot(1, "marker")]);
    expect(await cache.get("acme/site", later)).toBeUndefined();
  });

  it("keeps repositories apart", async () => {
    const cache = new SweepCommentsCache();
    await cache.set("acme/site", issue(7, 1), [bot(1, "marker")]);
    expect(await cache.get("acme/shop", issue(7, 1))).toBeUndefined();
  });

  it("keeps nothing for an issue the listing gives no time of change for", async () => {
    const cache = new SweepCommentsCache();
    await cache.set("acme/site", issue(7, 1, null), [bot(1, "marker")]);
    expect(await cache.get("acme/site", issue(7, 1, null))).toBeUndefined();
  });

  it("drops the texts of people and other bots, keeps who wrote them and when, and frontdesk's own texts", async () => {
    const cache = new SweepCommentsCache();
    const other: SweepComment = { id: 3, author: { login: "ci[bot]", isBot: true }, body: "<!-- frontdesk:escalation {} -->", createdAt: UPDATED };
    const read = [person(1, "my site is down"), bot(2, "<!-- frontdesk:ack -->"), other];
    await cache.set("acme/site", issue(7, 3), read);
    expect(await cache.get("acme/site", issue(7, 3))).toEqual([
      { id: 1, author: { login: "client-joe", isBot: false }, body: "", createdAt: UPDATED },
      bot(2, "<!-- frontdesk:ack -->"),
      { ...other, body: "" },
    ]);
    expect(read[0]!.body).toBe("my site is down");
  });

  it("replaces an issue's comments when it is read at a new version", async () => {
    const cache = new SweepCommentsCache();
    await cache.set("acme/site", issue(7, 1), [bot(1, "first")]);
    await cache.set("acme/site", issue(7, 2, LATER), [bot(1, "first"), bot(2, "second")]);
    expect(await cache.get("acme/site", issue(7, 1))).toBeUndefined();
    expect(await cache.get("acme/site", issue(7, 2, LATER))).toEqual([bot(1, "first"), bot(2, "second")]);
  });

  it("keeps at most maxEntries issues, forgetting the one set longest ago", async () => {
    const cache = new SweepCommentsCache(2);
    await cache.set("acme/site", issue(1, 0), []);
    await cache.set("acme/site", issue(2, 0), []);
    await cache.set("acme/site", issue(1, 0), [bot(1, "again")]); // set again: now the newest
    await cache.set("acme/site", issue(3, 0), []);
    expect(await cache.get("acme/site", issue(1, 0))).toEqual([bot(1, "again")]);
    expect(await cache.get("acme/site", issue(2, 0))).toBeUndefined();
    expect(await cache.get("acme/site", issue(3, 0))).toEqual([]);
  });
});
