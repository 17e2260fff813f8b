/**
 * The report's charts as inline SVG: static markup, no script, no external
 * font or stylesheet, so that the HTML file shows them anywhere (a mail
 * client, an archive) exactly as written. Every chart draws its axes even
 * with no data, so an empty month is a readable chart with nothing in it.
 */

export interface Series {
  name: string;
  color: string;
  values: readonly number[];
}

export interface ShareRow {
  name: string;
  kept: number;
  missed: number;
}

const WIDTH = 500;
const FONT = `font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="12" fill="#333"`;

/** Columns per category, each stacked from its series (tickets per week, by urgency). */
export function stackedColumns(id: string, title: string, categories: readonly string[], series: readonly Series[], showLegend = true): string {
  const height = 280;
  const plot = { left: 44, right: WIDTH - 16, top: 52, bottom: height - 40 };
  const totals = categories.map((_, index) => series.reduce((sum, entry) => sum + (entry.values[index] ?? 0), 0));
  const scale = niceScale(Math.max(0, ...totals));
  const y = (value: number) => plot.bottom - (value / scale.max) * (plot.bottom - plot.top);
  const slot = (plot.right - plot.left) / Math.max(1, categories.length);
  const barWidth = Math.min(56, slot * 0.6);
  const parts: string[] = [grid(plot, scale, y)];
  categories.forEach((category, index) => {
    const x = plot.left + slot * index + (slot - barWidth) / 2;
    let base = 0;
    for (const entry of series) {
      const value = entry.values[index] ?? 0;
      if (value > 0) {
        parts.push(`<rect x="${fmt(x)}" y="${fmt(y(base + value))}" width="${fmt(barWidth)}" height="${fmt(y(base) - y(base + value))}" fill="${entry.color}"><title>${escapeXml(`${category}: ${entry.name} ${value}`)}</title></rect>`);
      }
      base += value;
    }
    if (base > 0) parts.push(`<text x="${fmt(x + barWidth / 2)}" y="${fmt(y(base) - 4)}" text-anchor="middle">${base}</text>`);
    parts.push(axisLabel(category, x + barWidth / 2, plot.bottom + 16, slot));
  });
  if (showLegend) parts.push(legend(series.map((entry) => ({ name: entry.name, color: entry.color })), plot.left, 36));
  return frame(id, title, height, parts);
}

/** One column per category (the first-response distribution), each in its own colour. */
export function columns(id: string, title: string, bars: readonly { label: string; value: number; color: string }[]): string {
  return stackedColumns(
    id,
    title,
    bars.map((bar) => bar.label),
    bars.map((bar, index) => ({ name: bar.label, color: bar.color, values: bars.map((_, at) => (at === index ? bar.value : 0)) })),
    false,
  );
}

/** One horizontal bar per client: the share of promises kept and missed, with the percentage kept. */
export function shareBars(id: string, title: string, rows: readonly ShareRow[], labels: { kept: string; missed: string; none: string }, percent: (share: number) => string): string {
  const rowHeight = 30;
  const top = 52;
  const height = top + Math.max(1, rows.length) * rowHeight + 28;
  const plot = { left: 150, right: WIDTH - 56 };
  const width = plot.right - plot.left;
  const parts: string[] = [
    `<line x1="${plot.left}" y1="${top - 6}" x2="${plot.left}" y2="${height - 24}" stroke="#999"/>`,
    `<line x1="${plot.right}" y1="${top - 6}" x2="${plot.right}" y2="${height - 24}" stroke="#ddd"/>`,
    `<text x="${plot.left}" y="${height - 8}" text-anchor="middle">0</text>`,
    `<text x="${plot.right}" y="${height - 8}" text-anchor="middle">${escapeXml(percent(1))}</text>`,
  ];
  rows.forEach((row, index) => {
    const y = top + index * rowHeight;
    const decided = row.kept + row.missed;
    parts.push(`<text x="${plot.left - 8}" y="${y + 15}" text-anchor="end">${escapeXml(truncate(row.name, 20))}</text>`);
    if (decided === 0) {
      parts.push(`<rect x="${plot.left}" y="${y}" width="${width}" height="20" fill="#eee"/><text x="${plot.left + 6}" y="${y + 14}">${escapeXml(labels.none)}</text>`);
      return;
    }
    const keptWidth = (row.kept / decided) * width;
    parts.push(`<rect x="${plot.left}" y="${y}" width="${fmt(keptWidth)}" height="20" fill="#2e7d32"><title>${escapeXml(`${row.name}: ${labels.kept} ${row.kept}`)}</title></rect>`);
    if (row.missed > 0) {
      parts.push(`<rect x="${fmt(plot.left + keptWidth)}" y="${y}" width="${fmt(width - keptWidth)}" height="20" fill="#c62828"><title>${escapeXml(`${row.name}: ${labels.missed} ${row.missed}`)}</title></rect>`);
    }
    parts.push(`<text x="${plot.right + 6}" y="${y + 15}">${escapeXml(percent(row.kept / decided))}</text>`);
  });
  parts.push(legend([{ name: labels.kept, color: "#2e7d32" }, { name: labels.missed, color: "#c62828" }], plot.left, 36));
  return frame(id, title, height, parts);
}

/** Colours of urgency levels, most urgent first. */
export const LEVEL_COLORS = ["#c62828", "#ef6c00", "#f9a825", "#1565c0", "#2e7d32", "#6a1b9a"];

function frame(id: string, title: string, height: number, parts: readonly string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" id="${id}" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-labelledby="${id}-title">`,
    `<title id="${id}-title">${escapeXml(title)}</title>`,
    `<g ${FONT}>`,
    `<text x="12" y="18" font-size="14" font-weight="600">${escapeXml(title)}</text>`,
    ...parts,
    "</g>",
    "</svg>",
  ].join("\n");
}

function grid(plot: { left: number; right: number; top: number; bottom: number }, scale: { max: number; step: number }, y: (value: number) => number): string {
  const lines: string[] = [];
  for (let value = 0; value <= scale.max; value += scale.step) {
    lines.push(`<line x1="${plot.left}" y1="${fmt(y(value))}" x2="${plot.right}" y2="${fmt(y(value))}" stroke="${value === 0 ? "#999" : "#e5e5e5"}"/>`);
    lines.push(`<text x="${plot.left - 6}" y="${fmt(y(value) + 4)}" text-anchor="end">${value}</text>`);
  }
  return lines.join("\n");
}

/** A category under its column; one too wide for its slot breaks at its middle space onto a second line. */
function axisLabel(text: string, x: number, y: number, slot: number): string {
  const space = text.indexOf(" ", Math.floor(text.length / 2) - 2);
  const breakAt = space >= 0 ? space : text.lastIndexOf(" ");
  if (text.length * 6.5 <= slot - 4 || breakAt <= 0) return `<text x="${fmt(x)}" y="${y}" text-anchor="middle">${escapeXml(text)}</text>`;
  return `<text x="${fmt(x)}" y="${y}" text-anchor="middle"><tspan x="${fmt(x)}">${escapeXml(text.slice(0, breakAt))}</tspan><tspan x="${fmt(x)}" dy="14">${escapeXml(text.slice(breakAt + 1))}</tspan></text>`;
}

function legend(entries: readonly { name: string; color: string }[], x: number, y: number): string {
  let at = x;
  const items = entries.map((entry) => {
    const item = `<rect x="${at}" y="${y - 9}" width="10" height="10" fill="${entry.color}"/><text x="${at + 14}" y="${y}">${escapeXml(entry.name)}</text>`;
    at += 24 + Math.min(entry.name.length, 24) * 7;
    return item;
  });
  return `<g>${items.join("")}</g>`;
}

/** An axis from 0 to a round maximum at or above `max`, in whole steps (counts of tickets). */
function niceScale(max: number): { max: number; step: number } {
  if (max <= 5) return { max: 5, step: 1 };
  const rough = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= rough) ?? 10 * magnitude;
  return { max: Math.ceil(max / step) * step, step };
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}

function fmt(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** Text safe in XML and HTML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&#39;");
}
