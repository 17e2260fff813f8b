import { describe, expect, it } from "vitest";
import { computeReport } from "../../src/report/compute.js";
import { formatReport, isReportFormat } from "../../src/report/format.js";
import { ACME, BETA, REPORT_NOW, type FixtureRepo } from "./fixture.js";
import { parseConfig, toRepositoryInput } from "./fixture-input.js";

/** The formats over the fixture: what each must say, and what text from configurations and issues may not do. */

const report = computeReport({ month: "2026-10", now: REPORT_NOW, repositories: [toRepositoryInput(ACME), toRepositoryInput(BETA, "gitlab")] });

describe("Markdown", () => {
  const text = formatReport(report, "md");

  it("has a row per client and the agency's total, in the report's words", () => {
    expect(text.split("\n")[0]).toBe("# Support report October 2026");
    expect(text).toContain("**All clients:** 12 tickets, first response median 2 h 15 min (90th percentile 9 h), 78% answered within the promise.");
    expect(text).toContain(
      "| ACME GmbH | 8 | emergency 1, task 7 | development 6, design 1, seo 1 | 2 h 45 min | 9 h | 83% (5 of 6) | 1 | 1 | 1 | seo 1 |",
    );
    expect(text).toContain("| **All clients** | 12 | emergency 2, task 10 | development 9, design 2, seo 1 | 2 h 15 min | 9 h | 78% (7 of 9) | 2 | 2 | 2 | seo 1, design 1 |");
    expect(text).toContain("### Beta AG\n\n| Person | Support | Project work | Share of support | Support tickets late |");
    expect(text).toContain("| max | 2 | 1 | 67% | 1 |");
  });

  it("in German", () => {
    const german = formatReport({ ...report, language: "de" }, "md");
    expect(german.split("\n")[0]).toBe("# Support-Bericht Oktober 2026");
    expect(german).toContain("| Beta AG | 4 | emergency 1, task 3 | development 3, design 1 | 2 h | 9 h 30 min | 67 % (2 von 3) |");
  });

  it("neutralises a client name: no mention, HTML comment or broken table", () => {
    const config = parseConfig(ACME.config.replace("client: ACME GmbH", 'client: "Evil | @bob <!-- x --> *co*"'));
    const hostile = formatReport(computeReport({ month: "2026-10", now: REPORT_NOW, repositories: [toRepositoryInput(ACME, "github", config)] }), "md");
    const row = hostile.split("\n").find((line) => line.startsWith("| Evil"))!;
    expect(row).toContain("Evil \\| @\u200Bbob \u2039!-- x --\u203A \\*co\\* | 8 |");
    expect(hostile).not.toMatch(/<!--|@bob/u);
  });
});

describe("CSV", () => {
  it("has a header and one row per ticket, times in UTC", () => {
    const lines = formatReport(report, "csv").split("\r\n");
    expect(lines).toHaveLength(14); // header, 12 tickets, and the final line break
    expect(lines[1]).toBe(
      "github,acme/site,ACME GmbH,9,,Contact form broken,2026-09-30T22:30:00.000Z,,task,development,alice,bob,alice bob,2026-10-01T15:00:00.000Z,2026-10-01T07:45:00.000Z,alice,45,business,kept,false,false,false,,",
    );
    expect(lines.find((line) => line.startsWith("github,acme/site,ACME GmbH,5,"))).toContain(",exempt,false,false,true,,2d");
  });

  it("quotes what needs quoting and keeps a title from being a spreadsheet formula", () => {
    const tricky: FixtureRepo = {
      ...ACME,
      issues: [
        { number: 1, title: '=HYPERLINK("http://x","y")', at: "2026-10-05T08:00:00Z" },
        { number: 2, title: "Cart, checkout", at: "2026-10-06T08:00:00Z" },
      ],
    };
    const rows = formatReport(computeReport({ month: "2026-10", now: REPORT_NOW, repositories: [toRepositoryInput(tricky)] }), "csv").split("\r\n");
    expect(rows[1]).toContain(`,"'=HYPERLINK(""http://x"",""y"")",`);
    expect(rows[2]).toContain(',"Cart, checkout",');
  });
});

describe("JSON and HTML", () => {
  it("JSON carries the keys other tools read", () => {
    const json = JSON.parse(formatReport(report, "json"));
    for (const summary of [...json.clients, json.agency]) {
      expect(Object.keys(summary)).toEqual(expect.arrayContaining(["client", "tickets", "byUrgency", "byFunction", "firstResponseMinutes", "withinPromise", "escalations", "projectWork", "booked"]));
      expect(Object.keys(summary.firstResponseMinutes)).toEqual(expect.arrayContaining(["median", "p90"]));
    }
  });

  it("HTML is one self-contained page with three inline charts and escaped names", () => {
    const config = parseConfig(ACME.config.replace("client: ACME GmbH", 'client: "<script>alert(1)</script>"'));
    const html = formatReport(computeReport({ month: "2026-10", now: REPORT_NOW, repositories: [toRepositoryInput(ACME, "github", config)] }), "html");
    expect(html.match(/<svg /gu)).toHaveLength(3);
    expect(html).not.toMatch(/<script|<link|<img|src=|href=|url\(/u);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("knows its formats", () => {
    expect(["md", "csv", "html", "json", "pdf"].map(isReportFormat)).toEqual([true, true, true, true, false]);
  });
});
