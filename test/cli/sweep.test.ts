import nock from "nock";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { runSweep } from "../../src/cli/sweep.js";
import type { Sweep } from "../../src/desk/sweep-runner.js";
import { createSummary } from "../../src/desk/sweep-summary.js";
import { useStrictNock } from "../helpers/nock-strict.js";
import { createAppKey } from "../helpers/spawn-server.js";
import { createMemoryIo } from "./memory-io.js";

useStrictNock();

function fakeSweep(platform: string, run: Sweep["run"]): Sweep {
  return { platform, run };
}

describe("frontdesk sweep", () => {
  it("prints what the sweep did and exits 0", async () => {
    const io = createMemoryIo();
    const seen: string[] = [];
    const sweep = fakeSweep("github", async (now) => {
      seen.push(now.toISOString());
      return { ...createSummary(), repos: 3, triaged: 1, reminders: 2, escalations: 1 };
    });
    expect(await runSweep([], io, { env: {}, createSweeps: () => [sweep] })).toBe(0);
    expect(io.out).toBe("repos swept: 3, tickets triaged: 1, reminders: 2, escalations: 1, errors: 0\n");
    expect(seen).toEqual(["2026-11-26T09:00:00.000Z"]);
  });

  it("exits 1 after an error, with the failing repository on stderr", async () => {
    const io = createMemoryIo();
    const sweep = fakeSweep("github", async (_now, log) => {
      log.error({ err: new Error("Server Error"), repo: "acme/broken" }, "sweep: repository failed");
      return { ...createSummary(), repos: 1, errors: 1 };
    });
    expect(await runSweep([], io, { env: {}, createSweeps: () => [sweep] })).toBe(1);
    expect(io.err).toBe("error: sweep: repository failed (acme/broken): Server Error\n");
    expect(io.out).toBe("repos swept: 1, tickets triaged: 0, reminders: 0, escalations: 0, errors: 1\n");
  });

  it("exits 1 when a rate limit stopped it", async () => {
    const io = createMemoryIo();
    const sweep = fakeSweep("gitlab", async () => ({ ...createSummary(), rateLimited: true }));
    expect(await runSweep([], io, { env: {}, createSweeps: () => [sweep] })).toBe(1);
    expect(io.out).toMatch(/\(stopped by a rate limit; the next sweep carries on\)\n$/u);
  });

  it("exits 2 and says what to set when no platform is configured", async () => {
    const io = createMemoryIo();
    expect(await runSweep([], io, { env: {} })).toBe(2);
    expect(io.err).toBe("frontdesk sweep: nothing to sweep: set APP_ID and PRIVATE_KEY for GitHub, or GITLAB_TOKEN for GitLab\n");
  });

  it("exits 2 on an unknown argument and prints its usage for --help", async () => {
    const io = createMemoryIo();
    expect(await runSweep(["--now"], io, { env: {} })).toBe(2);
    expect(io.err).toMatch(/^frontdesk sweep: unknown argument "--now"\n\nUsage: frontdesk sweep/u);
    const help = createMemoryIo();
    expect(await runCli(["sweep", "--help"], help)).toBe(0);
    expect(help.out).toMatch(/^Usage: frontdesk sweep \[--verbose\]/u);
  });

  it("builds the GitHub App's client from APP_ID and PRIVATE_KEY, as the server does", async () => {
    const io = createMemoryIo();
    const api = nock("https://api.github.com").get("/app/installations").query({ per_page: 100 }).reply(200, []);
    expect(await runSweep([], io, { env: { APP_ID: "1", PRIVATE_KEY: createAppKey() } })).toBe(0);
    expect(api.isDone()).toBe(true);
    expect(io.out).toBe("repos swept: 0, tickets triaged: 0, reminders: 0, escalations: 0, errors: 0\n");
  });

  it("sweeps GITLAB_PROJECTS on GITLAB_URL with GITLAB_TOKEN", async () => {
    const io = createMemoryIo();
    const api = nock("https://git.example.test/api/v4", { reqheaders: { "private-token": "glpat-x" } })
      .get("/projects/acme%2Fsite")
      .reply(200, { id: 42, path_with_namespace: "acme/site", default_branch: "main" })
      .get("/projects/acme%2Fsite/repository/files/.gitlab%2Ffrontdesk.yml/raw")
      .query({ ref: "main" })
      .reply(404, { message: "404 File Not Found" });
    const env = { GITLAB_URL: "https://git.example.test/", GITLAB_TOKEN: "glpat-x", GITLAB_PROJECTS: "acme/site" };
    expect(await runSweep([], io, { env })).toBe(0);
    expect(api.isDone()).toBe(true);
    expect(io.out).toBe("repos swept: 0, tickets triaged: 0, reminders: 0, escalations: 0, errors: 0\n");
  });
});
