import nock from "nock";
import { describe, expect, it } from "vitest";
import {
  API,
  createLogCapture,
  createTestProbot,
  INSTALLATION,
  OWNER,
  pullRequestPayload,
  pushPayload,
  readFixture,
  REPO,
} from "../../helpers/github.js";
import { useStrictNock } from "../../helpers/nock-strict.js";

useStrictNock();

/**
 * A check run is read by everyone who can read the repository, and the
 * merged configuration carries the values of files they may not read: it
 * shows counts, key paths and kinds of errors, never values or logins.
 */

const NOW = new Date("2026-11-26T09:00:00Z");
const CONFIG = readFixture("spec-example.yml");
const ROSTER = ["alice", "ann", "bob", "carol", "dave", "erin", "frank", "lena"];
const repoPath = `/repos/${OWNER}/${REPO}`;
const ownFile = new RegExp(`^${repoPath}/contents/\\.github(/|%2F)frontdesk\\.yml`, "u");
const ownersFile = new RegExp(`^/repos/${OWNER}/\\.github/contents/\\.github(/|%2F)frontdesk\\.yml`, "u");

/** The agency's shared file, with values nobody but the agency should read in a client's check run. */
const INHERITED = [
  "team:",
  "  contacts: [alice, '@secret-lead']",
  "urgency:",
  "  levels:",
  "    emergency:",
  "      respond_within: call 0170-5550123",
  "",
].join("\n");

/** Pushes a change of the configuration; returns what the check run said. */
async function push(files: [RegExp, string][], log = createLogCapture().log) {
  const { probot } = createTestProbot(NOW, undefined, log);
  const payload = pushPayload({ modified: [".github/frontdesk.yml"] });
  let check: any;
  const scope = nock(API)
    .post(`/app/installations/${INSTALLATION}/access_tokens`)
    .reply(201, { token: "t", expires_at: "2099-01-01T00:00:00Z" });
  for (const [path, text] of files) scope.get(path).query(true).reply(200, text);
  scope.post(`${repoPath}/check-runs`, (body) => Boolean((check = body))).reply(201, { id: 1 });
  await probot.receive({ id: "push-1", name: "push", payload } as never);
  return check;
}

/** Everything a check run shows: title, summary and annotations. */
const shown = (check: any) => JSON.stringify(check.output);

describe("what the configuration check run shows", () => {
  it("sums up a valid configuration in counts, without a login", async () => {
    const check = await push([[ownFile, CONFIG]]);

    expect(check.conclusion).toBe("success");
    expect(check.output.summary).toBe("2 contacts, 2 functions, 2 bookable functions, 2 urgency levels.");
    for (const login of ROSTER) expect(shown(check)).not.toContain(login);
  });

  it("shows an inherited file's errors as file:line:col, key path and kind, and logs the full messages", async () => {
    const capture = createLogCapture();
    const check = await push([[ownFile, "_extends: .github\nclient: ACME\n"], [ownersFile, INHERITED]], capture.log);

    expect(check.conclusion).toBe("failure");
    expect(check.output.summary).toContain("- `acme/.github:.github/frontdesk.yml:2:21: team.contacts[1]: not a login`");
    expect(check.output.summary).toContain("- `acme/.github:.github/frontdesk.yml:6:23: urgency.levels.emergency.respond_within: not a duration`");
    expect(check.output.summary).toContain("`npx frontdesk validate`");
    expect(check.output.annotations).toEqual([]);
    expect(shown(check)).not.toMatch(/secret-lead|0170|5550123|alice/u);
    const logged = capture.lines.filter((line) => line.level === 50).map((line) => line.msg);
    expect(logged).toContain(
      'invalid configuration: acme/.github:.github/frontdesk.yml:2:21: team.contacts[1]: "@secret-lead" is not a login: write it without the "@"',
    );
  });

  it("annotates the repository's own errors with the same value-free text", async () => {
    const check = await push([[ownFile, CONFIG.replace("respond_within: 1h", "respond_within: ask 0170-5550123")]]);

    expect(check.output.annotations).toEqual([
      expect.objectContaining({ path: ".github/frontdesk.yml", start_line: 25, message: "urgency.levels.emergency.respond_within: not a duration" }),
    ]);
    expect(shown(check)).not.toContain("5550123");
  });

  it("shows a refused _extends without the repository it names", async () => {
    const check = await push([[ownFile, "_extends: secret-client\nclient: ACME\n"]]);

    expect(check.output.summary).toContain("- `acme/site:.github/frontdesk.yml:1:11: _extends: source not allowed`");
    expect(check.output.annotations).toEqual([
      expect.objectContaining({ start_line: 1, start_column: 11, message: "_extends: source not allowed" }),
    ]);
    expect(shown(check)).not.toContain("secret-client");
  });
});

describe("pull requests from forks", () => {
  it.each([
    ["a fork", { full_name: "stranger/site" }],
    ["a deleted fork", null],
  ])("get no check, and cost no API call, when the head is in %s", async (_name, headRepo) => {
    const { probot } = createTestProbot(NOW);
    const payload = pullRequestPayload("opened", 8, "0123456789abcdef0123456789abcdef01234567");
    payload.pull_request.head.repo = headRepo;

    // Strict nock: any call (a token, the pull request's files, the configuration) fails the test.
    await probot.receive({ id: "pr-fork", name: "pull_request", payload } as never);
  });
});
