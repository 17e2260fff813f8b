import { describe, expect, it } from "vitest";
import { z } from "zod";
import { buildJsonSchema } from "../../src/config/json-schema.js";
import { findSchemaAt } from "../../src/config/known-keys.js";
import { configSchema } from "../../src/config/schema.js";
import { isValidDate, isValidDuration, parseDateRange, parseHours } from "../../src/config/values.js";

/**
 * The JSON Schema's patterns let an editor flag `2 hours` as it is typed.
 * Each pattern must accept exactly what validation accepts, on a table of
 * samples; where a pattern cannot say it (a range that ends before it
 * starts), the exception is listed here and validation still refuses it.
 */

type Node = { pattern?: string; properties?: Record<string, Node>; additionalProperties?: Node; items?: Node };

const schema = buildJsonSchema() as Node;

/** The JSON Schema node of a key path; `*` is a record's values, `[]` a list's items. */
function nodeAt(path: string): Node {
  let node: Node | undefined = schema;
  for (const segment of path.split(".")) {
    if (segment === "*") node = node?.additionalProperties;
    else if (segment === "[]") node = node?.items;
    else node = node?.properties?.[segment];
  }
  if (!node) throw new Error(`no node at ${path}`);
  return node;
}

/** The zod schema of the same key path, with a sample key for records and index for lists. */
function zodAt(path: string) {
  const segments = path.split(".").map((segment) => (segment === "*" ? "x" : segment === "[]" ? 0 : segment));
  const found = findSchemaAt(configSchema, segments);
  if (!found) throw new Error(`no zod schema at ${path}`);
  return found;
}

const DURATIONS = ["30m", "4h", "2d", "1d4h", "1d4h30m", "90m", " 4h ", "10d", "0h1m", "001h", "2 hours", "4", "0h", "0d0h0m", "", " ", "4h30", "h", "4H", "1.5h", "4m4h", "-1h", "4hours", "1w"];
const DATES = ["2026-12-24", "2026-02-28", "2024-02-29", "2000-02-29", "1900-02-28", "0001-01-01", "2026-02-29", "1900-02-29", "2100-02-29", "2026-02-30", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00", "2026-1-5", "24.12.2026", "2026-12-24 ", "2026/12/24", "", "20261224"];
const RANGES = ["2026-12-21..2027-01-02", "2026-12-24..2026-12-24", "2026-12-24", "2026-02-27..2026-02-30", "2026-12-21...2027-01-02", "2026-12-21 .. 2027-01-02", "2026-12-21-2027-01-02", "2026-12-21..", "..2026-12-21", "2026-12-21..2026-12-22..2026-12-23"];
const HOURS = ["09:00-17:00", "00:00-24:00", "08:30 - 16:45", " 09:00-17:00 ", "23:59-24:00", "9:00-17:00", "09-17", "09:00-24:01", "24:00-24:00", "25:00-26:00", "09:60-17:00", "09:00–17:00", "", "09:00-17:00-18:00"];
const PERCENTS = ["80%", "0%", "100%", "5%", "99%", "101%", "80", "80 %", "080%", "-5%", "80.5%", "%", "1000%", ""];

const FORMATS: { name: string; paths: string[]; samples: string[]; parser: (value: string) => boolean; beyond: (value: string) => boolean }[] = [
  {
    name: "durations",
    paths: ["project_work.threshold", "urgency.levels.*.respond_within", "project_work.sizes.*"],
    samples: DURATIONS,
    parser: isValidDuration,
    beyond: () => false,
  },
  { name: "dates", paths: ["business_hours.holidays.[]"], samples: DATES, parser: isValidDate, beyond: () => false },
  { name: "on-call dates", paths: ["team.on_call.from"], samples: DATES, parser: isValidDate, beyond: () => false },
  {
    name: "local dates and times",
    paths: ["team.on_call.shifts.[].from", "team.on_call.shifts.[].to"],
    samples: [...DATES.map((day) => `${day} 18:00`), "2026-12-24 24:00", "2026-12-24 9:00", "2026-12-24T18:00", "2026-12-24 18:00 ", "2026-12-24"],
    parser: (value) => /^\S+ ([01]\d|2[0-3]):[0-5]\d$/u.test(value) && isValidDate(value.split(" ")[0] ?? ""),
    beyond: () => false,
  },
  {
    name: "dates or ranges",
    paths: ["team.away.*.[]"],
    samples: [...RANGES, "2027-01-02..2026-12-21", ...DATES],
    parser: (value) => isValidDate(value) || parseDateRange(value) !== undefined,
    // Only validation compares the two days.
    beyond: (value) => value === "2027-01-02..2026-12-21",
  },
  {
    name: "working hours",
    paths: ["business_hours.hours"],
    samples: [...HOURS, "17:00-09:00", "09:00-09:00"],
    parser: (value) => parseHours(value) !== undefined,
    // Only validation compares the two times.
    beyond: (value) => value === "17:00-09:00" || value === "09:00-09:00",
  },
  { name: "percentages", paths: ["sla.remind_at"], samples: PERCENTS, parser: (value) => /^(100|[1-9]?\d)%$/u.test(value), beyond: () => false },
];

describe("JSON Schema patterns", () => {
  for (const format of FORMATS) {
    describe(format.name, () => {
      it.each(format.paths)("%s has a pattern", (path) => {
        expect(nodeAt(path).pattern).toEqual(expect.any(String));
      });

      it.each(format.paths)("%s: the pattern accepts exactly what validation accepts", (path) => {
        // Editors compile patterns as ECMAScript regular expressions, some with the u flag.
        const patterns = ["", "u"].map((flags) => new RegExp(nodeAt(path).pattern ?? "", flags));
        const zod = zodAt(path);
        const table = format.samples.map((sample) => {
          const valid = z.safeParse(zod, sample).success;
          return { sample, valid, parser: format.parser(sample), pattern: patterns.map((pattern) => pattern.test(sample)) };
        });
        for (const row of table) {
          // Validation and the parsers the core computes with agree on every sample.
          expect({ sample: row.sample, valid: row.parser }).toEqual({ sample: row.sample, valid: row.valid });
          const expected = row.valid || format.beyond(row.sample);
          expect({ sample: row.sample, pattern: row.pattern }).toEqual({ sample: row.sample, pattern: [expected, expected] });
        }
        // The table has both kinds of sample, and the exceptions really are refused by validation.
        expect(table.some((row) => row.valid)).toBe(true);
        expect(table.some((row) => !row.valid)).toBe(true);
        expect(table.filter((row) => format.beyond(row.sample)).every((row) => !row.valid)).toBe(true);
      });
    });
  }

  it("flags the README's example of a duration in words", () => {
    expect(new RegExp(nodeAt("project_work.threshold").pattern ?? "").test("2 hours")).toBe(false);
  });
});
