import { describe, expect, it } from "vitest";
import { deliveryKeys, RecentDeliveries } from "../../../src/platforms/gitlab/deliveries.js";
import { estimateFromSeconds } from "../../../src/platforms/gitlab/estimate.js";
import { isBotUser, parseGitLabTime, toTicketFromHook, toTicketFromRest } from "../../../src/platforms/gitlab/mapper.js";
import { issueHookSchema } from "../../../src/platforms/gitlab/payloads.js";
import { GitLabSettingsError, isGitLabConfigured, normalizeGitLabUrl, readGitLabSettings } from "../../../src/platforms/gitlab/settings.js";
import { specConfig } from "../../helpers/core.js";
import { issueHook, restIssue, SELF } from "./helpers.js";

describe("GitLab mapper", () => {
  it.each([
    ["2026-11-26 09:00:00 UTC", "2026-11-26T09:00:00.000Z"],
    ["2026-11-26 10:00:00 +0100", "2026-11-26T09:00:00.000Z"],
    ["2026-11-26T09:00:00.000Z", "2026-11-26T09:00:00.000Z"],
    ["2026-11-26T10:00:00.000+01:00", "2026-11-26T09:00:00.000Z"],
  ])("reads the time %s", (value, iso) => {
    expect(parseGitLabTime(value).toISOString()).toBe(iso);
  });

  it("maps an Issue Hook: iid is the number, opened is open, label objects become names", () => {
    const payload = issueHookSchema.parse(issueHook({ labels: ["urgency: task"], assignees: ["dave"] }));
    expect(toTicketFromHook(payload, SELF)).toEqual({
      platform: "gitlab",
      repo: "acme/site",
      number: 7,
      title: "Website is down!",
      body: "Nothing loads since 9:00.",
      author: { login: "client-joe", isBot: false, isSelf: false },
      labels: ["urgency: task"],
      assignees: ["dave"],
      state: "open",
      isPullRequest: false,
      createdAt: new Date("2026-11-26T09:00:00Z"),
    });
  });

  it("leaves the author unknown when someone else reopened the issue", () => {
    const payload = issueHookSchema.parse(issueHook({ action: "reopen", by: { id: 12, username: "ann" } }));
    expect(toTicketFromHook(payload).author).toEqual({ login: "user#101", isBot: false });
  });

  it("maps a listed issue", () => {
    const ticket = toTicketFromRest("acme/site", { ...restIssue({ iid: 3, labels: ["support"], assignees: ["bob"] }), state: "closed" });
    expect([ticket.number, ticket.labels, ticket.assignees, ticket.state]).toEqual([3, ["support"], ["bob"], "closed"]);
  });

  it.each([
    [{ id: 999, username: "someone-else" }, true],
    [{ username: "Frontdesk-Bot" }, true],
    [{ id: 5, username: "project_42_bot_3f2a1c" }, true],
    [{ id: 5, username: "group_7_bot" }, true],
    [{ id: 5, username: "alert-bot" }, true],
    [{ id: 5, username: "renovate", bot: true }, true],
    [{ id: 5, username: "dependabot[bot]" }, true],
    // Service Desk: the client's e-mail arrives as support-bot's issue.
    [{ id: 5, username: "support-bot" }, false],
    [{ id: 5, username: "project_manager" }, false],
  ])("tells whether %o is a bot", (user, bot) => {
    expect(isBotUser(user, SELF)).toBe(bot);
  });
});

describe("GitLab time estimates", () => {
  it.each([
    [57_600, "09:00-17:00", "2d"],
    [57_600, "09:00-18:00", "1d7h"],
    [5_400, "09:00-17:00", "1h30m"],
    [20, "09:00-17:00", "1m"],
  ])("reads %i seconds with business hours %s as %s", (seconds, hours, duration) => {
    const config = specConfig({ business_hours: { timezone: "Europe/Berlin", hours } });
    expect(estimateFromSeconds(config, seconds)).toBe(duration);
  });
});

describe("GitLab deliveries", () => {
  const headers = { "idempotency-key": "k1", "x-gitlab-event-uuid": "e1" };

  it("takes a delivery once, and again after its work failed", () => {
    const deliveries = new RecentDeliveries();
    const keys = deliveryKeys(headers, "Issue Hook", issueHook());
    expect(deliveries.claim(keys)).toBe(true);
    expect(deliveries.claim(keys)).toBe(false);
    // The same event from a group hook: another idempotency key, the same event UUID.
    expect(deliveries.claim(deliveryKeys({ ...headers, "idempotency-key": "k2" }, "Issue Hook", issueHook()))).toBe(false);
    deliveries.release(keys);
    expect(deliveries.claim(keys)).toBe(true);
  });

  it("keeps apart different events caused by one request", () => {
    const deliveries = new RecentDeliveries();
    const note = { object_kind: "note", object_attributes: { id: 5 } };
    expect(deliveries.claim(deliveryKeys({ "x-gitlab-event-uuid": "e1" }, "Note Hook", note))).toBe(true);
    expect(deliveries.claim(deliveryKeys({ "x-gitlab-event-uuid": "e1" }, "Issue Hook", issueHook({ action: "update" })))).toBe(true);
  });

  it("forgets the oldest keys first", () => {
    const deliveries = new RecentDeliveries(2);
    for (const key of ["a", "b", "c"]) deliveries.claim([key]);
    expect(deliveries.claim(["a"])).toBe(true);
    expect(deliveries.claim(["c"])).toBe(false);
  });
});

describe("GitLab settings", () => {
  it.each([
    ["https://gitlab.com", "https://gitlab.com"],
    ["https://gitlab.example.test/", "https://gitlab.example.test"],
    ["https://example.test/gitlab/api/v4/", "https://example.test/gitlab"],
    ["http://localhost:8080", "http://localhost:8080"],
  ])("normalizes GITLAB_URL %s", (value, url) => {
    expect(normalizeGitLabUrl(value)).toBe(url);
  });

  it("defaults to gitlab.com and refuses to run without a secret or with a URL that is none", () => {
    expect(readGitLabSettings({ GITLAB_TOKEN: "t", GITLAB_WEBHOOK_SECRET: "s" })).toEqual({ url: "https://gitlab.com", token: "t", webhookSecrets: [{ secret: "s" }] });
    expect(isGitLabConfigured({ GITLAB_TOKEN: "t" })).toBe(false);
    expect(() => readGitLabSettings({ GITLAB_TOKEN: "t" })).toThrow(new GitLabSettingsError("GITLAB_WEBHOOK_SECRET is not set"));
    expect(() => readGitLabSettings({ GITLAB_TOKEN: "t", GITLAB_WEBHOOK_SECRET: "s", GITLAB_URL: "gitlab.example.test" })).toThrow(GitLabSettingsError);
    expect(() => normalizeGitLabUrl("ftp://gitlab.example.test")).toThrow("must start with https:// or http://");
  });
});
