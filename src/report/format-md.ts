import { neutralizeQuote } from "../core/quote.js";
import type { ClientSummary, PersonSummary, Report } from "./compute.js";
import { fill, formatCounts, formatDuration, formatShare, monthName, wordsFor, type Words } from "./words.js";

/**
 * The report in Markdown, to post as an issue or a comment: one table row
 * per client and the agency's total, then per client-team client its
 * people. Names from configurations are neutralised as frontdesk's quotes
 * are (no mention, no link, no HTML), and table pipes escaped.
 */
export function formatMarkdown(report: Report): string {
  const words = wordsFor(report.language);
  const language = report.language;
  const header = [
    words.client,
    words.tickets,
    words.byUrgency,
    words.byFunction,
    `${words.firstResponse}, ${words.median}`,
    words.p90,
    words.withinPromise,
    words.reminders,
    words.escalations,
    words.projectWork,
    words.booked,
  ];
  const row = (summary: ClientSummary, name: string) => [
    name,
    String(summary.tickets),
    formatCounts(summary.byUrgency, text),
    formatCounts(summary.byFunction, text),
    formatDuration(summary.firstResponseMinutes.median),
    formatDuration(summary.firstResponseMinutes.p90),
    promise(summary, words, language),
    String(summary.reminders),
    String(summary.escalations),
    String(summary.projectWork),
    formatCounts(summary.booked, text),
  ];
  const agency = report.agency;
  const lines = [
    `# ${words.title} ${monthName(report.month, language)}`,
    "",
    `**${words.agency}:** ${fill(words.summary, {
      tickets: String(agency.tickets),
      median: formatDuration(agency.firstResponseMinutes.median),
      p90: formatDuration(agency.firstResponseMinutes.p90),
      share: formatShare(agency.withinPromise, language),
    })}`,
    "",
    table(
      header,
      [...report.clients.map((summary) => row(summary, text(summary.client))), row(agency, `**${words.agency}**`)],
      ["l", "r", "l", "l", "r", "r", "r", "r", "r", "r", "l"],
    ),
  ];
  const teams = report.clients.filter((summary) => summary.people !== undefined && summary.people.length > 0);
  if (teams.length > 0) {
    lines.push("", `## ${words.people}`);
    for (const summary of teams) lines.push("", `### ${text(summary.client)}`, "", peopleTable(summary.people ?? [], words, language));
  }
  if (report.notIncluded.length > 0) {
    lines.push("", `**${words.notIncluded}:** ${report.notIncluded.map((entry) => `${text(entry.repo)} (${text(entry.reason)})`).join("; ")}`);
  }
  lines.push("", `<sub>${text(words.method)} ${words.generated} ${report.generatedAt.slice(0, 16).replace("T", " ")} UTC.</sub>`, "");
  return lines.join("\n");
}

function peopleTable(people: readonly PersonSummary[], words: Words, language: Report["language"]): string {
  return table(
    [words.person, words.support, words.projectWork, words.supportShare, words.late],
    people.map((person) => [text(person.login), String(person.support), String(person.projectWork), formatShare(person.supportShare, language), String(person.late)]),
    ["l", "r", "r", "r", "r"],
  );
}

function promise(summary: ClientSummary, words: Words, language: Report["language"]): string {
  const decided = summary.promises.kept + summary.promises.missed;
  if (decided === 0) return "–";
  return `${formatShare(summary.withinPromise, language)} (${summary.promises.kept} ${words.of} ${decided})`;
}

function table(header: readonly string[], rows: readonly string[][], align: readonly ("l" | "r")[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(align.map((side) => (side === "r" ? "---:" : "---"))), ...rows.map(line)].join("\n");
}

/** A name from a configuration in a table cell: no mention, link or HTML, no pipe that ends the cell. */
function text(value: string): string {
  return neutralizeQuote(value).replaceAll("\\", "\\\\").replaceAll("|", "\\|").replaceAll("*", "\\*").replaceAll("_", "\\_");
}
