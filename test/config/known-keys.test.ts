import { describe, expect, it } from "vitest";
import { listKnownKeys } from "../../src/config/known-keys.js";
import { configSchema } from "../../src/config/schema.js";

describe("listKnownKeys", () => {
  it.each([
    { path: ["team"], keys: ["contacts", "functions", "bookable", "leads", "away", "capacity", "client_capacity", "on_call", "agency"] },
    { path: ["urgency", "levels", "anything"], keys: ["name", "label", "keywords", "respond_within", "hours"] },
    { path: ["labels"], keys: ["support", "urgency", "function", "booked", "needs_estimate", "project_work", "sla_breached"] },
    { path: ["sla"], keys: ["remind_at"] },
    { path: ["team", "functions"], keys: undefined },
    { path: ["team", "contacts", 0], keys: undefined },
    { path: ["nope"], keys: undefined },
  ])("$path", ({ path, keys }) => {
    expect(listKnownKeys(configSchema, path)).toEqual(keys);
  });

  it("lists the top-level keys", () => {
    expect(listKnownKeys(configSchema, [])).toEqual([
      "_extends",
      "$schema",
      "client",
      "language",
      "model",
      "enabled",
      "ignore_authors",
      "team",
      "urgency",
      "routing",
      "project_work",
      "support_board",
      "business_hours",
      "sla",
      "messages",
      "labels",
    ]);
  });
});
