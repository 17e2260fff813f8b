import type { Log } from "../../src/desk/port.js";

/** A log line as the workflow wrote it. */
export interface LogEntry {
  level: "debug" | "info" | "warn" | "error";
  obj: object | string;
  msg?: string;
}

/** A logger that says nothing and keeps every line, so that a test can assert what was logged. */
export function createMemoryLog(): Log & { entries: LogEntry[]; messages(level: LogEntry["level"]): string[] } {
  const entries: LogEntry[] = [];
  const at = (level: LogEntry["level"]) => (obj: object | string, msg?: string) => void entries.push({ level, obj, msg });
  return {
    entries,
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    messages: (level) => entries.filter((entry) => entry.level === level).map((entry) => entry.msg ?? String(entry.obj)),
  };
}
