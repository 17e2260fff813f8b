import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium, type BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeReport } from "../../src/report/compute.js";
import { formatHtml } from "../../src/report/format-html.js";
import { ACME, BETA, REPORT_NOW } from "./fixture.js";
import { toRepositoryInput } from "./fixture-input.js";

/**
 * The HTML report in a real browser: Debian's Chromium (the `chromium`
 * package, which .ci/run installs), driven by playwright-core, never a
 * downloaded browser. Nothing may be fetched from anywhere, the three charts
 * must draw, and no error may reach the console. The pages and their
 * screenshots go to test-output/report/ for a person to look at.
 */

const CHROMIUM = "/usr/bin/chromium";
const OUTPUT = fileURLToPath(new URL("../../test-output/report/", import.meta.url));
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

let context: BrowserContext;
let profile: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium); .ci/run does this in CI`);
  }
  await mkdir(OUTPUT, { recursive: true });
  profile = await mkdtemp(join(tmpdir(), "frontdesk-chromium-"));
  context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1200, height: 900 } });
}, 60_000);

afterAll(async () => {
  await context?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

interface ChartBox {
  id: string;
  width: number;
  height: number;
  shapes: number;
  texts: number;
}

async function open(language: "en" | "de") {
  const report = computeReport({ month: "2026-10", now: REPORT_NOW, repositories: [toRepositoryInput(ACME), toRepositoryInput(BETA, "gitlab")], language });
  const file = join(OUTPUT, `october-${language}.html`);
  await writeFile(file, formatHtml(report), "utf8");
  const page = await context.newPage();
  const problems: string[] = [];
  const fetched: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:")) return route.continue();
    fetched.push(url);
    return route.abort();
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  const charts = await page.$$eval("svg", (svgs) =>
    svgs.map((svg) => {
      const box = svg.getBoundingClientRect();
      return { id: svg.id, width: box.width, height: box.height, shapes: svg.querySelectorAll("rect, line").length, texts: svg.querySelectorAll("text").length };
    }),
  );
  const painted = await page.$$eval("svg rect", (rects) => rects.filter((rect) => (rect as SVGGraphicsElement).getBBox().width > 0).length);
  await page.screenshot({ path: join(OUTPUT, `october-${language}.png`), fullPage: true });
  const heading = await page.textContent("h1");
  await page.close();
  return { charts: charts as ChartBox[], painted, problems, fetched, heading };
}

describe("the HTML report in headless Chromium", () => {
  it("draws its three charts, fetches nothing and logs no error (English)", async () => {
    const { charts, painted, problems, fetched, heading } = await open("en");
    expect(heading).toBe("Support report October 2026");
    expect(charts.map((chart) => chart.id)).toEqual(["chart-volume", "chart-response", "chart-promise"]);
    for (const chart of charts) {
      expect(chart.width, chart.id).toBeGreaterThan(100);
      expect(chart.height, chart.id).toBeGreaterThan(100);
      expect(chart.shapes, chart.id).toBeGreaterThan(5);
      expect(chart.texts, chart.id).toBeGreaterThan(3);
    }
    expect(painted).toBeGreaterThan(10);
    expect(problems).toEqual([]);
    expect(fetched).toEqual([]);
  }, 60_000);

  it("reads in German too", async () => {
    const { charts, problems, heading } = await open("de");
    expect(heading).toBe("Support-Bericht Oktober 2026");
    expect(charts).toHaveLength(3);
    expect(problems).toEqual([]);
  }, 60_000);
});
