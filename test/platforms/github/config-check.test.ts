import nock from "nock";
import { describe, expect, it } from "vitest";
import { API, createTestProbot, INSTALLATION, OWNER, pullRequestPayload, pushPayload, readFixture, REPO } from "../../helpers/github.js";
import { useStrictNock } from "../../helpers/nock-strict.js";

useStrictNock();

const CONFIG = readFixture("spec-example.yml");
const BROKEN = CONFIG.replace("contacts: [alice, ann]", "contcts: [alice, ann]").replace("respond_within: 1h", "respond_within: 1 hour");
const repoPath = `/repos/${OWNER}/${REPO}`;
const configAt = (sha: string) => ({ path: /\/contents\/\.github(\/|%2F)frontdesk\.yml$/u, query: { ref: sha } });

function api() {
  return nock(API)
    .post(`/app/installations/${INSTALLATION}/access_tokens`)
    .reply(201, { token: "t", expires_at: "2099-01-01T00:00:00Z" });
}

describe("configuration check runs", () => {
  it("fails the push's head commit with one annotation per error", async () => {
    const { probot } = createTestProbot(new Date("2026-11-26T09:00:00Z"));
    const payload = pushPayload({ modified: [".github/frontdesk.yml"] });
    const sha = payload.after as string;
    let check: any;
    const { path, query } = configAt(sha);
    api()
      .get(path)
      .query(query)
      .reply(200, BROKEN)
      .post(`${repoPath}/check-runs`, (body) => Boolean((check = body)))
      .reply(201, { id: 1 });

    await probot.receive({ id: "p", name: "push", payload } as never);

    expect(check).toMatchObject({ name: "frontdesk", head_sha: sha, status: "completed", conclusion: "failure" });
    expect(check.output.title).toBe("2 errors in .github/frontdesk.yml");
    expect(check.output.annotations).toEqual([
      {
        path: ".github/frontdesk.yml",
        start_line: 8,
        end_line: 8,
        start_column: 3,
        end_column: 3,
        annotation_level: "failure",
        title: "frontdesk configuration",
        message: 'team.contcts: unknown key; did you mean "contacts"?',
      },
      expect.objectContaining({
        start_line: 25,
        start_column: 23,
        message: "urgency.levels.emergency.respond_within: not a duration",
      }),
    ]);
  });

  it("passes a valid configuration with a summary that counts the roster", async () => {
    const { probot } = createTestProbot(new Date("2026-11-26T09:00:00Z"));
    const payload = pushPayload({ added: [".github/frontdesk.yml"] });
    let check: any;
    const { path, query } = configAt(payload.after);
    api()
      .get(path)
      .query(query)
      .reply(200, CONFIG)
      .post(`${repoPath}/check-runs`, (body) => Boolean((check = body)))
      .reply(201, { id: 1 });

    await probot.receive({ id: "p", name: "push", payload } as never);

    expect(check.conclusion).toBe("success");
    expect(check.output.summary).toBe("2 contacts, 2 functions, 2 bookable functions, 2 urgency levels.");
  });

  it("checks the head commit of a pull request that changes the configuration, and skips one that does not", async () => {
    const { probot } = createTestProbot(new Date("2026-11-26T09:00:00Z"));
    const sha = "0123456789abcdef0123456789abcdef01234567";
    let check: any;
    const { path, query } = configAt(sha);
    api()
      .get(`${repoPath}/pulls/5/files`)
      .query(true)
      .reply(200, [{ filename: "README.md", status: "modified" }, { filename: ".github/frontdesk.yml", status: "modified" }])
      .get(path)
      .query(query)
      .reply(200, CONFIG)
      .post(`${repoPath}/check-runs`, (body) => Boolean((check = body)))
      .reply(201, { id: 1 })
      .get(`${repoPath}/pulls/6/files`)
      .query(true)
      .reply(200, [{ filename: "index.html", status: "added" }]);

    await probot.receive({ id: "pr5", name: "pull_request", payload: pullRequestPayload("synchronize", 5, sha) } as never);
    await probot.receive({ id: "pr6", name: "pull_request", payload: pullRequestPayload("opened", 6, sha) } as never);

    expect(check).toMatchObject({ name: "frontdesk", head_sha: sha, conclusion: "success" });
  });

  it("checks nothing for a push that does not touch the configuration or is not on the default branch", async () => {
    const { probot } = createTestProbot(new Date("2026-11-26T09:00:00Z"));
    await probot.receive({ id: "p1", name: "push", payload: pushPayload({ modified: ["README.md"] }) } as never);
    await probot.receive({ id: "p2", name: "push", payload: pushPayload({ modified: [".github/frontdesk.yml"] }, "refs/heads/feature") } as never);
  });
});
