import { SUPPORT_LABEL } from "./labels.js";
import { hasLabel } from "./text-match.js";
import type { OpenTickets, Ticket } from "./types.js";

/** Open support tickets per assignee (lower-cased login), one ticket left out. */
export function countOpenTickets(tickets: readonly Ticket[], except?: number): OpenTickets {
  const counts: Record<string, number> = {};
  for (const ticket of tickets) {
    if (ticket.number === except || ticket.isPullRequest || !hasLabel(ticket.labels, SUPPORT_LABEL)) continue;
    for (const login of ticket.assignees) {
      const key = login.toLowerCase();
      counts[key] = (counts[key] ?? 0) + 1;
    }
  }
  return counts;
}
