import type { Config } from "../config/schema.js";
import type { Assignment, Load, Pick } from "./assign.js";
import type { Classification } from "./classify.js";
import { formatDue } from "./messages.js";
import type { OnCall } from "./on-call.js";

/**
 * The reasons a plan carries, one decision a line: which rule chose the
 * urgency and the function, who was picked and who was skipped, and the
 * promise. `frontdesk simulate` prints them and the log's `reasons` carries
 * them, so both tell the same story. Reasons name logins and configuration
 * values, never the client's text.
 */

/** Which rule decided a classification; `defaultKey` is the configuration key that applies when none did. */
export function explainClassification(decision: Classification, defaultKey: string): string {
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

/** Who was picked and why, with everyone considered and skipped. */
export function describePick(pick: Pick): string {
  const skipped = pick.skipped.map((person) => `${person.login} (${person.reason}, ${person.openTickets} open${whereFrom(person)})`);
  const considered = pick.candidates.map((person) => `${person.login} ${person.openTickets}${whereFrom(person)}`).join(", ");
  const fewest = Math.min(...pick.candidates.map((person) => person.openTickets));
  const tied = pick.candidates.filter((person) => person.openTickets === fewest).length > 1;
  const rule = tied ? "tied for fewest open tickets, the issue number rotates ties" : "fewest open tickets";
  const chosen = pick.login ? `${pick.login}, ${rule} (${considered})` : "nobody available";
  return skipped.length > 0 ? `${chosen}; skipped ${skipped.join(", ")}` : chosen;
}

/** Where a load comes from, when part of it is in other repositories: ` (1 here, acme/shop 2)`. */
function whereFrom(load: Load): string {
  const elsewhere = Object.entries(load.elsewhere ?? {});
  if (elsewhere.length === 0) return "";
  return ` (${[`${load.here} here`, ...elsewhere.map(([repo, count]) => `${repo} ${count}`)].join(", ")})`;
}

/** What intake decided, in the order it decided it. */
export interface IntakeExplanation {
  urgency: Classification;
  function?: Classification;
  /** undefined when a person had already assigned the ticket. */
  assignment?: Assignment;
  /** The assignees a person set, when `assignment` is undefined. */
  keptAssignees: readonly string[];
  due: Date;
  /** When the response clock started. */
  clockStart: Date;
  /** The promise runs on the wall clock (a level with hours: always, outside business hours). */
  wall?: boolean;
  /** Who is on call, when frontdesk assigned for a wall-clock ticket. */
  onCall?: OnCall;
  needsEstimate?: string;
  clientEstimate?: string;
}

/** Intake's reasons, one a decision. */
export function explainIntake(config: Config, decided: IntakeExplanation): string[] {
  const zone = config.business_hours.timezone;
  const reasons = [`urgency: ${decided.urgency.value} (${explainClassification(decided.urgency, "urgency.default")})`];
  reasons.push(
    decided.function
      ? `function: ${decided.function.value} (${explainClassification(decided.function, "routing.default")})`
      : "function: none (the roster has no functions)",
  );
  if (!decided.assignment) {
    reasons.push(`assignees: kept as a person set them (${decided.keptAssignees.join(", ")}); frontdesk adds none`);
  } else {
    reasons.push(`contact: ${describePick(decided.assignment.contact)}`);
    const booked = decided.assignment.booked ? " (booked from team.bookable)" : "";
    reasons.push(`implementer: ${describePick(decided.assignment.implementer)}${booked}`);
  }
  if (decided.onCall) reasons.push(`on call: ${decided.onCall.login ?? "nobody"} (${decided.onCall.why})`);
  const within = config.urgency.levels[decided.urgency.value]?.respond_within ?? "1d";
  const clock = decided.wall ? "on the wall clock, outside business hours (hours: always)" : "of business time";
  reasons.push(`first response due: ${formatDue(decided.due, zone, "en")} (${within} ${clock} from ${formatDue(decided.clockStart, zone, "en")})`);
  if (decided.needsEstimate) reasons.push(`needs estimate: "${decided.needsEstimate}" matches project_work.hints`);
  if (decided.clientEstimate) {
    reasons.push(`needs estimate: the client's estimate "${decided.clientEstimate}" is above project_work.threshold, a hint for the team to confirm`);
  }
  return reasons;
}
