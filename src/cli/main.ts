import { pathToFileURL } from "node:url";
import { createNodeIo, EXIT_OK, EXIT_USAGE, type CliIo, type Command } from "./io.js";
import { runSchema } from "./schema.js";
import { runSimulate } from "./simulate.js";
import { runSweep } from "./sweep.js";
import { runValidate } from "./validate.js";

/**
 * The frontdesk command line: picks a command by name and hands it the rest
 * of the arguments. The commands do the work; bin/frontdesk.js only starts it.
 */

interface CommandEntry {
  usage: string;
  summary: string;
  run: Command;
}

const COMMANDS: Readonly<Record<string, CommandEntry>> = {
  validate: { usage: "validate <file...>", summary: "check configuration files offline", run: runValidate },
  simulate: {
    usage: "simulate --config <file> --title <text>",
    summary: "print what frontdesk would do with an issue, step by step",
    run: runSimulate,
  },
  schema: { usage: "schema", summary: "print the configuration's JSON Schema, for editors", run: runSchema },
  sweep: {
    usage: "sweep",
    summary: "sweep every repository once: triage missed issues, remind, escalate",
    run: (args, io) => runSweep(args, io, { env: process.env }),
  },
};

/** `frontdesk --help`. */
export function formatUsage(): string {
  const width = Math.max(...Object.values(COMMANDS).map((entry) => entry.usage.length)) + 2;
  const lines = Object.values(COMMANDS).map((entry) => `  ${entry.usage.padEnd(width)}${entry.summary}`);
  return [
    "Usage: frontdesk <command> [arguments]",
    "",
    "Commands:",
    ...lines,
    "",
    'Run "frontdesk <command> --help" for a command\'s options.',
    "",
  ].join("\n");
}

/** Runs `frontdesk <command> ...args`; resolves to the process exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) {
    io.stderr(formatUsage());
    return EXIT_USAGE;
  }
  if (name === "--help" || name === "-h" || name === "help") {
    io.stdout(formatUsage());
    return EXIT_OK;
  }
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (entry === undefined) {
    io.stderr(`frontdesk: unknown command "${name}"\n\n${formatUsage()}`);
    return EXIT_USAGE;
  }
  return entry.run(args, io);
}

export { createNodeIo };

// `npm run frontdesk -- validate ...` runs this file directly (bin/frontdesk.js imports it instead).
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runCli(process.argv.slice(2), createNodeIo());
}
