import { z } from "zod";
import { configSchema } from "./schema.js";

/**
 * The JSON Schema of frontdesk.yml for editors (yaml-language-server, VS Code),
 * generated from the zod schema so that it can never disagree with validation.
 * The shipped copy is config/frontdesk.schema.json; a test keeps it current.
 */

/** Where the shipped schema lives, relative to the repository root. */
export const JSON_SCHEMA_PATH = "config/frontdesk.schema.json";

/**
 * Builds the JSON Schema of the configuration as a person writes it (input
 * side: defaults are optional). Draft 7, which editors support most widely.
 */
export function buildJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(configSchema, { io: "input", target: "draft-7", unrepresentable: "any" });
  const { $schema, ...rest } = generated;
  // Title first so that editors show it; the description comes from the zod schema.
  return { $schema, title: "frontdesk configuration", ...rest };
}

/** The schema as the shipped file holds it: 2-space JSON with a trailing newline. */
export function formatJsonSchema(): string {
  return `${JSON.stringify(buildJsonSchema(), null, 2)}\n`;
}
