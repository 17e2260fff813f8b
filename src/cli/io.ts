import { readFile } from "node:fs/promises";
import type { Log } from "../desk/port.js";

/**
 * What a command may touch: two output streams and file reading. Commands get
 * it as a parameter, so tests pass an in-memory one and nothing reaches for
 * process globals.
 */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Resolves to the file's UTF-8 text; rejects with a Node error (code ENOENT, EISDIR, ...) otherwise. */
  readFile(path: string): Promise<string>;
  /** The clock, for commands that default to "now". */
  now(): Date;
}

/** A command: arguments after its name in, exit code out. */
export type Command = (args: readonly string[], io: CliIo) => Promise<number>;

/** Exit codes shared by the commands. */
export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

/** The real streams and file system, for bin/frontdesk.js. */
export function createNodeIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    readFile: (path) => readFile(path, "utf8"),
    now: () => new Date(),
  };
}

/**
 * The commands' log: warnings and errors to stderr, one line each, with the
 * repository and issue they concern; with `verbose`, the info lines (what
 * each ticket got) too.
 */
export function createCliLog(io: CliIo, verbose = false): Log {
  const write = (level: string) => (obj: object | string, msg?: string) => {
    const fields = typeof obj === "string" ? {} : (obj as Record<string, unknown>);
    const text = typeof obj === "string" ? obj : (msg ?? "");
    const where = [fields.repo ?? fields.where, fields.issue === undefined ? undefined : `#${String(fields.issue)}`].filter(Boolean).join("");
    const error = fields.err instanceof Error ? `: ${fields.err.message}` : "";
    io.stderr(`${level}: ${text}${where ? ` (${where})` : ""}${error}\n`);
  };
  const quiet = () => undefined;
  return { debug: quiet, info: verbose ? write("info") : quiet, warn: write("warn"), error: write("error") };
}
