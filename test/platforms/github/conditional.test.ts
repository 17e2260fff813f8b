import nock from "nock";
import { ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { listIfChanged } from "../../../src/platforms/github/conditional.js";
import { loadGitHubConfig } from "../../../src/platforms/github/config-loader.js";
import type { GitHubOctokit } from "../../../src/platforms/github/octokit.js";
import { LocalKeptState } from "../../../src/runtime/kept-state.js";
import { API } from "../../helpers/github.js";
import { useStrictNock } from "../../helpers/nock-strict.js";

useStrictNock();

/**
 * Conditional requests: what was read is asked for again with its ETag, and
 * GitHub's 304 (which does not count against the rate limit) gives back what
 * was kept.
 */

const octokit = new ProbotOctokit({ auth: { token: "ghs_test" }, retry: { enabled: false }, throttle: { enabled: false } }) as unknown as GitHubOctokit;
const CONFIG = "team:\n  contacts: [alice]\n";
const CONFIG_FILE = /^\/repos\/acme\/site\/contents\/\.github(\/|%2F)frontdesk\.yml$/u;

describe("conditional requests", () => {
  it("a configuration read again after its cache expired costs a 304 while the file is unchanged, and its new text once it changed", async () => {
    const kept = new LocalKeptState();
    const load = () => loadGitHubConfig(octokit, "acme", "site", { kept });
    nock(API).get(CONFIG_FILE).reply(200, CONFIG, { etag: 'W/"v1"' });
    expect((await load()).kind).toBe("valid");
    nock(API, { reqheaders: { "if-none-match": 'W/"v1"' } }).get(CONFIG_FILE).reply(304);
    const again = await load();
    expect(again.kind === "valid" && again.config.team.contacts).toEqual(["alice"]);
    nock(API, { reqheaders: { "if-none-match": 'W/"v1"' } }).get(CONFIG_FILE).reply(200, "team:\n  contacts: [ann]\n", { etag: 'W/"v2"' });
    const changed = await load();
    expect(changed.kind === "valid" && changed.config.team.contacts).toEqual(["ann"]);
  });

  it("a listing's pages are each asked for with their ETag; a page that changed is read, the others come from what was kept", async () => {
    const kept = new LocalKeptState();
    const pick = (data: unknown) => (data as { id: number }[]).map(({ id }) => id);
    const list = () => listIfChanged(octokit, "GET /app/installations", { per_page: 2 }, kept, "installations", pick);
    const next = { link: `<${API}/app/installations?per_page=2&page=2>; rel="next"` };
    nock(API)
      .get("/app/installations").query({ per_page: 2 }).reply(200, [{ id: 1 }, { id: 2 }], { etag: '"p1"', ...next })
      .get("/app/installations").query({ per_page: 2, page: 2 }).reply(200, [{ id: 3 }], { etag: '"p2"' });
    expect(await list()).toEqual([1, 2, 3]);
    nock(API, { reqheaders: { "if-none-match": '"p1"' } }).get("/app/installations").query({ per_page: 2 }).reply(304);
    nock(API, { reqheaders: { "if-none-match": '"p2"' } }).get("/app/installations").query({ per_page: 2, page: 2 }).reply(200, [{ id: 3 }, { id: 4 }], { etag: '"p2b"' });
    expect(await list()).toEqual([1, 2, 3, 4]);
    nock(API, { reqheaders: { "if-none-match": '"p1"' } }).get("/app/installations").query({ per_page: 2 }).reply(304);
    nock(API, { reqheaders: { "if-none-match": '"p2b"' } }).get("/app/installations").query({ per_page: 2, page: 2 }).reply(304);
    expect(await list()).toEqual([1, 2, 3, 4]);
  });
});
