import type { Config } from "../config/schema.js";
import type { Ticket } from "./types.js";

/**
 * Why an issue is not a support ticket (README: How intake decides), or undefined
 * when it is one. Split in two so that bots and pull requests cost no API call:
 * they are decided before the configuration is read.
 */
export function whyNotATicketBeforeConfig(ticket: Ticket): string | undefined {
  if (ticket.isPullRequest) return "pull and merge requests are never tickets";
  if (ticket.author.isBot || ticket.author.login.toLowerCase().endsWith("[bot]")) {
    return `${ticket.author.login} is a bot`;
  }
  if (ticket.state !== "open") return "the issue is closed";
  return undefined;
}

export function whyNotATicket(config: Config, ticket: Ticket): string | undefined {
  const early = whyNotATicketBeforeConfig(ticket);
  if (early) return early;
  if (!config.enabled) return "frontdesk is paused here (enabled: false)";
  const author = ticket.author.login.toLowerCase();
  if (config.ignore_authors.some((login) => login.toLowerCase() === author)) {
    return `${ticket.author.login} is in ignore_authors`;
  }
  return undefined;
}
