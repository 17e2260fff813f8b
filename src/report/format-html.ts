import type { ClientSummary, Report } from "./compute.js";
import { columns, escapeXml as escape, LEVEL_COLORS, shareBars, stackedColumns } from "./svg.js";
import { fill, formatCounts, formatDuration, formatShare, monthName, shortDate, wordsFor, type Words } from "./words.js";

/**
 * The report as one self-contained HTML file: styles inline, charts as
 * inline SVG (tickets per week by urgency, the first-response distribution,
 * promises kept per client), no script and nothing fetched, so it opens the
 * same in a browser, a mail client or an archive years later.
 */
export function formatHtml(report: Report): string {
  const words = wordsFor(report.language);
  const language = report.language;
  const title = `${words.title} ${monthName(report.month, language)}`;
  const agency = report.agency;
  const levels = Object.keys(agency.byUrgency);
  const volume = stackedColumns(
    "chart-volume",
    words.volumeChart,
    report.weeks.map((week) => shortDate(week.week, language)),
    levels.map((level, index) => ({
      name: level,
      color: LEVEL_COLORS[Math.min(index, LEVEL_COLORS.length - 1)] ?? "#999",
      values: report.weeks.map((week) => week.byUrgency[level] ?? 0),
    })),
  );
  const response = columns("chart-response", words.responseChart, [
    ...report.firstResponse.buckets.map((bucket) => ({ label: bucketLabel(bucket.from, bucket.upTo), value: bucket.tickets, color: "#1565c0" })),
    { label: words.unanswered, value: report.firstResponse.unanswered, color: "#9e9e9e" },
  ]);
  const promises = shareBars(
    "chart-promise",
    words.promiseChart,
    report.clients.map((summary) => ({ name: summary.client, kept: summary.promises.kept, missed: summary.promises.missed })),
    { kept: words.kept, missed: words.missed, none: "–" },
    (share) => formatShare(share, language),
  );
  const summary = fill(words.summary, {
    tickets: String(agency.tickets),
    median: formatDuration(agency.firstResponseMinutes.median),
    p90: formatDuration(agency.firstResponseMinutes.p90),
    share: formatShare(agency.withinPromise, language),
  });
  return `<!DOCTYPE html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222; margin: 2rem auto; max-width: 1120px; padding: 0 1rem; line-height: 1.4; }
h1 { font-size: 1.6rem; margin-bottom: .25rem; }
h2 { font-size: 1.2rem; margin-top: 2rem; }
.lead { font-size: 1.05rem; margin-top: 0; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem; }
figure { margin: 0; border: 1px solid #e0e0e0; border-radius: 6px; padding: .5rem; background: #fff; }
svg { max-width: 100%; height: auto; display: block; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; }
th, td { border-bottom: 1px solid #e0e0e0; padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: #f5f5f5; }
td.n, th.n { text-align: right; }
td.n { white-space: nowrap; }
tr.total td { font-weight: 600; border-top: 2px solid #999; }
.note { color: #555; font-size: .85rem; margin-top: 2rem; }
</style>
</head>
<body>
<h1>${escape(title)}</h1>
<p class="lead"><strong>${escape(words.agency)}:</strong> ${escape(summary)}</p>
<div class="charts">
<figure>${volume}</figure>
<figure>${response}</figure>
<figure>${promises}</figure>
</div>
<h2>${escape(words.clients)}</h2>
${clientTable(report, words)}
${peopleSections(report, words)}
${report.notIncluded.length > 0 ? `<p><strong>${escape(words.notIncluded)}:</strong> ${report.notIncluded.map((entry) => escape(`${entry.repo} (${entry.reason})`)).join("; ")}</p>` : ""}
<p class="note">${escape(words.method)} ${escape(words.generated)} ${escape(report.generatedAt.slice(0, 16).replace("T", " "))} UTC.</p>
</body>
</html>
`;
}

function clientTable(report: Report, words: Words): string {
  const language = report.language;
  const row = (summary: ClientSummary, name: string, total = false) => {
    const decided = summary.promises.kept + summary.promises.missed;
    const promise = decided === 0 ? "–" : `${formatShare(summary.withinPromise, language)} (${summary.promises.kept} ${words.of} ${decided})`;
    return `<tr${total ? ' class="total"' : ""}><td>${escape(name)}</td><td class="n">${summary.tickets}</td><td>${escape(formatCounts(summary.byUrgency))}</td><td>${escape(formatCounts(summary.byFunction))}</td><td class="n">${formatDuration(summary.firstResponseMinutes.median)}</td><td class="n">${formatDuration(summary.firstResponseMinutes.p90)}</td><td class="n">${escape(promise)}</td><td class="n">${summary.reminders}</td><td class="n">${summary.escalations}</td><td class="n">${summary.projectWork}</td><td>${escape(formatCounts(summary.booked))}</td></tr>`;
  };
  const head = [
    [words.client, ""],
    [words.tickets, "n"],
    [words.byUrgency, ""],
    [words.byFunction, ""],
    [`${words.firstResponse}, ${words.median}`, "n"],
    [words.p90, "n"],
    [words.withinPromise, "n"],
    [words.reminders, "n"],
    [words.escalations, "n"],
    [words.projectWork, "n"],
    [words.booked, ""],
  ]
    .map(([name, kind]) => `<th${kind ? ` class="${kind}"` : ""}>${escape(name ?? "")}</th>`)
    .join("");
  return `<table>
<thead><tr>${head}</tr></thead>
<tbody>
${[...report.clients.map((summary) => row(summary, summary.client)), row(report.agency, words.agency, true)].join("\n")}
</tbody>
</table>`;
}

function peopleSections(report: Report, words: Words): string {
  const teams = report.clients.filter((summary) => (summary.people ?? []).length > 0);
  if (teams.length === 0) return "";
  const sections = teams.map((summary) => {
    const rows = (summary.people ?? [])
      .map((person) => `<tr><td>${escape(person.login)}</td><td class="n">${person.support}</td><td class="n">${person.projectWork}</td><td class="n">${formatShare(person.supportShare, report.language)}</td><td class="n">${person.late}</td></tr>`)
      .join("\n");
    return `<h3>${escape(summary.client)}</h3>
<table>
<thead><tr><th>${escape(words.person)}</th><th class="n">${escape(words.support)}</th><th class="n">${escape(words.projectWork)}</th><th class="n">${escape(words.supportShare)}</th><th class="n">${escape(words.late)}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
  });
  return `<h2>${escape(words.people)}</h2>\n${sections.join("\n")}`;
}

/** "< 1 h", "1–4 h", ..., "≥ 40 h". */
function bucketLabel(from: number, upTo: number | null): string {
  const hours = (minutes: number) => String(minutes / 60);
  if (from === 0 && upTo !== null) return `< ${hours(upTo)} h`;
  if (upTo === null) return `≥ ${hours(from)} h`;
  return `${hours(from)}–${hours(upTo)} h`;
}

