import { parseConfigText } from "../config/parse.js";
import type { Config } from "../config/schema.js";
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, type CliIo } from "./io.js";

/** `frontdesk validate --help`. */
export const VALIDATE_USAGE = `Usage: frontdesk validate <file...>

Checks frontdesk configuration files offline, as the app would.
Prints one "file:line:col: message" line per error and exits 1, or
"file: ok (...)" for each valid file and exits 0. Exits 2 when a file
cannot be read.
`;

/**
 * `frontdesk validate <file...>`: validates each file on its own (an
 * `_extends` is not followed offline). Exit 0 when all are valid, 1 when any
 * has errors, 2 on usage errors or unreadable files.
 */
export async function runValidate(args: readonly string[], io: CliIo): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout(VALIDATE_USAGE);
    return EXIT_OK;
  }
  const option = args.find((arg) => arg.startsWith("-"));
  if (option !== undefined || args.length === 0) {
    const problem = option === undefined ? "no file given" : `unknown option ${option}`;
    io.stderr(`frontdesk validate: ${problem}\n\n${VALIDATE_USAGE}`);
    return EXIT_USAGE;
  }
  let exitCode = EXIT_OK;
  for (const file of args) {
    let text: string;
    try {
      text = await io.readFile(file);
    } catch (error) {
      io.stderr(`frontdesk validate: cannot read ${file}: ${describeReadError(error)}\n`);
      exitCode = EXIT_USAGE;
      continue;
    }
    const result = parseConfigText(text, file);
    if (!result.ok) {
      for (const error of result.errors) io.stdout(`${error.format()}\n`);
      if (exitCode === EXIT_OK) exitCode = EXIT_INVALID;
      continue;
    }
    for (const warning of result.warnings) io.stderr(`${warning.format()} (warning)\n`);
    io.stdout(`${file}: ok (${summarizeConfig(result.config)})\n`);
  }
  return exitCode;
}

/** "2 contacts, 3 functions, 2 bookable functions, 2 urgency levels". */
export function summarizeConfig(config: Config): string {
  return [
    countOf(config.team.contacts.length, "contact", "contacts"),
    countOf(Object.keys(config.team.functions).length, "function", "functions"),
    countOf(Object.keys(config.team.bookable).length, "bookable function", "bookable functions"),
    countOf(Object.keys(config.urgency.levels).length, "urgency level", "urgency levels"),
  ].join(", ");
}

function countOf(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function describeReadError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "it is a directory";
  if (code === "EACCES") return "permission denied";
  return error instanceof Error ? error.message : String(error);
}
