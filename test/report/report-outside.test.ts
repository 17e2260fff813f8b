import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runReport } from "../../src/cli/report.js";
import { createMemoryIo } from "../cli/memory-io.js";
import { FakeGitHub } from "../fakes/github-api.js";
import { FakeGitLab } from "../fakes/gitlab-api.js";
import { createAppKey } from "../helpers/spawn-server.js";
import { ACME, BETA, REPORT_NOW } from "./fixture.js";
import { loadIntoGitHub, loadIntoGitLab } from "./fixture-fakes.js";
import { ACME_FIGURES, AGENCY_FIGURES, BETA_FIGURES, BUCKET_FIGURES, WEEK_FIGURES } from "./report-figures.js";

/**
 * `frontdesk report` from the outside: October's fixture tickets in a fake
 * GitHub (acme/site) and a fake GitLab (beta/shop), the command built from
 * the environment as an operator runs it, and the hand-computed figures out.
 */

const github = new FakeGitHub();
const gitlab = new FakeGitLab();
let env: Record<string, string>;

beforeAll(async () => {
  loadIntoGitHub(github, ACME, 7);
  loadIntoGitLab(gitlab, BETA);
  env = {
    APP_ID: "1",
    PRIVATE_KEY: createAppKey(),
    GHE_HOST: await github.start(),
    GHE_PROTOCOL: "http",
    LOG_LEVEL: "silent",
    GITLAB_URL: await gitlab.start(),
    GITLAB_TOKEN: "glpat-report",
    GITLAB_PROJECTS: "beta/shop",
  };
}, 30_000);

afterAll(async () => {
  await github.stop();
  await gitlab.stop();
});

async function report(args: string[], options: { stderrIsTTY?: boolean } = {}) {
  const io = createMemoryIo({}, REPORT_NOW);
  const files = new Map<string, string>();
  const code = await runReport(args, io, { env, ...options, writeFile: async (path, text) => void files.set(path, text) });
  return { code, out: io.out, err: io.err, files };
}

describe("frontdesk report against the fakes", () => {
  it("--format json gives the hand-computed counts, medians and shares for both platforms", async () => {
    const githubBefore = github.calls.length;
    const { code, out, err } = await report(["--month", "2026-10", "--format", "json"]);
    expect(err).toBe("");
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.clients).toEqual([ACME_FIGURES, BETA_FIGURES]);
    expect(json.agency).toEqual(AGENCY_FIGURES);
    expect(json.weeks).toEqual(WEEK_FIGURES);
    expect(json.firstResponse).toEqual(BUCKET_FIGURES);
    expect(json.tickets).toHaveLength(12);
    expect(json.tickets[0]).toMatchObject({ platform: "github", repo: "acme/site", number: 9 });
    expect(json.tickets.find((row: { repo: string }) => row.repo === "beta/shop")).toMatchObject({ platform: "gitlab", url: expect.stringContaining("/beta/shop/-/issues/1") });

    // Few calls, never one per ticket on GitHub: the repository's comments in one listing, issues in one.
    const paths = github.calls.slice(githubBefore).map((call) => `${call.method} ${call.path.split("?")[0]}`);
    expect(paths.filter((path) => /\/issues\/\d+/u.test(path))).toEqual([]);
    expect(paths.filter((path) => path === "GET /repos/acme/site/issues")).toHaveLength(1);
    expect(paths.filter((path) => path === "GET /repos/acme/site/issues/comments")).toHaveLength(1);
    const listing = github.calls.slice(githubBefore).find((call) => call.path.startsWith("/repos/acme/site/issues?"))!;
    expect(new URL(listing.path, "http://x").searchParams.get("since")).toBe("2026-09-30T22:00:00.000Z");
    expect(github.calls.slice(githubBefore).every((call) => call.method === "GET" || call.path.endsWith("/access_tokens"))).toBe(true);
    expect(gitlab.calls.every((call) => call.method === "GET")).toBe(true);
  }, 30_000);

  it("finds the GitLab projects of the token's user when GITLAB_PROJECTS does not restrict them", async () => {
    const io = createMemoryIo({}, REPORT_NOW);
    const { GITLAB_PROJECTS: _restriction, APP_ID: _github, ...gitlabOnly } = env;
    expect(await runReport(["--month", "2026-10", "--format", "json"], io, { env: gitlabOnly })).toBe(0);
    expect(JSON.parse(io.out).clients).toEqual([BETA_FIGURES]);
  }, 30_000);

  it("--format csv writes one row per ticket, for billing", async () => {
    const { code, files } = await report(["--month", "2026-10", "--format", "csv", "--out", "october.csv"]);
    expect(code).toBe(0);
    const lines = files.get("october.csv")!.split("\r\n").filter(Boolean);
    expect(lines).toHaveLength(13);
    expect(lines[0]!.startsWith("platform,repository,client,number,url,title,created,")).toBe(true);
    expect(lines.find((line) => line.includes(",acme/site,ACME GmbH,6,"))).toContain(",seo,alice,erin,alice erin,");
  }, 30_000);

  it("--client names one repository or client, and a German client gets German", async () => {
    const byPath = await report(["--month", "2026-10", "--client", "beta/shop"]);
    expect(byPath.code).toBe(0);
    expect(byPath.out).toMatch(/^# Support-Bericht Oktober 2026\n/u);
    expect(byPath.out).toContain("| Beta AG | 4 |");
    expect(byPath.out).not.toContain("ACME");
    const byName = await report(["--month", "2026-10", "--client", "ACME GmbH", "--format", "json"]);
    expect(JSON.parse(byName.out).clients).toEqual([ACME_FIGURES]);
    const unknown = await report(["--month", "2026-10", "--client", "nobody/else"]);
    expect(unknown).toMatchObject({ code: 2, out: "" });
    expect(unknown.err).toContain('no repository, project or client named "nobody/else"');
  }, 30_000);

  it("--format html writes one self-contained page with three charts", async () => {
    const { files, err } = await report(["--month", "2026-10", "--format", "html", "--out", "october.html", "--language", "en"]);
    const html = files.get("october.html")!;
    expect(html.match(/<svg /gu)).toHaveLength(3);
    expect(html).not.toMatch(/<script|<link|src=|url\(/u);
    expect(err).toBe("frontdesk report: 12 tickets of 2 clients in 2026-10 written to october.html\n");
  }, 30_000);

  it("shows progress on stderr with --progress or on a terminal, and nothing otherwise", async () => {
    const plain = await report(["--month", "2026-10", "--format", "json"]);
    expect(plain.err).toBe("");
    const flagged = await report(["--month", "2026-10", "--format", "json", "--progress"]);
    expect(flagged.err.split("\n").filter(Boolean).sort()).toEqual([
      "report: repositories read: 1, issues of the month: 9 (last: acme/site)",
      "report: repositories read: 2, issues of the month: 13 (last: beta/shop)",
    ]);
    const terminal = await report(["--month", "2026-10", "--format", "json"], { stderrIsTTY: true });
    expect(terminal.err).toBe(
      "\r\u001b[Kreport: repositories read: 1, issues of the month: 9 (last: acme/site)" +
        "\r\u001b[Kreport: repositories read: 2, issues of the month: 13 (last: beta/shop)\n",
    );
  }, 30_000);
});
