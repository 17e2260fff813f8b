import type { Config } from "../config/schema.js";
import { toBusinessHours } from "./business-time.js";
import { findOwnComment, writeMarker, type AckRecord } from "./marker.js";
import { formatDue, messageFor, type MessageVars } from "./messages.js";
import { ACK_MARKER } from "./plan-intake.js";
import type { Comment, Ticket } from "./types.js";

/**
 * frontdesk's acknowledgement is where a ticket's state lives: urgency, due
 * time, contact, and after intake the estimate and whether it is project work.
 * A person can edit any comment, so the record is read defensively.
 */

export interface Acknowledgement {
  comment: Comment;
  record: AckRecord;
}

/** frontdesk's acknowledgement on a ticket with its record, or undefined when there is none or it is unreadable. */
export function findAcknowledgement(comments: readonly Comment[]): Acknowledgement | undefined {
  const found = findOwnComment(comments, ACK_MARKER);
  const record = found && readAckRecord(found.marker.data);
  return found && record ? { comment: found.comment, record } : undefined;
}

/** The record in an acknowledgement's marker, or undefined when its required keys are missing or malformed. */
export function readAckRecord(data: Record<string, unknown>): AckRecord | undefined {
  const text = (key: string) => (typeof data[key] === "string" ? (data[key] as string) : undefined);
  const urgency = text("urgency");
  const due = text("due");
  if (urgency === undefined || due === undefined || Number.isNaN(Date.parse(due))) return undefined;
  const record: AckRecord = { urgency, due };
  for (const key of ["function", "contact", "implementer", "estimate", "handoff", "onCall"] as const) {
    const value = text(key);
    if (value !== undefined) record[key] = value;
  }
  const from = text("estimateFrom");
  if (from === "command" || from === "label" || from === "form") record.estimateFrom = from;
  const override = text("override");
  if (override === "project" || override === "support") record.override = override;
  if (data.project === true) record.project = true;
  if (data.clock === "wall") record.clock = "wall";
  return record;
}

/** The client's name in messages: the configured one, else the repository's. */
export function clientName(config: Config, ticket: Pick<Ticket, "repo">): string {
  return config.client ?? ticket.repo.split("/").pop() ?? ticket.repo;
}

/** A login as a mention, or the language's "our team" when there is nobody. */
export function mention(config: Config, login: string | undefined): string {
  if (login) return `@${login}`;
  return config.language === "de" ? "unser Team" : "our team";
}

/** The acknowledgement's text for a record, as intake writes it, with the record as its marker. */
export function renderAcknowledgement(config: Config, ticket: Pick<Ticket, "repo">, record: AckRecord): string {
  const hours = toBusinessHours(config.business_hours);
  const vars: MessageVars = {
    client: clientName(config, ticket),
    contact: mention(config, record.contact),
    implementer: record.implementer ? `@${record.implementer}` : "",
    urgency: record.urgency,
    due: formatDue(new Date(record.due), hours.zone, config.language),
    function: record.function ?? "",
  };
  return `${messageFor("acknowledge", config, vars)}\n\n${writeMarker(ACK_MARKER, record)}`;
}
