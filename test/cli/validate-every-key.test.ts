import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { runValidate } from "../../src/cli/validate.js";
import { formatKeyPath, type PathSegment } from "../../src/config/errors.js";
import { listKeyPaths, unwrapSchema } from "../../src/config/known-keys.js";
import { configSchema } from "../../src/config/schema.js";
import { createMemoryIo } from "./memory-io.js";

/**
 * The README's promise, for every key of the schema: a wrong value is
 * reported with the file, the line and column of that value, and the key
 * path, and `validate` exits non-zero. The key paths come from walking the
 * zod schema, so a key added later is covered without touching this test.
 */

const FILE = ".github/frontdesk.yml";

/** A valid configuration with every key set, and one entry in every mapping and list. */
const BASE = {
  client: "ACME",
  language: "en",
  model: "support-team",
  enabled: true,
  ignore_authors: ["deploy-user"],
  team: {
    contacts: ["alice"],
    functions: { development: ["bob"] },
    bookable: { seo: ["erin"] },
    leads: ["alice"],
    away: { bob: ["2026-12-24"] },
    capacity: 5,
    agency: ["max"],
  },
  urgency: {
    levels: { emergency: { label: "urgency: emergency", keywords: ["down"], respond_within: "1h" }, task: { respond_within: "1d" } },
    default: "task",
  },
  routing: { keywords: { development: ["bug"] }, default: "development" },
  project_work: {
    threshold: "4h",
    label: "project-work",
    board: "https://github.com/orgs/acme/projects/7",
    column: "Backlog",
    handoff: ["bob"],
    sizes: { "size: S": "1h" },
    hints: ["relaunch"],
    move_to: "acme/projects",
  },
  support_board: "https://github.com/orgs/acme/projects/6",
  business_hours: { timezone: "Europe/Berlin", days: ["mon"], hours: "09:00-17:00", holidays: ["2026-12-25"] },
  sla: { remind_at: "80%" },
  messages: {
    acknowledge: "Hi, {{contact}} answers by {{due}}.",
    project_work: "{{handoff}} takes it over.",
    back_to_support: "{{contact}} is on it again.",
    refused: "{{contact}} will look at it.",
    reminder: "{{contact}}: due by {{due}}.",
    escalation: "{{contact}} {{leads}}: it was due by {{due}}.",
  },
};

type AnySchema = z.core.$ZodType;

/** Every key path of the schema: keys, a record's entry (the first key BASE has there), a list's first item. */
function walk(schema: AnySchema, base: unknown, path: PathSegment[] = []): { path: PathSegment[]; schema: AnySchema }[] {
  const def = unwrapSchema(schema)._zod.def;
  const here = path.length === 0 ? [] : [{ path, schema }];
  if (def.type === "object") {
    const shape = (def as z.core.$ZodObjectDef).shape;
    return [...here, ...Object.entries(shape).flatMap(([key, child]) => walk(child, valueAt(base, [key]), [...path, key]))];
  }
  if (def.type === "record") {
    const key = Object.keys(base ?? {})[0] ?? "x";
    return [...here, ...walk((def as z.core.$ZodRecordDef).valueType, valueAt(base, [key]), [...path, key])];
  }
  if (def.type === "array") return [...here, ...walk((def as z.core.$ZodArrayDef).element, valueAt(base, [0]), [...path, 0])];
  return here;
}

function valueAt(value: unknown, path: readonly PathSegment[]): unknown {
  let current = value;
  for (const segment of path) current = (current as Record<PathSegment, unknown> | undefined)?.[segment];
  return current;
}

function withValue(path: readonly PathSegment[], wrong: unknown): Record<string, unknown> {
  const copy = structuredClone(BASE) as Record<string, unknown>;
  let target: Record<PathSegment, unknown> = copy;
  for (const [index, segment] of path.entries()) {
    if (index === path.length - 1) target[segment] = wrong;
    else target = (target[segment] ??= typeof path[index + 1] === "number" ? [] : {}) as Record<PathSegment, unknown>;
  }
  return copy;
}

/** One wrong value per key: of the wrong type, and for text with a form (a duration, a login), text out of form. */
function wrongValues(schema: AnySchema): unknown[] {
  const wrongType = z.safeParse(schema, 424242).success ? "x424242" : 424242;
  const outOfForm = "wrong 424242";
  return z.safeParse(schema, outOfForm).success || wrongType === "x424242" ? [wrongType] : [wrongType, outOfForm];
}

const KEYS = walk(configSchema, BASE);
const CASES = KEYS.flatMap(({ path, schema }) => wrongValues(schema).map((wrong) => ({ key: formatKeyPath(path), path, wrong })));

describe("validate: a wrong value at every key path of the schema", () => {
  it("starts from a valid configuration", async () => {
    const io = createMemoryIo({ [FILE]: stringify(BASE) });
    expect(await runValidate([FILE], io)).toBe(0);
  });

  it("walks every key path of the schema", () => {
    const walked = new Set(KEYS.map(({ path }) => path.filter((segment) => typeof segment === "string").join(".")));
    const normalised = listKeyPaths(configSchema).map((path) =>
      path.replace("team.functions.*", "team.functions.development").replace("team.bookable.*", "team.bookable.seo")
        .replace("team.away.*", "team.away.bob").replace("urgency.levels.*", "urgency.levels.emergency")
        .replace("routing.keywords.*", "routing.keywords.development").replace("project_work.sizes.*", "project_work.sizes.size: S"),
    );
    expect(normalised.filter((path) => !walked.has(path))).toEqual([]);
    expect(CASES.length).toBeGreaterThan(80);
  });

  it.each(CASES)("$key = $wrong", async ({ key, path, wrong }) => {
    const text = stringify(withValue(path, wrong));
    const offset = text.indexOf(String(wrong));
    const before = text.slice(0, offset).split("\n");
    const where = `${FILE}:${before.length}:${(before.at(-1)?.length ?? 0) + 1}`;
    const io = createMemoryIo({ [FILE]: text });

    expect(await runValidate([FILE], io)).toBe(1);
    const lines = io.out.trimEnd().split("\n");
    expect(lines.find((line) => line.startsWith(`${where}: ${key}: `)) ?? lines).toEqual(expect.stringContaining(`${where}: ${key}: `));
  });
});
