import { describe, expect, it } from "vitest";
import { REPORT_USAGE, runReport } from "../../src/cli/report.js";
import type { ReportSource, ReportTarget } from "../../src/report/source.js";
import { currentPriority } from "../../src/runtime/priority.js";
import { ACME, BETA, REPORT_NOW } from "../report/fixture.js";
import { toRepositoryInput } from "../report/fixture-input.js";
import { createMemoryIo } from "./memory-io.js";

/** `frontdesk report`'s arguments and outcomes, over sources in memory. */

function target(name: string, open: ReportTarget["open"]): ReportTarget {
  return { name, open };
}

function memorySource(targets: ReportTarget[]): ReportSource {
  return {
    platform: "github",
    async *targets() {
      yield* targets;
    },
  };
}

const acme = toRepositoryInput(ACME);
const beta = toRepositoryInput(BETA, "gitlab");
const readable = (input: typeof acme) =>
  target(input.repo, async () => ({ platform: input.platform, repo: input.repo, config: input.config, readTickets: async () => [...input.tickets] }));

async function run(args: string[], targets: ReportTarget[] = [readable(acme), readable(beta)]) {
  const io = createMemoryIo({}, REPORT_NOW);
  const code = await runReport(args, io, { env: {}, createSources: () => [memorySource(targets)] });
  return { code, out: io.out, err: io.err };
}

describe("frontdesk report", () => {
  it("reports the previous month in Markdown by default", async () => {
    const { code, out } = await run([]);
    expect(code).toBe(0);
    expect(out.split("\n")[0]).toBe("# Support report October 2026");
  });

  it.each([
    [["--month", "2026-13"], "--month 2026-13 is not a month: use YYYY-MM, e.g. 2026-10"],
    [["--format", "pdf"], "--format pdf is not one of md, csv, html, json"],
    [["--language", "fr"], "--language fr is not en or de"],
    [["--mnth", "2026-10"], "Unknown option '--mnth'"],
  ])("exits 2 for %j", async (args, message) => {
    const { code, err, out } = await run(args);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err.startsWith(`frontdesk report: ${message}`)).toBe(true);
    expect(err.endsWith(REPORT_USAGE)).toBe(true);
  });

  it("prints its usage for --help", async () => {
    expect(await run(["--help"])).toEqual({ code: 0, out: REPORT_USAGE, err: "" });
  });

  it("exits 2 and says what to set when no platform is configured", async () => {
    const io = createMemoryIo({}, REPORT_NOW);
    expect(await runReport([], io, { env: {} })).toBe(2);
    expect(io.err).toBe("frontdesk report: nothing to read: set APP_ID and PRIVATE_KEY for GitHub, or GITLAB_TOKEN for GitLab\n");
  });

  it("still reports when a repository fails, names it, and exits 1", async () => {
    const failing = target("acme/broken", async () => {
      throw new Error("Server Error");
    });
    const { code, out, err } = await run(["--month", "2026-10", "--format", "json"], [readable(acme), failing, readable(beta)]);
    expect(code).toBe(1);
    expect(err).toBe("error: report: reading failed (acme/broken): Server Error\n");
    const json = JSON.parse(out);
    expect(json.agency.tickets).toBe(12);
    expect(json.notIncluded).toEqual([{ repo: "acme/broken", reason: "Server Error" }]);
  });

  it("names a repository whose configuration is invalid, and leaves out those without one", async () => {
    const invalid = target("acme/invalid", async () => ({ repo: "acme/invalid", skipped: "the configuration is invalid" }));
    const unconfigured = target("acme/other", async () => undefined);
    const { code, out } = await run(["--month", "2026-10", "--format", "json"], [readable(acme), invalid, unconfigured]);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ clients: [{ client: "ACME GmbH" }], notIncluded: [{ repo: "acme/invalid", reason: "the configuration is invalid" }] });
  });

  it("reads at background priority, behind every webhook", async () => {
    const seen: string[] = [];
    const watched = target(acme.repo, async () => {
      seen.push(currentPriority());
      return { platform: "github", repo: acme.repo, config: acme.config, readTickets: async () => (seen.push(currentPriority()), [...acme.tickets]) };
    });
    expect((await run(["--month", "2026-10"], [watched])).code).toBe(0);
    expect(seen).toEqual(["background", "background"]);
  });

  it("exits 2, a wrong argument, with one line when --client names no client", async () => {
    expect(await run(["--month", "2026-10", "--client", "nobody/here"])).toEqual({
      code: 2,
      out: "",
      err: 'frontdesk report: no repository, project or client named "nobody/here" with a valid frontdesk configuration\n',
    });
  });

  it("opens only the repository --client names by path", async () => {
    const opened: string[] = [];
    const counting = (input: typeof acme) =>
      target(input.repo, async (log) => {
        opened.push(input.repo);
        return readable(input).open(log);
      });
    const { code, out } = await run(["--month", "2026-10", "--client", "BETA/shop", "--format", "json"], [counting(acme), counting(beta)]);
    expect(code).toBe(0);
    expect(opened).toEqual(["beta/shop"]);
    expect(JSON.parse(out).clients.map((client: { client: string }) => client.client)).toEqual(["Beta AG"]);
  });
});
