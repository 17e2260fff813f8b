import { formatJsonSchema } from "../config/json-schema.js";
import { EXIT_OK, EXIT_USAGE, type CliIo } from "./io.js";

/** `frontdesk schema --help`. */
export const SCHEMA_USAGE = `Usage: frontdesk schema

Prints the JSON Schema of frontdesk.yml, for editors. Save it and point
yaml-language-server at it:  # yaml-language-server: $schema=./frontdesk.schema.json
`;

/** `frontdesk schema`: prints the configuration's JSON Schema to stdout. */
export async function runSchema(args: readonly string[], io: CliIo): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout(SCHEMA_USAGE);
    return EXIT_OK;
  }
  if (args.length > 0) {
    io.stderr(`frontdesk schema: unexpected argument ${args[0]}\n\n${SCHEMA_USAGE}`);
    return EXIT_USAGE;
  }
  io.stdout(formatJsonSchema());
  return EXIT_OK;
}
