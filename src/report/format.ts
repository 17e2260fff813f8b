import type { Report } from "./compute.js";
import { formatCsv } from "./format-csv.js";
import { formatHtml } from "./format-html.js";
import { formatJson } from "./format-json.js";
import { formatMarkdown } from "./format-md.js";

/** The formats `frontdesk report --format` writes. */
export const REPORT_FORMATS = ["md", "csv", "html", "json"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** True for a format `--format` accepts. */
export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

/** The report in a format, as text. */
export function formatReport(report: Report, format: ReportFormat): string {
  switch (format) {
    case "md":
      return formatMarkdown(report);
    case "csv":
      return formatCsv(report);
    case "html":
      return formatHtml(report);
    case "json":
      return formatJson(report);
  }
}
