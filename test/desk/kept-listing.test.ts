import { describe, expect, it } from "vitest";
import { FULL_CHECK_MS, keptListing, listKeptOpenIssues, renameKeptLabels, type Listed, type ListingCursor, type ListingSource } from "../../src/desk/kept-listing.js";
import type { OpenIssue } from "../../src/desk/port.js";
import { LocalKeptState } from "../../src/runtime/kept-state.js";
import { ticket } from "../helpers/core.js";

const NOW = Date.parse("2026-11-27T10:00:00Z");
const OLD = new Date("2026-09-01T09:00:00Z");

const issue = (number: number, fields: { state?: "open" | "closed"; body?: string; createdAt?: Date; updatedAt?: string; pullRequest?: boolean } = {}): OpenIssue => ({
  ticket: ticket({ number, state: fields.state ?? "open", body: fields.body ?? `text of ${number}`, createdAt: fields.createdAt ?? new Date("2026-11-26T09:00:00Z"), isPullRequest: fields.pullRequest ?? false }),
  commentCount: 1,
  updatedAt: new Date(fields.updatedAt ?? "2026-11-26T10:00:00Z"),
});

/** A platform's listings as the test scripts them; every call is recorded. */
function source(answers: { open: Listed[]; changed: (Listed | undefined)[] }) {
  const calls: string[] = [];
  const listing: ListingSource = {
    listOpen: async (cursor?: ListingCursor) => (calls.push(`open ${JSON.stringify(cursor ?? null)}`), answers.open.shift()!),
    listChanged: async (cursor: ListingCursor) => (calls.push(`changed ${JSON.stringify(cursor)}`), answers.changed.shift()),
  };
  return { listing, calls };
}

const numbers = (issues: OpenIssue[]) => issues.map((open) => open.ticket.number);

describe("listKeptOpenIssues", () => {
  it("lists everything once, then merges what changed: new and updated issues in, closed ones and pull requests out", async () => {
    const kept = new LocalKeptState();
    const { listing, calls } = source({
      open: [{ issues: [issue(3), issue(2), issue(1), issue(9, { pullRequest: true })], cursor: { since: "a" } }],
      changed: [{ issues: [issue(2, { state: "closed" }), issue(4), issue(3, { updatedAt: "2026-11-27T09:00:00Z" })], cursor: { since: "b" } }, { unchanged: true, cursor: {} }],
    });
    expect(numbers(await listKeptOpenIssues({ key: "github:acme/site", source: listing, kept, now: NOW }))).toEqual([3, 2, 1]);
    const merged = await listKeptOpenIssues({ key: "github:acme/site", source: listing, kept, now: NOW + 1 });
    expect(numbers(merged)).toEqual([4, 3, 1]);
    expect(merged.find((open) => open.ticket.number === 3)!.updatedAt).toEqual(new Date("2026-11-27T09:00:00Z"));
    expect(numbers(await listKeptOpenIssues({ key: "github:acme/site", source: listing, kept, now: NOW + 2 }))).toEqual([4, 3, 1]);
    expect(calls).toEqual(["open null", 'changed {"since":"a"}', 'changed {"since":"b"}']);
  });

  it("checks the whole listing again now and then, with the cursor it left: unchanged keeps what was kept", async () => {
    const kept = new LocalKeptState();
    const { listing, calls } = source({
      open: [{ issues: [issue(1)], cursor: { since: "a", openEtags: ["e1"] } }, { unchanged: true, cursor: {} }, { issues: [issue(5)], cursor: { since: "c", openEtags: ["e2"] } }],
      changed: [],
    });
    await listKeptOpenIssues({ key: "k", source: listing, kept, now: NOW });
    expect(numbers(await listKeptOpenIssues({ key: "k", source: listing, kept, now: NOW + FULL_CHECK_MS }))).toEqual([1]);
    // A deleted or moved issue shows only in the whole listing.
    expect(numbers(await listKeptOpenIssues({ key: "k", source: listing, kept, now: NOW + 2 * FULL_CHECK_MS }))).toEqual([5]);
    expect(calls).toEqual(["open null", 'open {"since":"a","openEtags":["e1"]}', 'open {"since":"a","openEtags":["e1"]}']);
  });

  it("keeps the texts only of issues young enough for the sweep to triage", async () => {
    const kept = new LocalKeptState();
    const { listing } = source({ open: [{ issues: [issue(1, { body: "recent" }), issue(2, { body: "old", createdAt: OLD })], cursor: { since: "a" } }], changed: [{ unchanged: true, cursor: {} }] });
    await listKeptOpenIssues({ key: "k", source: listing, kept, now: NOW });
    const again = await listKeptOpenIssues({ key: "k", source: listing, kept, now: NOW + 1 });
    expect(Object.fromEntries(again.map((open) => [open.ticket.number, [open.ticket.body, open.ticket.createdAt]]))).toEqual({ 1: ["recent", new Date("2026-11-26T09:00:00Z")], 2: ["", OLD] });
  });

  it("lists everything when the platform cannot say what changed since (no time of change in the listing)", async () => {
    const kept = new LocalKeptState();
    const { listing, calls } = source({ open: [{ issues: [issue(1)], cursor: {} }, { issues: [issue(1), issue(2)], cursor: {} }], changed: [undefined] });
    await listKeptOpenIssues({ key: "k", source: listing, kept, now: NOW });
    expect(numbers(await listKeptOpenIssues({ key: "k", source: listing, kept, now: NOW + 1 }))).toEqual([1, 2]);
    expect(calls).toEqual(["open null", "changed {}", "open {}"]);
  });

  it("takes the names of labels the sweep renamed, which no listing of changes shows; cursor and check stay", async () => {
    const kept = new LocalKeptState();
    const described = (number: number, labels: string[], labelDescriptions?: Record<string, string>): OpenIssue => ({ ...issue(number), ticket: { ...issue(number).ticket, labels, ...(labelDescriptions ? { labelDescriptions } : {}) } });
    const { listing, calls } = source({
      open: [{ issues: [described(1, ["support", "bug"], { support: "frontdesk: a support ticket" }), described(2, ["project-work", "Projektarbeit"]), described(3, ["bug"])], cursor: { since: "a" } }],
      changed: [{ unchanged: true, cursor: {} }],
    });
    const first = keptListing({ key: "k", source: listing, kept, now: NOW });
    await first.listOpen();
    await first.renamedLabels([
      { from: "support", to: "Support", description: "frontdesk: a support ticket" },
      // Relabelled ticket by ticket (the new name was taken): its description is the label's own.
      { from: "project-work", to: "Projektarbeit" },
    ]);
    const again = await keptListing({ key: "k", source: listing, kept, now: NOW + 1 }).listOpen();
    expect(again.map((open) => [open.ticket.number, open.ticket.labels, open.ticket.labelDescriptions ?? {}])).toEqual([
      [1, ["Support", "bug"], { Support: "frontdesk: a support ticket" }],
      [2, ["Projektarbeit"], {}],
      [3, ["bug"], {}],
    ]);
    expect(calls).toEqual(["open null", 'changed {"since":"a"}']);
  });

  it("renames nothing where nothing is kept", async () => {
    const kept = new LocalKeptState();
    await renameKeptLabels({ key: "k", kept, renames: [{ from: "support", to: "Support" }] });
    expect(await kept.read("listing:k")).toBeUndefined();
  });
});
