import type { Config } from "../config/schema.js";
import type { Pick } from "../core/assign.js";
import type { Classification } from "../core/classify.js";
import { formatDue } from "../core/messages.js";
import type { IntakeResult } from "../core/plan-intake.js";
import type { OpenTickets, Ticket } from "../core/types.js";

/** The human-readable report of `frontdesk simulate`: each step, the rule that decided it, the plan. */
export function formatSimulation(config: Config, ticket: Ticket, result: IntakeResult, openTickets: OpenTickets): string {
  const lines: string[] = [`Issue #${ticket.number} "${ticket.title}" by ${ticket.author.login}`];
  if (result.kind === "skip") {
    lines.push(`1. Not a ticket: ${result.reason}. frontdesk does nothing.`);
    return `${lines.join("\n")}\n`;
  }
  const { decisions, changes } = result;
  const zone = config.business_hours.timezone;
  lines.push("1. A ticket: frontdesk takes it in.");
  lines.push(`2. Urgency: ${decisions.urgency.value} (${explain(decisions.urgency, "urgency.default")})`);
  lines.push(
    decisions.function
      ? `3. Function: ${decisions.function.value} (${explain(decisions.function, "routing.default")})`
      : "3. Function: none (the roster has no functions)",
  );
  if (!decisions.assignment) {
    lines.push(`4. Assignees: kept as a person set them (${ticket.assignees.join(", ")}); frontdesk adds none.`);
  } else {
    lines.push("4. Assignees:");
    lines.push(`   contact: ${describePick(decisions.assignment.contact)}`);
    const booked = decisions.assignment.booked ? " (booked from team.bookable)" : "";
    lines.push(`   implementer: ${describePick(decisions.assignment.implementer)}${booked}`);
  }
  const level = config.urgency.levels[decisions.urgency.value];
  lines.push(
    `5. First response due: ${formatDue(decisions.due, zone, "en")} (${level?.respond_within ?? "?"} of business time from ${formatDue(ticket.createdAt, zone, "en")})`,
  );
  if (decisions.needsEstimate) lines.push(`   "${decisions.needsEstimate}" matches project_work.hints: labelled needs estimate`);
  if (decisions.clientEstimate) {
    lines.push(`   the client's estimate "${decisions.clientEstimate}" is above project_work.threshold: a hint, labelled needs estimate for the team to confirm`);
  }
  lines.push("", "Plan:");
  lines.push(`  add labels: ${changes.addLabels.join(", ") || "none"}`);
  lines.push(`  assign: ${changes.assign.join(", ") || "none"}`);
  for (const comment of changes.comments) lines.push("  comment:", ...comment.split("\n").map((line) => `    ${line}`));
  if (Object.keys(openTickets).length > 0) {
    lines.push("", `Open tickets used: ${Object.entries(openTickets).map(([login, count]) => `${login} ${count}`).join(", ")}`);
  }
  return `${lines.join("\n")}\n`;
}

function explain(decision: Classification, defaultKey: string): string {
  switch (decision.rule) {
    case "label":
      return `the label "${decision.detail}" is on the issue`;
    case "form":
      return `the issue form says "${decision.detail}"`;
    case "keyword":
      return `keyword "${decision.detail}" in the title or body`;
    default:
      return `no rule matched: ${defaultKey}`;
  }
}

function describePick(pick: Pick): string {
  const skipped = pick.skipped.map((person) => `${person.login} (${person.reason}, ${person.openTickets} open)`);
  const considered = pick.candidates.map((person) => `${person.login} ${person.openTickets}`).join(", ");
  const fewest = Math.min(...pick.candidates.map((person) => person.openTickets));
  const tied = pick.candidates.filter((person) => person.openTickets === fewest).length > 1;
  const rule = tied ? "tied for fewest open tickets, the issue number rotates ties" : "fewest open tickets";
  const chosen = pick.login ? `${pick.login}, ${rule} (${considered})` : "nobody available";
  return skipped.length > 0 ? `${chosen}; skipped ${skipped.join(", ")}` : chosen;
}
