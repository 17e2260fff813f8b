import type { Platform } from "../core/types.js";
import type { Clock, PromiseOutcome, TicketFacts } from "./ticket-facts.js";
import { round } from "./stats.js";

/**
 * One ticket as the report's JSON and CSV carry it (the CSV is for billing:
 * one row per ticket). Times are ISO 8601 in UTC.
 */
export interface TicketRow {
  platform: Platform;
  repo: string;
  client: string;
  number: number;
  url: string | null;
  title: string;
  createdAt: string;
  closedAt: string | null;
  urgency: string;
  function: string | null;
  contact: string | null;
  implementer: string | null;
  assignees: string[];
  due: string;
  firstResponseAt: string | null;
  firstResponder: string | null;
  firstResponseMinutes: number | null;
  clock: Clock;
  promise: PromiseOutcome;
  reminded: boolean;
  escalated: boolean;
  projectWork: boolean;
  booked: string[];
  estimate: string | null;
}

/** A ticket's facts as a row: times as ISO strings, absent values as null, minutes to one place. */
export function toTicketRow(facts: TicketFacts): TicketRow {
  return {
    platform: facts.platform,
    repo: facts.repo,
    client: facts.client,
    number: facts.number,
    url: facts.url ?? null,
    title: facts.title,
    createdAt: facts.createdAt.toISOString(),
    closedAt: facts.closedAt?.toISOString() ?? null,
    urgency: facts.urgency,
    function: facts.function ?? null,
    contact: facts.contact ?? null,
    implementer: facts.implementer ?? null,
    assignees: facts.assignees,
    due: facts.due.toISOString(),
    firstResponseAt: facts.firstResponseAt?.toISOString() ?? null,
    firstResponder: facts.firstResponder ?? null,
    firstResponseMinutes: facts.firstResponseMinutes === undefined ? null : round(facts.firstResponseMinutes, 1),
    clock: facts.clock,
    promise: facts.promise,
    reminded: facts.reminded,
    escalated: facts.escalated,
    projectWork: facts.projectWork,
    booked: facts.booked,
    estimate: facts.estimate ?? null,
  };
}
