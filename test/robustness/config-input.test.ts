import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfigText } from "../../src/config/parse.js";
import { readFixture } from "../helpers/fixtures.js";
import { openOnGitHub, openOnGitLab, startHarness, type Harness } from "./harness.js";

/**
 * Configurations at their worst: a YAML alias bomb and a file of 10,000
 * lines, offline and through each platform's loading path in the real server.
 * Each ends in a clear error or a triaged ticket, within a time bound.
 */

const CONFIG = readFixture("spec-example.yml");

/** "Billion laughs": nine levels of nine aliases, 9^9 strings if expanded. */
const BOMB = [
  "team:",
  "  contacts: [alice]",
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...["b", "c", "d", "e", "f", "g", "h", "i"].map((name, index, names) => {
    const previous = index === 0 ? "a" : names[index - 1];
    return `${name}: &${name} [${Array(9).fill(`*${previous}`).join(",")}]`;
  }),
  "routing:",
  "  keywords:",
  "    development: *i",
].join("\n");

/** The example configuration with 10,000 more SEO keywords, one a line. */
const LONG = CONFIG.replace('    seo: [ranking, google, "meta description"]', ["    seo:", ...Array.from({ length: 10_000 }, (_, index) => `      - "keyword ${index}"`)].join("\n"));

function timed<T>(task: () => T): [T, number] {
  const started = performance.now();
  const result = task();
  return [result, performance.now() - started];
}

describe("configuration files offline", () => {
  it("refuses a YAML alias bomb with an error at the alias, at once", () => {
    const [result, ms] = timed(() => parseConfigText(BOMB, "frontdesk.yml"));
    expect(ms).toBeLessThan(500);
    expect(result.ok).toBe(false);
    const [error] = result.ok ? [] : result.errors;
    expect(error?.format()).toMatch(/^frontdesk\.yml:\d+:\d+: .*too many alias expansions \(more than 100\)/u);
  });

  it("reads a configuration of 10,000 lines, and places an error on its last line", () => {
    expect(LONG.split("\n").length).toBeGreaterThan(10_000);
    const [result, ms] = timed(() => parseConfigText(LONG, "frontdesk.yml"));
    expect(result.ok && result.config.routing.keywords.seo?.length).toBe(10_000);
    expect(ms).toBeLessThan(3_000);

    const broken = `${LONG.trimEnd()}\nproject_wrok: {}\n`;
    const [failed, failedMs] = timed(() => parseConfigText(broken, "frontdesk.yml"));
    const line = broken.trimEnd().split("\n").length;
    expect(failed.ok ? [] : failed.errors.map((error) => error.format())).toEqual([expect.stringMatching(new RegExp(`^frontdesk\\.yml:${line}:1: .*project_wrok.*project_work`, "u"))]);
    expect(failedMs).toBeLessThan(3_000);
  });
});

describe("configuration files through the server", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  }, 30_000);
  afterAll(() => harness?.close());

  it("keeps a ticket (label support, nothing else) where the file is an alias bomb, on GitHub and GitLab", async () => {
    const started = performance.now();
    const github = await openOnGitHub(harness, "bomb/site", BOMB, { title: "Website is down!" });
    const gitlab = await openOnGitLab(harness, "bomb/site", BOMB, { title: "Website is down!" });
    expect(performance.now() - started).toBeLessThan(5_000);

    expect(github.status).toBe(200);
    expect(github.repo.issues.get(github.number)!.labels.map((label) => label.name)).toEqual(["support"]);
    expect(github.repo.commentsOf(github.number)).toEqual([]);
    expect(gitlab.body).toEqual({ status: "done", reason: "invalid-config" });
    expect(gitlab.project.issues.get(gitlab.iid)!.labels).toEqual(["support"]);
    expect(harness.gitlab.state.notesOf(gitlab.project, gitlab.iid)).toEqual([]);
  });

  it("triages with a configuration of 10,000 lines, on GitHub and GitLab", async () => {
    const started = performance.now();
    const github = await openOnGitHub(harness, "long/site", LONG, { title: "Our ranking dropped: keyword 9999" });
    const gitlab = await openOnGitLab(harness, "long/site", LONG, { title: "Our ranking dropped: keyword 9999" });
    expect(performance.now() - started).toBeLessThan(10_000);

    expect(github.repo.issues.get(github.number)!.labels.map((label) => label.name)).toEqual(["support", "urgency: task", "function: seo", "booked: seo"]);
    expect(github.repo.commentsOf(github.number)).toHaveLength(1);
    expect(gitlab.project.issues.get(gitlab.iid)!.labels).toEqual(["support", "urgency: task", "function: seo", "booked: seo"]);
    expect(harness.gitlab.state.notesOf(gitlab.project, gitlab.iid)).toHaveLength(1);
  }, 20_000);
});
