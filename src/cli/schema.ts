import { formatJsonSchema } from "../config/json-schema.js";
import { EXIT_OK, EXIT_USAGE, type CliIo } from "./io.js";

/** `frontdesk schema --help`. */
export const SCHEMA_USAGE = `Usage: frontdesk schema [--shared]

Prints the JSON Schema of frontdesk.yml, for editors; with --shared, that
of a shared file repositories inherit with _extends (it needs no team).
Save it next to the configuration and point the YAML language server at it
with the first line of the file:

  npx frontdesk schema > .github/frontdesk.schema.json
  # yaml-language-server: $schema=./frontdesk.schema.json
`;

/** `frontdesk schema [--shared]`: prints a JSON Schema to stdout. */
export async function runSchema(args: readonly string[], io: CliIo): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout(SCHEMA_USAGE);
    return EXIT_OK;
  }
  const unexpected = args.find((arg) => arg !== "--shared");
  if (unexpected !== undefined) {
    io.stderr(`frontdesk schema: unexpected argument ${unexpected}\n\n${SCHEMA_USAGE}`);
    return EXIT_USAGE;
  }
  io.stdout(formatJsonSchema(args.includes("--shared") ? "shared" : "client"));
  return EXIT_OK;
}
