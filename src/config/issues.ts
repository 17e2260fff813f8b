import type { z } from "zod";
import { ConfigError, type ConfigErrorKind, type PathSegment } from "./errors.js";
import { listKnownKeys } from "./known-keys.js";
import type { LocateTarget, PathLocator } from "./locate.js";
import { findNearest } from "./suggest.js";

/**
 * Turns zod issues into {@link ConfigError}s that say what was found and what
 * is allowed. Messages the schema writes itself (logins, durations, levels)
 * are kept; zod's generic ones ("Invalid input") are replaced here.
 */

type RawIssue = z.core.$ZodRawIssue;
type Issue = z.core.$ZodIssue;

const TYPE_NOUNS: Record<string, string> = {
  array: "a list",
  object: "a mapping",
  record: "a mapping",
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
};

/**
 * A zod error map for `safeParse(value, { error: describeIssue })`. zod gives
 * the schema's own messages precedence over it, so it only fills in the
 * generic cases.
 */
export function describeIssue(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type": {
      const expected = TYPE_NOUNS[issue.expected] ?? issue.expected;
      if (issue.input === undefined) return `required, but missing; expected ${expected}`;
      return `found ${describeValue(issue.input)}; expected ${expected}${explainGluedKey(issue.input, issue.expected)}`;
    }
    case "invalid_value": {
      const allowed = issue.values.map((value) => JSON.stringify(value));
      const nearest = typeof issue.input === "string" ? findNearest(issue.input, allowed.map(unquote)) : undefined;
      const hint = nearest === undefined ? "" : `; did you mean "${nearest}"?`;
      const expected = allowed.length === 1 ? allowed.join("") : `one of ${allowed.join(", ")}`;
      return `found ${describeValue(issue.input)}; expected ${expected}${hint}`;
    }
    case "too_small":
    case "too_big":
      return describeBound(issue);
    case "invalid_key": {
      // The path already ends in the key, so only the reasons are left to say.
      return `invalid key: ${issue.issues.map((inner) => inner.message).join("; ")}`;
    }
    default:
      return undefined;
  }
}

/**
 * `contacts:[alice]` (no space after the colon) and `-alice` (none after the
 * dash) are text to YAML, not a key and a value or a list item: where a
 * mapping or a list was expected, say so.
 */
function explainGluedKey(input: unknown, expected: string): string {
  if (typeof input !== "string" || !["object", "record", "array"].includes(expected)) return "";
  if (expected === "array" && /^-\S/u.test(input)) return ' (YAML reads it as text: a list item needs a space after the "-", "- name")';
  const glued = /^([A-Za-z_][\w-]*):(\S.*)$/u.exec(input.split("\n")[0] ?? "");
  if (!glued || glued[2]?.startsWith("//")) return "";
  return ` (YAML reads "${glued[1]}:${glued[2]}" as text: write a space after the colon, "${glued[1]}: ${glued[2]}")`;
}

/** What the schema's own checks may attach to an issue (zod's `params`). */
interface IssueParams {
  /** A value-free addition to the kind, for check runs: `did you mean {{contact}}?`. */
  hint?: string | undefined;
  /** Text inside the value to point at, such as a placeholder in a message. */
  needle?: string | undefined;
  /** Point at the key rather than its value (a name in `team.away` that is nobody's). */
  target?: LocateTarget | undefined;
}

function paramsOf(issue: Issue): IssueParams {
  return issue.code === "custom" ? ((issue.params ?? {}) as IssueParams) : {};
}

/** Options for {@link convertIssues}. */
export interface ConvertOptions {
  file: string;
  locate?: PathLocator | undefined;
  /** The value that was validated, to tell which keys are present. */
  input: unknown;
  /** The schema, to list the keys an object allows. */
  schema: z.core.$ZodType;
}

/**
 * One {@link ConfigError} per problem: an `unrecognized_keys` issue becomes one
 * error per unknown key, with the nearest known key suggested; a missing key
 * that such a suggestion already names is not reported twice.
 */
export function convertIssues(issues: readonly Issue[], options: ConvertOptions): ConfigError[] {
  const unknownKeys = new Map<Issue, { key: string; nearest: string | undefined; known: string[] }[]>();
  const suggested = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== "unrecognized_keys") continue;
    const path = normalizePath(issue.path);
    const present = Object.keys(asRecord(valueAt(options.input, path)));
    const known = listKnownKeys(options.schema, path) ?? [];
    const absent = known.filter((key) => !present.includes(key));
    const entries = issue.keys.map((key) => ({ key, nearest: findNearest(key, absent), known }));
    for (const { nearest } of entries) if (nearest !== undefined) suggested.add(pathKey([...path, nearest]));
    unknownKeys.set(issue, entries);
  }
  const errors: ConfigError[] = [];
  for (const issue of issues) {
    const path = normalizePath(issue.path);
    for (const { key, nearest, known } of unknownKeys.get(issue) ?? []) {
      const hint =
        nearest !== undefined
          ? `did you mean "${nearest}"?`
          : `allowed keys here are ${known.map((name) => `"${name}"`).join(", ")}`;
      const publicHint = nearest === undefined ? undefined : `did you mean "${nearest}"?`;
      const kind = { kind: "unknown key", hint: publicHint } as const;
      errors.push(build(issue, [...path, key], `unknown key "${key}"; ${hint}`, "key", options, kind));
    }
    if (issue.code === "unrecognized_keys") continue;
    const missing = issue.code === "invalid_type" && valueAt(options.input, path) === undefined;
    if (missing && suggested.has(pathKey(path))) continue;
    const params = paramsOf(issue);
    const kind = { kind: classifyIssue(issue, missing), hint: params.hint };
    const target = params.target ?? (issue.code === "invalid_key" ? "key" : "value");
    errors.push(build(issue, path, issue.message, target, options, kind, params.needle));
  }
  return errors.sort(compareErrors);
}

function build(
  issue: Issue,
  path: readonly PathSegment[],
  detail: string,
  target: LocateTarget,
  options: ConvertOptions,
  kind: { kind: ConfigErrorKind; hint?: string | undefined },
  needle?: string,
): ConfigError {
  const position = options.locate?.(path, target, needle);
  return new ConfigError({ file: options.file, path, detail, position, cause: issue, ...kind });
}

/**
 * The schema's own messages name their kind after the value (`"1 hour" is
 * not a duration: ...`); the first of these phrases after the quoted value
 * is the kind. The list is closed, so no text of the file can become a kind.
 */
const MESSAGE_KINDS: [phrase: string, kind: ConfigErrorKind][] = [
  ["is neither a login", "not a login or team"],
  ["cannot be a login", "not a login"],
  ["is not a login", "not a login"],
  ["is not a duration", "not a duration"],
  ["is not a date or range", "not a date or range"],
  ["is not a date", "not a date"],
  ["is not an IANA time zone", "not a time zone"],
  ["is not a span of hours", "not a span of hours"],
  ["is not a share", "not a share"],
  ["is not a Projects v2 URL", "not a board URL"],
  ["is not a level", "not a level"],
  ["is not a function", "not a function"],
  ["is not a placeholder", "unknown placeholder"],
  ["is listed twice", "duplicate entry"],
  ["is not in the roster", "not in the roster"],
  ["at least one", "too few entries"],
];

/** The value-free kind of a zod issue: from its code, or for the schema's own checks from its message. */
function classifyIssue(issue: Issue, missing: boolean): ConfigErrorKind {
  switch (issue.code) {
    case "invalid_type":
      return missing ? "missing key" : "wrong type";
    case "invalid_value":
      return "not an allowed value";
    case "invalid_key":
      return "invalid key";
    case "invalid_union":
      return "wrong type";
    case "too_small":
    case "too_big": {
      const small = issue.code === "too_small";
      if (issue.origin === "array" || issue.origin === "set") return small ? "too few entries" : "too many entries";
      if (issue.origin === "string") return small ? "too short" : "too long";
      return "out of range";
    }
    default: {
      const text = withoutLeadingValue(issue.message);
      return MESSAGE_KINDS.find(([phrase]) => text.includes(phrase))?.[1] ?? "invalid value";
    }
  }
}

/** A message without the JSON string it starts with, so that a value cannot look like a phrase. */
function withoutLeadingValue(message: string): string {
  if (!message.startsWith('"')) return message;
  const end = /^"(?:[^"\\]|\\.)*"/u.exec(message);
  return end ? message.slice(end[0].length) : message;
}

/** In file order, so that the output reads top to bottom. */
function compareErrors(a: ConfigError, b: ConfigError): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0);
}

function describeBound(issue: Extract<RawIssue, { code: "too_small" | "too_big" }>): string {
  const small = issue.code === "too_small";
  const limit = Number(small ? issue.minimum : issue.maximum);
  const found = describeValue(issue.input);
  switch (issue.origin) {
    case "array":
    case "set":
      return `found ${found}; expected ${small ? "at least" : "at most"} ${plural(limit, "entry", "entries")}`;
    case "string":
      return `found ${found}; expected ${small ? "at least" : "at most"} ${plural(limit, "character", "characters")}`;
    default: {
      const word = small ? (issue.inclusive ? "at least" : "above") : issue.inclusive ? "at most" : "below";
      return `found ${found}; expected a number ${word} ${limit}`;
    }
  }
}

/** How a value reads in a message: `text "yes"`, `1.5`, `an empty list`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "an empty value";
  if (typeof value === "string") {
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return value === "" ? "empty text" : `text ${JSON.stringify(shown)}`;
  }
  if (Array.isArray(value)) return value.length === 0 ? "an empty list" : "a list";
  if (typeof value === "object") return "a mapping";
  return String(value);
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function unquote(text: string): string {
  return text.startsWith('"') ? (JSON.parse(text) as string) : text;
}

function pathKey(path: readonly PathSegment[]): string {
  return JSON.stringify(path.map(String));
}

/** zod paths may hold symbols in theory; a YAML file cannot. */
function normalizePath(path: readonly PropertyKey[]): PathSegment[] {
  return path.map((segment) => (typeof segment === "symbol" ? String(segment) : segment));
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The raw input at `path`; undefined when any step is missing. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const segment of path) {
    if (typeof current !== "object" || current === null) return undefined;
    if (!Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}
