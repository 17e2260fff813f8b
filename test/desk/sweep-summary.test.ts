import { describe, expect, it } from "vitest";
import { addSummary, createSummary, formatSummary, type SweepSummary } from "../../src/desk/sweep-summary.js";

const summary = (overrides: Partial<SweepSummary>): SweepSummary => ({ ...createSummary(), ...overrides });

describe("createSummary", () => {
  it("is nothing done, and a fresh object each time", () => {
    const first = createSummary();
    expect(first).toEqual({ repos: 0, triaged: 0, reminders: 0, escalations: 0, errors: 0, rateLimited: false });
    first.repos = 5;
    expect(createSummary().repos).toBe(0);
  });
});

describe("addSummary", () => {
  it("adds every count into the total and returns the total itself", () => {
    const total = summary({ repos: 1, triaged: 2, reminders: 3, escalations: 4, errors: 5 });
    const part = summary({ repos: 10, triaged: 20, reminders: 30, escalations: 40, errors: 50 });
    const result = addSummary(total, part);
    expect(result).toBe(total);
    expect(total).toEqual({ repos: 11, triaged: 22, reminders: 33, escalations: 44, errors: 55, rateLimited: false });
    expect(part).toEqual({ repos: 10, triaged: 20, reminders: 30, escalations: 40, errors: 50, rateLimited: false });
  });

  it.each([
    { total: false, part: false, rateLimited: false },
    { total: false, part: true, rateLimited: true },
    { total: true, part: false, rateLimited: true },
    { total: true, part: true, rateLimited: true },
  ])("rate limited $total + $part is $rateLimited", ({ total, part, rateLimited }) => {
    expect(addSummary(summary({ rateLimited: total }), summary({ rateLimited: part })).rateLimited).toBe(rateLimited);
  });
});

describe("formatSummary", () => {
  it.each([
    {
      name: "nothing done",
      summary: createSummary(),
      line: "repos swept: 0, tickets triaged: 0, reminders: 0, escalations: 0, errors: 0",
    },
    {
      name: "each count in its place",
      summary: summary({ repos: 3, triaged: 1, reminders: 2, escalations: 4, errors: 5 }),
      line: "repos swept: 3, tickets triaged: 1, reminders: 2, escalations: 4, errors: 5",
    },
    {
      name: "stopped by a rate limit",
      summary: summary({ repos: 2, errors: 1, rateLimited: true }),
      line: "repos swept: 2, tickets triaged: 0, reminders: 0, escalations: 0, errors: 1 (stopped by a rate limit; the next sweep carries on)",
    },
  ])("$name", ({ summary: value, line }) => {
    expect(formatSummary(value)).toBe(line);
  });
});
