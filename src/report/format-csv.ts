import type { Report } from "./compute.js";
import type { TicketRow } from "./ticket-row.js";

/**
 * One row per ticket, for billing: RFC 4180 (comma, CRLF, quotes doubled),
 * times in UTC. A title is the client's text: one that a spreadsheet would
 * read as a formula (starting with =, +, -, @, tab or carriage return) gets
 * a leading apostrophe.
 */

const COLUMNS: readonly [string, (row: TicketRow) => string | number | boolean | null][] = [
  ["platform", (row) => row.platform],
  ["repository", (row) => row.repo],
  ["client", (row) => row.client],
  ["number", (row) => row.number],
  ["url", (row) => row.url],
  ["title", (row) => row.title],
  ["created", (row) => row.createdAt],
  ["closed", (row) => row.closedAt],
  ["urgency", (row) => row.urgency],
  ["function", (row) => row.function],
  ["contact", (row) => row.contact],
  ["implementer", (row) => row.implementer],
  ["assignees", (row) => row.assignees.join(" ")],
  ["due", (row) => row.due],
  ["first_response", (row) => row.firstResponseAt],
  ["first_responder", (row) => row.firstResponder],
  ["first_response_minutes", (row) => row.firstResponseMinutes],
  ["clock", (row) => row.clock],
  ["promise", (row) => row.promise],
  ["reminded", (row) => row.reminded],
  ["escalated", (row) => row.escalated],
  ["project_work", (row) => row.projectWork],
  ["booked", (row) => row.booked.join(" ")],
  ["estimate", (row) => row.estimate],
];

/** The report's tickets as CSV, one row each, with a header row. */
export function formatCsv(report: Report): string {
  const lines = [COLUMNS.map(([name]) => name), ...report.tickets.map((row) => COLUMNS.map(([, value]) => cell(value(row))))];
  return lines.map((cells) => cells.join(",")).join("\r\n") + "\r\n";
}

function cell(value: string | number | boolean | null): string {
  if (value === null) return "";
  if (typeof value !== "string") return String(value);
  const text = /^[=+\-@\t\r]/u.test(value) ? `'${value}` : value;
  return /[",\r\n]/u.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
