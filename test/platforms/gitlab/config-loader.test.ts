import nock from "nock";
import { describe, expect, it } from "vitest";
import { createGitLabClient } from "../../../src/platforms/gitlab/client.js";
import { loadGitLabConfig, parseExtends } from "../../../src/platforms/gitlab/config-loader.js";
import { useStrictNock } from "../../helpers/nock-strict.js";
import { API, CONFIG, CONFIG_FILE, GITLAB, TOKEN } from "./helpers.js";

useStrictNock();

const files = createGitLabClient({ url: GITLAB, token: TOKEN }).files;
/** What these tests inherit from: the agency's defaults and a shared project of the group. */
const POLICY = { sharedConfig: ["acme-agency/defaults", "acme/shared"], projectTargets: [] };
const AGENCY_FILE = "/projects/acme-agency%2Fdefaults/repository/files/.gitlab%2Ffrontdesk.yml/raw";

function reply(scope: nock.Scope, path: string, ref: string, text: string) {
  return scope.get(path).query({ ref }).reply(200, text, { "content-type": "text/plain; charset=utf-8" });
}

const AGENCY = [
  "team:",
  "  contacts: [alice, ann]",
  "  functions:",
  "    development: [bob, carol]",
  "  leads: [lena]",
  "business_hours:",
  "  timezone: Europe/Berlin",
  "",
].join("\n");

describe("loadGitLabConfig", () => {
  it("reads .gitlab/frontdesk.yml from the default branch", async () => {
    reply(nock(API), CONFIG_FILE, "main", CONFIG);
    const loaded = await loadGitLabConfig(files, "acme/site", "main", POLICY);
    expect(loaded.config.kind).toBe("valid");
    expect(loaded.inheritsFrom).toEqual([]);
  });

  it("follows _extends: what the project sets replaces what it inherits, its team as a whole", async () => {
    const scope = reply(nock(API), CONFIG_FILE, "main", "_extends: acme-agency/defaults\nclient: ACME\nteam:\n  contacts: [zoe]\n");
    reply(scope, AGENCY_FILE, "HEAD", AGENCY);

    const loaded = await loadGitLabConfig(files, "acme/site", "main", POLICY);

    if (loaded.config.kind !== "valid") throw new Error(JSON.stringify(loaded.config));
    const { config } = loaded.config;
    expect(config.client).toBe("ACME");
    expect(config.team.contacts).toEqual(["zoe"]);
    expect(config.team.functions).toEqual({});
    expect(config.team.leads).toEqual([]);
    expect(config.business_hours.timezone).toBe("Europe/Berlin");
    expect(loaded.inheritsFrom).toEqual([{ project: "acme-agency/defaults", file: ".gitlab/frontdesk.yml", ref: "HEAD" }]);
  });

  it("puts an error in an inherited file on that file's line", async () => {
    const scope = reply(nock(API), CONFIG_FILE, "main", "_extends: acme-agency/defaults\nclient: ACME\n");
    reply(scope, AGENCY_FILE, "HEAD", AGENCY.replace("Europe/Berlin", "Mars/Olympus"));

    const loaded = await loadGitLabConfig(files, "acme/site", "main", POLICY);

    if (loaded.config.kind !== "invalid") throw new Error("expected errors");
    expect(loaded.config.errors.map((error) => error.format())).toEqual([
      'acme-agency/defaults:.gitlab/frontdesk.yml:7:13: business_hours.timezone: "Mars/Olympus" is not an IANA time zone (for example Europe/Berlin)',
    ]);
  });

  it.each([
    [
      "a project in the same group, and a file path",
      "_extends: shared:support/frontdesk.yml\n",
      "/projects/acme%2Fshared/repository/files/support%2Ffrontdesk.yml/raw",
    ],
  ])("resolves %s", async (_name, text, path) => {
    const scope = reply(nock(API), CONFIG_FILE, "main", text);
    reply(scope, path, "HEAD", AGENCY);
    expect((await loadGitLabConfig(files, "acme/site", "main", POLICY)).config.kind).toBe("valid");
  });

  it("reports an _extends that leads nowhere or in a circle at the _extends line", async () => {
    const scope = reply(nock(API), CONFIG_FILE, "main", "client: ACME\n_extends: acme-agency/defaults\n");
    scope.get(AGENCY_FILE).query({ ref: "HEAD" }).reply(404, { message: "404 File Not Found" });
    const missing = await loadGitLabConfig(files, "acme/site", "main", POLICY);
    expect(missing.config.kind === "invalid" && missing.config.errors.map((error) => error.format())).toEqual([
      "acme/site:.gitlab/frontdesk.yml:2:11: _extends: acme-agency/defaults:.gitlab/frontdesk.yml does not exist or frontdesk's token cannot read it",
    ]);

    const circle = reply(nock(API), CONFIG_FILE, "main", "_extends: acme-agency/defaults\n");
    reply(circle, AGENCY_FILE, "HEAD", "_extends: acme/site\n");
    const looped = await loadGitLabConfig(files, "acme/site", "main", POLICY);
    expect(looped.config.kind === "invalid" && looped.config.errors[0]?.format()).toBe(
      "acme-agency/defaults:.gitlab/frontdesk.yml:1:11: _extends: acme/site:.gitlab/frontdesk.yml is already in the chain: acme/site:.gitlab/frontdesk.yml -> acme-agency/defaults:.gitlab/frontdesk.yml",
    );
  });

  it("reports YAML syntax errors with line and column", async () => {
    reply(nock(API), CONFIG_FILE, "main", "team:\n  contacts: [alice\n");
    const loaded = await loadGitLabConfig(files, "acme/site", "main", POLICY);
    expect(loaded.config.kind === "invalid" && loaded.config.errors[0]?.format()).toMatch(/^acme\/site:\.gitlab\/frontdesk\.yml:\d+:\d+: /u);
  });

  it("treats a missing file, or a project without commits, as no configuration", async () => {
    nock(API).get(CONFIG_FILE).query({ ref: "main" }).reply(404, { message: "404 File Not Found" });
    expect((await loadGitLabConfig(files, "acme/site", "main", POLICY)).config).toEqual({ kind: "missing" });
    expect((await loadGitLabConfig(files, "acme/site", null)).config).toEqual({ kind: "missing" });
  });

  it("lets other HTTP failures through so the delivery fails", async () => {
    nock(API).get(CONFIG_FILE).query(true).reply(403, { message: "403 Forbidden" });
    await expect(loadGitLabConfig(files, "acme/site", "main", POLICY)).rejects.toMatchObject({ name: "GitbeakerRequestError", message: "403 Forbidden" });
  });
});

describe("parseExtends", () => {
  it.each([
    ["acme-agency/defaults", { project: "acme-agency/defaults", file: ".gitlab/frontdesk.yml", ref: "HEAD" }],
    ["agency/sub/defaults:config/frontdesk.yml", { project: "agency/sub/defaults", file: "config/frontdesk.yml", ref: "HEAD" }],
    ["shared", { project: "acme/shared", file: ".gitlab/frontdesk.yml", ref: "HEAD" }],
    ["https://gitlab.com/a/b", undefined],
    ["a b/c", undefined],
    ["defaults:../secrets.yml", undefined],
  ])("reads %s", (value, expected) => {
    expect(parseExtends(value, "acme/site")).toEqual(expected);
  });
});
