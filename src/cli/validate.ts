import { normalize } from "node:path";
import { errorInChain, readConfigChain, readMapping, validateChain, type ChainFile, type ChainRead } from "../config/chain.js";
import { ConfigError } from "../config/errors.js";
import { createLocalChainPlatform, inferPlatform, type LocalSource } from "../config/local-chain.js";
import { findRosterNotes } from "../config/roster.js";
import type { FileKind, SharedConfig } from "../config/schema.js";
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, type CliIo } from "./io.js";

/** `frontdesk validate --help`. */
export const VALIDATE_USAGE = `Usage: frontdesk validate [--extends <dir>]... [--shared] <file...>

Checks frontdesk configuration files offline, as the app would.
Prints one "file:line:col: message" line per error and exits 1, or
"file: ok (...)" for each valid file and exits 0. Exits 2 when a file
cannot be read. Notes and warnings go to stderr; they do not fail.

  --extends <dir>  follow _extends into <dir>: a checkout of the repository
                   a file extends (the agency's .github), a folder of such
                   checkouts, or a folder of shared files. May be given more
                   than once. Each error is reported in the file it is in.
  --shared         the files are shared files that repositories inherit
                   with _extends, and need no team. A file that another
                   file given here extends is checked as shared anyway.
`;

interface Options {
  files: string[];
  dirs: string[];
  shared: boolean;
}

/** One file given on the command line, as read. */
interface Checked {
  file: string;
  read: ChainRead<LocalSource>;
  /** A note at the file's `_extends` when it was not followed (no `--extends`). */
  unfollowed: ConfigError | undefined;
}

/**
 * `frontdesk validate [--extends <dir>] [--shared] <file...>`: validates
 * each file, following `_extends` into the `--extends` folders as the server
 * follows it. Exit 0 when all are valid, 1 when any has errors, 2 on usage
 * errors or unreadable files.
 */
export async function runValidate(args: readonly string[], io: CliIo): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout(VALIDATE_USAGE);
    return EXIT_OK;
  }
  const options = parseArgs(args);
  if (typeof options === "string") {
    io.stderr(`frontdesk validate: ${options}\n\n${VALIDATE_USAGE}`);
    return EXIT_USAGE;
  }
  let exitCode = EXIT_OK;
  const read = createReader(io);
  const checked: Checked[] = [];
  for (const file of options.files) {
    try {
      read.seed(file, await io.readFile(file));
      checked.push(await readFile(file, options, read.text));
    } catch (error) {
      io.stderr(`frontdesk validate: cannot read ${file}: ${describeReadError(error)}\n`);
      exitCode = EXIT_USAGE;
    }
  }
  // A file that another one extends is a shared file, whatever it is named.
  const extended = new Set(checked.flatMap(({ read }) => (read.kind === "read" ? read.chain.slice(1) : []).map((file) => normalize(file.name))));
  for (const one of checked) {
    // Without --extends, the keys a file inherits are unknown: it is checked like a shared file.
    const kind: FileKind = options.shared || extended.has(normalize(one.file)) || one.unfollowed !== undefined ? "shared" : "client";
    if (!report(io, one, kind) && exitCode === EXIT_OK) exitCode = EXIT_INVALID;
  }
  return exitCode;
}

function parseArgs(args: readonly string[]): Options | string {
  const options: Options = { files: [], dirs: [], shared: false };
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? "";
    if (arg === "--shared") options.shared = true;
    else if (arg === "--extends" || arg.startsWith("--extends=")) {
      const dir = arg === "--extends" ? args[++index] : arg.slice("--extends=".length);
      if (dir === undefined || dir === "" || dir.startsWith("-")) return "--extends needs a folder";
      options.dirs.push(dir);
    } else if (arg.startsWith("-")) return `unknown option ${arg}`;
    else options.files.push(arg);
  }
  return options.files.length === 0 ? "no file given" : options;
}

/** Reads a file and, with `--extends`, the files it extends. */
async function readFile(file: string, options: Options, text: (path: string) => Promise<string | undefined>): Promise<Checked> {
  const source: LocalSource = { path: file, tried: [] };
  if (options.dirs.length > 0) {
    const platform = createLocalChainPlatform({ dirs: options.dirs, platform: inferPlatform(file), read: text });
    return { file, read: await readConfigChain(platform, [source]), unfollowed: undefined };
  }
  const read = readMapping((await text(file)) ?? "", file);
  if (!read.ok) return { file, read: { kind: "invalid", chain: [], errors: read.errors }, unfollowed: undefined };
  const chain: ChainFile<LocalSource>[] = [{ source, name: file, ...read.file }];
  const target = read.file.value["_extends"];
  const unfollowed =
    typeof target === "string"
      ? new ConfigError({
          file,
          path: ["_extends"],
          detail: `not followed: without --extends <dir> the keys this file inherits from ${JSON.stringify(target)} are not checked, and it is checked like a shared file (no team needed)`,
          position: read.file.locate(["_extends"]),
        })
      : undefined;
  return { file, read: { kind: "read", chain }, unfollowed };
}

/** Prints the outcome for one file; false when it has errors. */
function report(io: CliIo, { file, read, unfollowed }: Checked, kind: FileKind): boolean {
  if (read.kind === "missing") {
    io.stderr(`frontdesk validate: cannot read ${file}: no such file\n`);
    return false;
  }
  if (unfollowed) io.stderr(`${unfollowed.format()} (note)\n`);
  if (read.kind === "invalid") {
    for (const error of read.errors) io.stdout(`${error.format()}\n`);
    return false;
  }
  const { chain } = read;
  const result = validateChain(chain, kind);
  if (!result.ok) {
    for (const error of result.errors) io.stdout(`${error.format()}\n`);
    const inherited = result.errors.filter((error) => error.file !== file).length;
    if (inherited === 1) io.stderr(`${file}: 1 error is in a file it inherits from; setting the key in ${file} overrides it (note)\n`);
    if (inherited > 1) {
      io.stderr(`${file}: ${inherited} errors are in files it inherits from; setting a key in ${file} overrides what it inherits (note)\n`);
    }
    if (kind === "client" && result.errors.some((error) => error.kind === "missing key" && error.path.join(".") === "team")) {
      io.stderr(`${file}: a shared file, which repositories inherit with _extends, needs no team: check it with --shared (note)\n`);
    }
    return false;
  }
  for (const warning of result.warnings) io.stderr(`${warning.format()} (warning)\n`);
  const inherits = chain.length > 1 ? `; inherits from ${chain.slice(1).map((file) => file.name).join(", ")}` : "";
  const how = unfollowed ? "ok without what it inherits " : kind === "shared" ? "ok as a shared file " : "ok ";
  io.stdout(`${file}: ${how}(${summarizeConfig(result.config)}${inherits})\n`);
  for (const note of findRosterNotes(result.config)) {
    io.stderr(`${errorInChain(chain, note.path, "not in the roster", note.detail).format()} (note)\n`);
  }
  return true;
}

/** "2 contacts, 3 functions, 2 bookable functions, 2 urgency levels"; a shared file without a team says so. */
export function summarizeConfig(config: SharedConfig): string {
  const levels = countOf(Object.keys(config.urgency.levels).length, "urgency level", "urgency levels");
  if (config.team === undefined) return `no team, ${levels}`;
  return [
    countOf(config.team.contacts.length, "contact", "contacts"),
    countOf(Object.keys(config.team.functions).length, "function", "functions"),
    countOf(Object.keys(config.team.bookable).length, "bookable function", "bookable functions"),
    levels,
  ].join(", ");
}

/** Reads each file once; a file that does not exist (or is a folder) reads as undefined, as a missing source. */
function createReader(io: CliIo) {
  const texts = new Map<string, Promise<string | undefined>>();
  return {
    seed: (path: string, text: string) => void texts.set(normalize(path), Promise.resolve(text)),
    text: (path: string): Promise<string | undefined> => {
      const key = normalize(path);
      let text = texts.get(key);
      if (text === undefined) {
        text = io.readFile(path).catch((error: unknown) => {
          const code = (error as { code?: unknown } | null)?.code;
          if (code === "ENOENT" || code === "EISDIR" || code === "ENOTDIR") return undefined;
          throw error;
        });
        texts.set(key, text);
      }
      return text;
    },
  };
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
