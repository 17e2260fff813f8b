import { z } from "zod";
import { schemaFor, type FileKind } from "./schema.js";

/**
 * The JSON Schemas of frontdesk.yml for editors (yaml-language-server, VS
 * Code), generated from the zod schemas so that they can never disagree with
 * validation. Durations, dates, hours and percentages carry `pattern`s, so
 * that an editor flags `2 hours` while it is typed. There are two: a
 * repository's file, which needs a team unless it inherits one with
 * `_extends`, and a shared file (an agency's defaults), which needs nothing.
 * The shipped copies are in config/; a test keeps them current.
 */

/** Where the shipped schemas live, relative to the repository root. */
export const JSON_SCHEMA_PATH = "config/frontdesk.schema.json";
export const SHARED_JSON_SCHEMA_PATH = "config/frontdesk.shared.schema.json";

/** The shipped file of each kind. */
export const JSON_SCHEMA_PATHS: Readonly<Record<FileKind, string>> = { client: JSON_SCHEMA_PATH, shared: SHARED_JSON_SCHEMA_PATH };

/**
 * Builds the JSON Schema of a kind of file as a person writes it (input
 * side: defaults are optional). Draft 7, which editors support most widely.
 */
export function buildJsonSchema(kind: FileKind = "client"): Record<string, unknown> {
  const generated = z.toJSONSchema(schemaFor(kind), { io: "input", target: "draft-7", unrepresentable: "any" });
  const { $schema, required, ...rest } = generated;
  const title = kind === "client" ? "frontdesk configuration" : "frontdesk shared configuration";
  if (kind === "shared") return { $schema, title, ...rest };
  // A file that extends another may inherit its whole team, so `team` is required only without `_extends`.
  const others = (Array.isArray(required) ? required : []).filter((key) => key !== "team");
  return {
    $schema,
    title,
    ...rest,
    ...(others.length > 0 ? { required: others } : {}),
    if: { not: { required: ["_extends"] } },
    then: { required: ["team"] },
  };
}

/** The schema as the shipped file holds it: 2-space JSON with a trailing newline. */
export function formatJsonSchema(kind: FileKind = "client"): string {
  return `${JSON.stringify(buildJsonSchema(kind), null, 2)}\n`;
}
