import { isCollection, isScalar, isSeq, visit } from "yaml";
import type { Document, LineCounter, Node, YAMLError } from "yaml";
import type { SourcePosition } from "./errors.js";

/**
 * YAML syntax errors as a person can act on them: where the problem starts
 * (an unclosed quote where it opens, not at the end of the file), what is
 * wrong in plain words, and what to write instead for the common slips:
 * tabs, indentation, quotes and brackets left open, a missing space after
 * `:`, a `: ` inside a plain value.
 */

/** One syntax error, explained. */
export interface ExplainedYamlError {
  detail: string;
  position: SourcePosition;
}

/** Explains `error` of `doc`, parsed from `text` with `lineCounter`. */
export function explainYamlError(error: YAMLError, doc: Document, text: string, lineCounter: LineCounter): ExplainedYamlError {
  const offset = error.pos[0];
  const at = lineCounter.linePos(offset);
  const lines = text.split(/\r?\n/u);
  // An open quote or bracket is found where it opens; a glued key above it is no explanation of it.
  const opened =
    error.code === "MISSING_CHAR" && /quote/u.test(error.message)
      ? explainOpenQuote(error, doc, text, lineCounter)
      : error.code === "BAD_INDENT" && /Flow (sequence|map)/u.test(error.message)
        ? explainOpenBracket(error, doc, lineCounter)
        : undefined;
  if (opened) return opened;
  const glued = findGluedKey(lines, at.line, doc, lineCounter);
  if (glued && error.code !== "DUPLICATE_KEY" && error.code !== "TAB_AS_INDENT") return glued;
  switch (error.code) {
    case "TAB_AS_INDENT": {
      return { detail: "a tab indents this line: YAML allows only spaces for indentation; indent with spaces", position: at };
    }
    case "DUPLICATE_KEY": {
      const key = /^\s*(?:-\s+)?["']?([^"':]+)["']?\s*:/u.exec(lines[at.line - 1] ?? "")?.[1];
      const what = key === undefined ? "this key" : `"${key}"`;
      return { detail: `${what} is written twice in the same mapping: keep one and merge what the two say`, position: at };
    }
    case "MISSING_CHAR": {
      if (/quote/u.test(error.message)) return plain(error, at);
      if (/-\S/u.test(lines[at.line - 1] ?? "")) {
        return { detail: 'a list item needs a space after "-": write "- name"', position: at };
      }
      return plain(error, at);
    }
    case "BAD_INDENT": {
      if (/Flow (sequence|map)/u.test(error.message)) return plain(error, at);
      return explainIndentation(lines, at);
    }
    case "BLOCK_AS_IMPLICIT_KEY":
    case "UNEXPECTED_TOKEN": {
      const line = lines[at.line - 1] ?? "";
      const value = /^\s*(?:-\s+)?[\w$-]+:\s+(.*)$/u.exec(line)?.[1];
      if (value !== undefined && (/:\s/u.test(value) || value.startsWith("{") || value.startsWith("["))) {
        const column = line.length - value.length + 1;
        const quoted = `"${value.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
        return {
          detail: `YAML cannot read this value as text: a value with ": " in it, or one that starts with "{" or "[", must be in quotes: ${quoted}`,
          position: { line: at.line, col: column },
        };
      }
      return plain(error, at);
    }
    default:
      return plain(error, at);
  }
}

/** The parser's own words, first line only (the rest is a drawing of the line). */
function plain(error: YAMLError, at: SourcePosition): ExplainedYamlError {
  return { detail: error.message.split("\n")[0] ?? error.message, position: at };
}

/**
 * `client:ACME` or `contacts:[alice]`: without a space after the colon YAML
 * reads a key and its value as one word, and the error appears later, if at
 * all. The first such line at or before the error is where it starts. A
 * line the document read as a value (a list item such as `- error:500`, a
 * line of a `|` block, a value on the line below its key) is text, not a key.
 */
function findGluedKey(lines: readonly string[], lastLine: number, doc: Document, lineCounter: LineCounter): ExplainedYamlError | undefined {
  for (let index = 0; index < lastLine && index < lines.length; index++) {
    const match = /^(\s*(?:-\s+)?)([A-Za-z_][\w-]*):([^\s/:][^#]*)$/u.exec(lines[index] ?? "");
    if (!match) continue;
    const [, indent = "", key = "", value = ""] = match;
    const lineStart = lineCounter.lineStarts[index];
    if (lineStart !== undefined && isReadAsValue(doc, lineStart + indent.length)) continue;
    return {
      detail: `no space after the colon: YAML reads "${key}:${value.trimEnd()}" as one word; write "${key}: ${value.trimEnd()}"`,
      position: { line: index + 1, col: indent.length + key.length + 2 },
    };
  }
  return undefined;
}

/** Whether `offset` is inside a block scalar, or inside a scalar the document read as a value rather than a key. */
function isReadAsValue(doc: Document, offset: number): boolean {
  let value = false;
  visit(doc, {
    Scalar(key, node) {
      if (!node.range || offset < node.range[0] || offset >= node.range[1]) return undefined;
      value = node.type === "BLOCK_LITERAL" || node.type === "BLOCK_FOLDED" || key !== "key";
      return visit.BREAK;
    },
  });
  return value;
}

/** An unclosed quote: report it where it opens, with the line the text runs on to. */
function explainOpenQuote(error: YAMLError, doc: Document, text: string, lineCounter: LineCounter): ExplainedYamlError | undefined {
  const offset = error.pos[0];
  let opened: Node | undefined;
  visit(doc, {
    Scalar(_, node) {
      if ((node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE") && node.range && node.range[0] <= offset) opened = node;
    },
  });
  if (!opened?.range || !isScalar(opened)) return undefined;
  const quote = opened.type === "QUOTE_DOUBLE" ? '"' : "'";
  const position = lineCounter.linePos(opened.range[0]);
  const end = lineCounter.linePos(offset);
  const runs =
    end.line === position.line ? "" : offset >= text.trimEnd().length ? ", so the text runs on to the end of the file" : `, so the text runs on to line ${end.line}`;
  return { detail: `the ${quote} that opens here is never closed${runs}: end it with ${quote} on this line`, position };
}

/** A `[` or `{` without its closing bracket: report it where it opens. */
function explainOpenBracket(error: YAMLError, doc: Document, lineCounter: LineCounter): ExplainedYamlError | undefined {
  const offset = error.pos[0];
  let opened: Node | undefined;
  visit(doc, {
    Seq(_, node) {
      if (node.flow && node.range && node.range[0] < offset) opened = node;
    },
    Map(_, node) {
      if (node.flow && node.range && node.range[0] < offset) opened = node;
    },
  });
  if (!opened?.range || !isCollection(opened)) return undefined;
  const [open, close, what] = isSeq(opened) ? ["[", "]", "list"] : ["{", "}", "mapping"];
  const position = lineCounter.linePos(opened.range[0]);
  return { detail: `the ${open} that opens here is never closed: end the ${what} with ${close} on this line`, position };
}

/** A line indented differently from its neighbours: say by how much, against the line above. */
function explainIndentation(lines: readonly string[], at: SourcePosition): ExplainedYamlError {
  const line = lines[at.line - 1] ?? "";
  const indent = line.length - line.trimStart().length;
  const above = [...lines.slice(0, at.line - 1)].reverse().find((text) => text.trim() !== "" && !text.trim().startsWith("#"));
  const aboveIndent = above === undefined ? 0 : above.length - above.trimStart().length;
  const detail =
    `this line is indented by ${spaces(indent)}, the line above by ${spaces(aboveIndent)}: ` +
    "keys of one mapping start at the same column, and a nested key is indented further than its parent";
  return { detail, position: { line: at.line, col: indent + 1 } };
}

function spaces(count: number): string {
  return `${count} ${count === 1 ? "space" : "spaces"}`;
}
