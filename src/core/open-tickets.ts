import { hasLabel } from "./text-match.js";
import type { OpenTickets, Ticket } from "./types.js";

/**
 * A person's load in one repository: open support tickets (`supportLabel`)
 * plus open project work (`projectLabel`) per assignee (lower-cased login),
 * one ticket (`except`) left out. The label names are the configuration's
 * (core/labels.ts): no default, which would miss them under other names.
 */
export function countOpenTickets(tickets: readonly Ticket[], except: number | undefined, projectLabel: string, supportLabel: string): OpenTickets {
  const counts: Record<string, number> = {};
  for (const ticket of tickets) {
    const counted = hasLabel(ticket.labels, supportLabel) || hasLabel(ticket.labels, projectLabel);
    if (ticket.number === except || ticket.isPullRequest || ticket.state !== "open" || !counted) continue;
    for (const login of ticket.assignees) {
      const key = login.toLowerCase();
      counts[key] = (counts[key] ?? 0) + 1;
    }
  }
  return counts;
}
