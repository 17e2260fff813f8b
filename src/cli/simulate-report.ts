import type { Config } from "../config/schema.js";
import { supportLabel } from "../core/labels.js";
import type { BoardAction } from "../core/plan.js";
import type { LoadElsewhere, OpenTickets, Ticket } from "../core/types.js";
import { LoadBook } from "../runtime/load-book.js";
import { MemoryTracker } from "../desk/memory-tracker.js";
import type { Log } from "../desk/port.js";
import { triageTicket, type TriageOutcome } from "../desk/triage.js";

/**
 * `frontdesk simulate` runs what the server runs for a new issue (intake,
 * then the project-work review) against an issue tracker in memory, and
 * prints the reasons the plans carry, the same lines the server logs as
 * `reasons`, followed by what would be written.
 */

/** What the server would do with one new issue. */
export interface Simulation {
  ticket: Ticket;
  outcome: TriageOutcome;
  /** The issue and its comments after the workflow ran. */
  after: { ticket: Ticket; comments: string[] };
  board: BoardAction[];
  move?: string;
  openTickets: Load;
}

/** People's open tickets in the simulated repository, and in other clients' repositories. */
export interface Load {
  here: OpenTickets;
  elsewhere: LoadElsewhere;
}

const QUIET: Log = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/**
 * Runs the workflow. The repository's other open tickets are stand-ins, as
 * many per person as `openTickets` says. GitHub's tracker has boards,
 * GitLab's moves issues, as on the platforms.
 */
export async function simulate(config: Config, ticket: Ticket, openTickets: Load, now: Date): Promise<Simulation> {
  const others = Object.entries(openTickets.here).flatMap(([login, count]) =>
    Array.from({ length: count }, () => ({ ...ticket, title: "", body: "", author: { login: "client", isBot: false }, labels: [supportLabel(config)], assignees: [login] })),
  );
  const issues = [ticket, ...others.map((other, index) => ({ ...other, number: ticket.number + index + 1 }))].map((issue) => ({ ticket: issue }));
  const capabilities = ticket.platform === "gitlab" ? { move: true } : { boards: true };
  const tracker = new MemoryTracker({ repo: ticket.repo, issues, now, capabilities });
  const load = new LoadBook();
  const repos = new Set(Object.values(openTickets.elsewhere).flatMap((counts) => Object.keys(counts)));
  for (const repo of repos) {
    load.record(repo, Object.fromEntries(Object.entries(openTickets.elsewhere).map(([login, counts]) => [login, counts[repo] ?? 0])));
  }
  const outcome = await triageTicket({ tracker, config: { kind: "valid", config, warnings: [] }, ticket, commentCount: 0, reopened: false, now, log: QUIET, load });
  const board = tracker.writes.flatMap((write) => (write.kind === "board" ? write.actions : []));
  const move = tracker.writes.find((write) => write.kind === "move")?.target;
  const after = { ticket: tracker.ticket(ticket.number), comments: tracker.comments(ticket.number).map((comment) => comment.body) };
  return { ticket, outcome, after, board, ...(move ? { move } : {}), openTickets };
}

/** The human-readable report: each decision with the rule that made it, then what would be written. */
export function formatSimulation(simulation: Simulation): string {
  const { ticket, outcome, after } = simulation;
  const lines: string[] = [`Issue #${ticket.number} "${ticket.title}" by ${ticket.author.login}`];
  const { intake, review } = outcome;
  if (intake.kind !== "triage") {
    lines.push(`1. Not a ticket: ${intake.kind === "skip" ? intake.reason : intake.kind}. frontdesk does nothing.`);
    return `${lines.join("\n")}\n`;
  }
  const reasons = ["a ticket: frontdesk takes it in", ...intake.reasons];
  if (review) reasons.push(...(review.kind === "done" ? review.reasons : [`project work: nothing to do (${review.reason})`]));
  reasons.forEach((reason, index) => lines.push(`${index + 1}. ${reason.charAt(0).toUpperCase()}${reason.slice(1)}`));

  lines.push("", "Plan:");
  const added = after.ticket.labels.filter((label) => !ticket.labels.includes(label));
  const removed = ticket.labels.filter((label) => !after.ticket.labels.includes(label));
  const assigned = after.ticket.assignees.filter((login) => !ticket.assignees.includes(login));
  const unassigned = ticket.assignees.filter((login) => !after.ticket.assignees.includes(login));
  lines.push(`  add labels: ${added.join(", ") || "none"}`);
  if (removed.length > 0) lines.push(`  remove labels: ${removed.join(", ")}`);
  lines.push(`  assign: ${assigned.join(", ") || "none"}`);
  if (unassigned.length > 0) lines.push(`  unassign: ${unassigned.join(", ")}`);
  for (const comment of after.comments) lines.push("  comment:", ...comment.split("\n").map((line) => `    ${line}`));
  for (const action of simulation.board) {
    lines.push(`  board: ${action.kind} ${action.board}${action.kind === "add" && action.status ? ` (${action.status})` : ""}`);
  }
  if (simulation.move) lines.push(`  move to: ${simulation.move}`);
  const counts = Object.entries(simulation.openTickets.here);
  if (counts.length > 0) lines.push("", `Open tickets used: ${counts.map(([login, count]) => `${login} ${count}`).join(", ")}`);
  return `${lines.join("\n")}\n`;
}

/** `--json`: intake's plan with its decisions, and the project step's reasons and actions when there was one. */
export function toJson(simulation: Simulation): unknown {
  const { intake, review } = simulation.outcome;
  if (!review) return intake;
  return { ...intake, project: { ...review, board: simulation.board, ...(simulation.move ? { move: simulation.move } : {}) } };
}
