import type { DestinationStream } from "pino";

/**
 * LOG_FORMAT=pretty (the default when stdout is a terminal): each JSON line
 * of the log as one readable line, for a person watching. The same fields as
 * the JSON, so nothing is shown here that the JSON would not show; an error
 * adds its stack below, indented.
 *
 *     09:14:03.512 INFO  frontdesk listening on port 3000  address=127.0.0.1
 *     09:14:05.020 ERROR background work failed  delivery=d-7 event=issues repo=acme/site issue=7
 *                  HttpError: Server Error (500) POST /repos/{owner}/{repo}/issues/{issue_number}/comments
 */

const LEVELS: Record<number, string> = { 10: "TRACE", 20: "DEBUG", 30: "INFO", 40: "WARN", 50: "ERROR", 60: "FATAL" };
/** Written in the line's head or left out, not repeated among the fields. */
const HEAD = new Set(["level", "time", "msg", "pid", "hostname", "name", "err", "error"]);
const INDENT = " ".repeat(13);

/** One JSON log line as a readable line (with a trailing newline); a line that is not JSON stays as it is. */
export function formatPretty(line: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line.endsWith("\n") ? line : `${line}\n`;
  }
  const time = typeof entry.time === "number" ? new Date(entry.time).toISOString().slice(11, 23) : "";
  const level = (LEVELS[entry.level as number] ?? String(entry.level)).padEnd(5);
  const name = entry.name && entry.name !== "frontdesk" ? `[${String(entry.name)}] ` : "";
  const fields = Object.entries(entry)
    .filter(([key, value]) => !HEAD.has(key) && value !== undefined)
    .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`);
  const head = `${time} ${level} ${name}${String(entry.msg ?? "")}${fields.length ? `  ${fields.join(" ")}` : ""}`;
  const error = (entry.err ?? entry.error) as { type?: string; message?: string; stack?: string; request?: { method?: string; url?: string } } | undefined;
  if (!error || typeof error !== "object") return `${head}\n`;
  const call = error.request ? ` ${error.request.method ?? ""} ${error.request.url ?? ""}`.trimEnd() : "";
  const stack = (error.stack ?? "").split("\n").slice(1).map((frame) => `${INDENT}${frame.trim()}`);
  return [head, `${INDENT}${error.type ?? "Error"}: ${error.message ?? ""}${call}`, ...stack].join("\n") + "\n";
}

/** A pino destination that writes {@link formatPretty}'s lines to `out`. */
export function prettyDestination(out: { write(text: string): unknown }): DestinationStream {
  return { write: (line: string) => void out.write(formatPretty(line)) };
}
