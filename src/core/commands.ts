import type { Config } from "../config/schema.js";
import { levelName, urgencyLabel } from "./labels.js";
import { normalizeDuration } from "./estimate.js";
import type { Language } from "./messages.js";

/**
 * Commands in comments (README: Commands): a line that starts with `/urgency`,
 * `/estimate`, `/project`, `/support` or `/book`. Lines in code blocks and
 * quotes are not commands, so quoting someone's `/project` in a reply does not
 * run it again.
 */

/** The commands, without their slash. */
export const COMMAND_NAMES = ["urgency", "estimate", "project", "support", "book"] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/** A command that could be read, with its line as written. */
export type Command =
  | { name: "urgency"; level: string; text: string }
  | { name: "estimate"; duration: string; text: string }
  | { name: "project"; text: string }
  | { name: "support"; text: string }
  | { name: "book"; function: string; text: string };

/** A command line frontdesk could not read, with what it accepts instead (for the one-line reply). */
export interface MalformedCommand {
  name: CommandName;
  text: string;
  accepted: string;
}

/** What a comment asks for. */
export interface ParsedComment {
  commands: Command[];
  malformed: MalformedCommand[];
}

/**
 * A command word at the start of a line, followed by a space or the end of the
 * line. dotAll: without it a lone \r in a long line made `\s+` and `.*`
 * backtrack against each other, quadratically (a 32 KB comment held the
 * process for ten seconds).
 */
const COMMAND_LINE = new RegExp(`^/(${COMMAND_NAMES.join("|")})(?:\\s+(.*))?$`, "isu");
const FENCE = /^(`{3,}|~{3,})/u;

/** Command lines read from one comment: a person writes a few; the rest are neither run nor answered. */
export const MAX_COMMAND_LINES = 20;
/** How much of a command line a reply quotes: a line of 10,000 arguments is not sent back whole. */
export const MAX_QUOTED_LENGTH = 100;

/**
 * The lines of a comment that are commands, trimmed. Needs no configuration,
 * so that an ordinary comment costs nothing at all.
 */
export function findCommandLines(body: string): string[] {
  const lines: string[] = [];
  let fence: string | undefined;
  for (const raw of body.split(/\r?\n/u)) {
    const line = raw.trim();
    const opener = FENCE.exec(line)?.[1];
    if (opener !== undefined) {
      if (fence === undefined) fence = opener;
      else if (opener[0] === fence[0] && opener.length >= fence.length) fence = undefined;
      continue;
    }
    if (fence === undefined && COMMAND_LINE.test(line)) lines.push(line);
    if (lines.length === MAX_COMMAND_LINES) break;
  }
  return lines;
}

/** The commands of a comment, in order, and the lines that name a command but cannot be read. */
export function parseCommands(config: Config, body: string): ParsedComment {
  const parsed: ParsedComment = { commands: [], malformed: [] };
  for (const line of findCommandLines(body)) {
    const match = COMMAND_LINE.exec(line);
    const name = (match?.[1] ?? "").toLowerCase() as CommandName;
    const argument = (match?.[2] ?? "").trim();
    const text = quoteLine(line);
    const command = readArgument(config, name, argument, text);
    if (command) parsed.commands.push(command);
    else parsed.malformed.push({ name, text, accepted: describeAccepted(config, name) });
  }
  return parsed;
}

/** A command line as a reply quotes it: whole, or its beginning and an ellipsis. */
function quoteLine(line: string): string {
  if (line.length <= MAX_QUOTED_LENGTH) return line;
  let quoted = "";
  // By code points, so that no emoji is cut in half.
  for (const char of line) {
    if (quoted.length + char.length >= MAX_QUOTED_LENGTH) break;
    quoted += char;
  }
  return `${quoted}…`;
}

function readArgument(config: Config, name: CommandName, argument: string, text: string): Command | undefined {
  switch (name) {
    case "urgency": {
      const levels = Object.keys(config.urgency.levels);
      const wanted = argument.toLowerCase();
      const level = levels.find((key) => [key, levelName(config, key), urgencyLabel(config, key)].some((name) => name.toLowerCase() === wanted));
      return level === undefined ? undefined : { name, level, text };
    }
    case "estimate": {
      const duration = normalizeDuration(argument);
      return duration === undefined ? undefined : { name, duration, text };
    }
    case "book": {
      const wanted = argument.toLowerCase();
      const fn = Object.keys(config.team.bookable).find((key) => key.toLowerCase() === wanted);
      return fn === undefined ? undefined : { name, function: fn, text };
    }
    // What follows /project or /support is a person's note, not an argument.
    case "project":
    case "support":
      return { name, text };
  }
}

const OR: Record<Language, string> = { en: "or", de: "oder" };
const NO_BOOKABLE: Record<Language, string> = {
  en: "`/book <function>` with a function from `team.bookable` (it lists none yet)",
  de: "`/book <function>` mit einer Funktion aus `team.bookable` (dort steht noch keine)",
};

/** What a command accepts, written to follow "Please use": `/urgency emergency` or `/urgency task`. */
export function describeAccepted(config: Config, name: CommandName): string {
  const language = config.language;
  const choices = (values: readonly string[]) => joinOr(values.map((value) => `\`/${name} ${value}\``), language);
  switch (name) {
    case "urgency":
      return choices(Object.keys(config.urgency.levels));
    case "estimate":
      return choices(["30m", "4h", "2d"]);
    case "book": {
      const functions = Object.keys(config.team.bookable);
      return functions.length === 0 ? NO_BOOKABLE[language] : choices(functions);
    }
    case "project":
    case "support":
      return `\`/${name}\``;
  }
}

/** `a`, `a or b`, `a, b or c`. */
export function joinOr(values: readonly string[], language: Language): string {
  if (values.length <= 1) return values.join("");
  return `${values.slice(0, -1).join(", ")} ${OR[language]} ${values[values.length - 1]}`;
}
