import { describe, expect, it } from "vitest";
import { mergeConfigs } from "../../src/config/merge.js";

const cases: { name: string; configs: unknown[]; merged: unknown }[] = [
  {
    name: "a later file overrides a scalar",
    configs: [{ language: "en", model: "support-team" }, { language: "de" }],
    merged: { language: "de", model: "support-team" },
  },
  {
    name: "mappings merge key by key, at any depth",
    configs: [
      { team: { contacts: ["alice"], functions: { development: ["bob"], design: ["dave"] } } },
      { team: { functions: { design: ["erin"] }, capacity: 5 } },
    ],
    merged: { team: { contacts: ["alice"], functions: { development: ["bob"], design: ["erin"] }, capacity: 5 } },
  },
  {
    name: "a list replaces the inherited list, never concatenated",
    configs: [{ team: { contacts: ["agency-default", "alice"] } }, { team: { contacts: ["ann"] } }],
    merged: { team: { contacts: ["ann"] } },
  },
  {
    name: "an empty list replaces too",
    configs: [{ ignore_authors: ["deploy-user"] }, { ignore_authors: [] }],
    merged: { ignore_authors: [] },
  },
  {
    name: "a scalar replaces a mapping and a mapping replaces a scalar",
    configs: [{ a: { b: 1 }, c: 2 }, { a: 3, c: { d: 4 } }],
    merged: { a: 3, c: { d: 4 } },
  },
  {
    name: "null in a later file replaces the inherited value",
    configs: [{ support_board: "https://github.com/orgs/a/projects/1" }, { support_board: null }],
    merged: { support_board: null },
  },
  {
    name: "missing files (null, undefined) are skipped",
    configs: [undefined, { client: "ACME" }, null],
    merged: { client: "ACME" },
  },
  { name: "nothing to merge", configs: [], merged: undefined },
  { name: "three levels, later wins", configs: [{ a: 1 }, { a: 2, b: 1 }, { a: 3 }], merged: { a: 3, b: 1 } },
];

describe("mergeConfigs", () => {
  it.each(cases)("$name", ({ configs, merged }) => {
    expect(mergeConfigs(configs)).toEqual(merged);
  });

  it("shares no objects or lists with its inputs", () => {
    const base = { team: { contacts: ["alice"], functions: { development: ["bob"] } } };
    const merged = mergeConfigs([base, { client: "x" }]) as typeof base;
    merged.team.contacts.push("mallory");
    merged.team.functions.development.push("mallory");
    expect(base).toEqual({ team: { contacts: ["alice"], functions: { development: ["bob"] } } });
  });

  it("keeps __proto__ as a plain key and never touches a prototype", () => {
    const hostile: unknown = JSON.parse('{"__proto__": {"polluted": "yes"}, "team": {"__proto__": {"x": 1}}}');
    const merged = mergeConfigs([{ team: { contacts: ["alice"] } }, hostile]) as Record<string, unknown>;
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(Object.keys(merged)).toEqual(["team", "__proto__"]);
    expect(Object.getOwnPropertyDescriptor(merged, "__proto__")?.value).toEqual({ polluted: "yes" });
    const team = merged["team"] as Record<string, unknown>;
    expect(Object.getPrototypeOf(team)).toBe(Object.prototype);
    expect(Object.keys(team)).toEqual(["contacts", "__proto__"]);
  });
});
