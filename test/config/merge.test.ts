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
      { business_hours: { timezone: "Europe/Berlin", hours: "09:00-17:00" }, urgency: { default: "task", levels: { task: {} } } },
      { business_hours: { hours: "08:00-16:00" }, urgency: { default: "aufgabe" } },
    ],
    merged: { business_hours: { timezone: "Europe/Berlin", hours: "08:00-16:00" }, urgency: { default: "aufgabe", levels: { task: {} } } },
  },
  {
    name: "a file's team replaces the inherited team as a whole: an agency's pool never joins the roster",
    configs: [
      { team: { contacts: ["frontdesk-bot"], functions: { development: ["dev-pool"] }, capacity: 8 } },
      { team: { contacts: ["alice"], functions: { design: ["dave"] } } },
    ],
    merged: { team: { contacts: ["alice"], functions: { design: ["dave"] } } },
  },
  {
    name: "urgency levels, routing keywords and sizes replace as a whole; their neighbours merge",
    configs: [
      {
        urgency: { levels: { emergency: { respond_within: "1h" }, task: { respond_within: "1d" } }, default: "task" },
        routing: { keywords: { development: ["bug"] }, default: "development" },
        project_work: { sizes: { "size: S": "1h" }, threshold: "4h" },
      },
      {
        urgency: { levels: { notfall: { respond_within: "2h" }, aufgabe: { respond_within: "2d" } } },
        routing: { keywords: { design: ["logo"] } },
        project_work: { sizes: { "Größe: M": "1d" } },
      },
    ],
    merged: {
      urgency: { levels: { notfall: { respond_within: "2h" }, aufgabe: { respond_within: "2d" } }, default: "task" },
      routing: { keywords: { design: ["logo"] }, default: "development" },
      project_work: { sizes: { "Größe: M": "1d" }, threshold: "4h" },
    },
  },
  {
    name: "a file without a team inherits the whole team",
    configs: [{ team: { contacts: ["alice"], leads: ["lena"] } }, { client: "ACME" }],
    merged: { team: { contacts: ["alice"], leads: ["lena"] }, client: "ACME" },
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
    const hostile: unknown = JSON.parse('{"__proto__": {"polluted": "yes"}, "sla": {"__proto__": {"x": 1}}, "team": {"__proto__": {"y": 1}}}');
    const merged = mergeConfigs([{ sla: { remind_at: "80%" }, team: { contacts: ["alice"] } }, hostile]) as Record<string, unknown>;
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(Object.keys(merged)).toEqual(["sla", "team", "__proto__"]);
    expect(Object.getOwnPropertyDescriptor(merged, "__proto__")?.value).toEqual({ polluted: "yes" });
    const sla = merged["sla"] as Record<string, unknown>;
    expect(Object.getPrototypeOf(sla)).toBe(Object.prototype);
    expect(Object.keys(sla)).toEqual(["remind_at", "__proto__"]);
    // Replaced as a whole, and copied the same safe way.
    const team = merged["team"] as Record<string, unknown>;
    expect(Object.getPrototypeOf(team)).toBe(Object.prototype);
    expect(Object.keys(team)).toEqual(["__proto__"]);
  });
});
