import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { findNearest } from "../config/suggest.js";
import { createNodeIo, EXIT_OK, EXIT_USAGE, type CliIo, type Command } from "./io.js";
import { runReport } from "./report.js";
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
  validate: {
    usage: "validate [--extends <dir>] <file...>",
    summary: "check configuration files offline, with what they inherit",
    run: runValidate,
  },
  simulate: {
    usage: "simulate --config <file> --title <text>",
    summary: "print what frontdesk would do with an issue, step by step",
    run: runSimulate,
  },
  schema: { usage: "schema [--shared]", summary: "print the configuration's JSON Schema, for editors", run: runSchema },
  sweep: {
    usage: "sweep",
    summary: "sweep every repository once: triage missed issues, remind, escalate",
    run: (args, io) => runSweep(args, io, { env: process.env }),
  },
  report: {
    usage: "report [--month YYYY-MM] [options]",
    summary: "a month's support per client and for the agency (md, csv, html, json)",
    run: (args, io) => runReport(args, io, { env: process.env, stderrIsTTY: process.stderr.isTTY === true }),
  },
};

/** The version in package.json, for `frontdesk --version`. */
export function readVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version?: unknown };
  return String(manifest.version);
}

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
    'Run "frontdesk <command> --help" for a command\'s options, "frontdesk --version" for the version.',
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
  if (name === "--version" || name === "-v") {
    io.stdout(`frontdesk ${readVersion()}\n`);
    return EXIT_OK;
  }
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (entry === undefined) {
    const nearest = findNearest(name, Object.keys(COMMANDS));
    const guess = nearest === undefined ? "" : `; did you mean "${nearest}"?`;
    io.stderr(`frontdesk: unknown command "${name}"${guess}\n\n${formatUsage()}`);
    return EXIT_USAGE;
  }
  return entry.run(args, io);
}

export { createNodeIo };

// `npm run frontdesk -- validate ...` runs this file directly (bin/frontdesk.js imports it instead).
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runCli(process.argv.slice(2), createNodeIo());
}
