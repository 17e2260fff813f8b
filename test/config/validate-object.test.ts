import { describe, expect, it } from "vitest";
import { ConfigInvalidError } from "../../src/config/errors.js";
import { mergeConfigs } from "../../src/config/merge.js";
import { createLocator, validateConfigObject } from "../../src/config/parse.js";

describe("validateConfigObject", () => {
  it("validates an object without a locator: errors carry file and key path only", () => {
    const result = validateConfigObject({ team: { contacts: ["alice"] }, urgency: { default: "soon" } });
    if (result.ok) throw new Error("expected errors");
    expect(result.errors.map((error) => error.format())).toEqual([
      'frontdesk.yml: urgency.default: "soon" is not a level; levels are "emergency", "task"',
    ]);
    expect(result.errors[0]?.line).toBeUndefined();
  });

  it("locates errors of a merged object in the repository's own file", () => {
    const agencyDefaults = { team: { contacts: ["zoe"], capacity: 8 }, urgency: { default: "task" } };
    const repoText = "# client file\nteam:\n  contacts: [alice]\n  capacity: 0\nbusiness_hours:\n  timezone: Europe/Berlln\n";
    const repoFile = { team: { contacts: ["alice"], capacity: 0 }, business_hours: { timezone: "Europe/Berlln" } };
    const merged = mergeConfigs([agencyDefaults, repoFile]);
    const result = validateConfigObject(merged, { file: ".github/frontdesk.yml", locate: createLocator(repoText) });
    if (result.ok) throw new Error("expected errors");
    expect(result.errors.map((error) => error.format())).toEqual([
      ".github/frontdesk.yml:4:13: team.capacity: found 0; expected a number above 0",
      '.github/frontdesk.yml:6:13: business_hours.timezone: "Europe/Berlln" is not an IANA time zone; did you mean Europe/Berlin?',
    ]);
  });

  it("points an error in an inherited key at the nearest key the file has", () => {
    const locate = createLocator("team:\n  leads: [lena]\n");
    const result = validateConfigObject({ team: { contacts: ["@alice"], leads: ["lena"] } }, { file: "f.yml", locate });
    if (result.ok) throw new Error("expected errors");
    expect(result.errors.map((error) => error.format())).toEqual([
      'f.yml:1:1: team.contacts[0]: "@alice" is not a login: write it without the "@"',
    ]);
  });

  it("still runs the routing checks when another part of the file is wrong", () => {
    const result = validateConfigObject({
      team: { contacts: ["alice"], functions: { development: ["bob"] } },
      routing: { default: "seo" },
      sla: { remind_at: "lots" },
      colour: "blue",
    });
    if (result.ok) throw new Error("expected errors");
    // Without a locator the errors keep zod's order: keys first, then the checks across keys.
    expect(result.errors.map((error) => error.message)).toEqual([
      'sla.remind_at: "lots" is not a share: write a whole percentage from 0% to 100%, for example 80%',
      'colour: unknown key "colour"; allowed keys here are "_extends", "$schema", "client", "language", "model", "enabled", "ignore_authors", "team", "urgency", "routing", "project_work", "support_board", "business_hours", "sla", "messages", "labels"',
      'routing.default: "seo" is not a function; functions are "development"',
    ]);
  });

  it("reports a __proto__ key as unknown instead of polluting anything", () => {
    const merged = mergeConfigs([JSON.parse('{"team":{"contacts":["alice"]},"__proto__":{"polluted":true}}')]);
    const result = validateConfigObject(merged);
    if (result.ok) throw new Error("expected errors");
    expect(result.errors.map((error) => error.message)).toEqual([
      '__proto__: unknown key "__proto__"; allowed keys here are "_extends", "$schema", "client", "language", "model", "enabled", "ignore_authors", "team", "urgency", "routing", "project_work", "support_board", "business_hours", "sla", "messages", "labels"',
    ]);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
});

describe("ConfigInvalidError", () => {
  it("summarises the first error and formats all of them", () => {
    const result = validateConfigObject({ team: { contacts: [] }, language: "fr" }, { file: "f.yml" });
    if (result.ok) throw new Error("expected errors");
    const error = new ConfigInvalidError(result.errors);
    expect(error.message).toBe(
      "invalid configuration: f.yml: language: found text \"fr\"; expected one of \"en\", \"de\" (and 1 more)",
    );
    expect(error.format()).toBe(
      'f.yml: language: found text "fr"; expected one of "en", "de"\nf.yml: team.contacts: found an empty list; expected at least 1 entry',
    );
  });
});
