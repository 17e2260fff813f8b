import { describe, expect, it } from "vitest";
import { parseConfigText } from "../../../src/config/parse.js";
import { prioritizeGitLabDelivery } from "../../../src/platforms/gitlab/delivery-priority.js";
import { RepoCache } from "../../../src/runtime/repo-cache.js";
import type { RepoConfig } from "../../../src/desk/repo-config.js";
import { CONFIG, issueHook, noteHook, PROJECT_PATH } from "./helpers.js";

async function cachedConfig(): Promise<RepoCache> {
  const cache = new RepoCache();
  const parsed = parseConfigText(CONFIG, ".gitlab/frontdesk.yml");
  if (!parsed.ok) throw new Error("the example configuration must be valid");
  await cache.get<RepoConfig>(PROJECT_PATH, "config", async () => ({ kind: "valid", config: parsed.config, warnings: [] }));
  return cache;
}

describe("prioritizeGitLabDelivery", () => {
  it("takes a new emergency up first once the project's configuration is cached", async () => {
    const cache = await cachedConfig();
    expect(prioritizeGitLabDelivery(cache, "Issue Hook", issueHook({ title: "Website is down!" }))).toBe("urgent");
    expect(prioritizeGitLabDelivery(cache, "Issue Hook", issueHook({ title: "Website is down!", action: "reopen" }))).toBe("urgent");
  });

  it.each([
    ["a task", "Issue Hook", issueHook({ title: "Please update the footer" })],
    ["an update of an emergency", "Issue Hook", issueHook({ title: "Website is down!", action: "update" })],
    ["a note", "Note Hook", noteHook("/urgency emergency")],
    ["a payload of another shape", "Issue Hook", { object_kind: "issue" }],
  ])("leaves %s in line", async (_name, event, payload) => {
    expect(prioritizeGitLabDelivery(await cachedConfig(), event, payload)).toBe("normal");
  });

  it("goes by the default levels while the project's configuration is not known yet, and makes no call to learn it", () => {
    const cache = new RepoCache();
    expect(prioritizeGitLabDelivery(cache, "Issue Hook", issueHook({ title: "Website is down!" }))).toBe("urgent");
    expect(prioritizeGitLabDelivery(cache, "Issue Hook", issueHook({ title: "Notfall: Shop kaputt" }))).toBe("urgent");
    expect(prioritizeGitLabDelivery(cache, "Issue Hook", issueHook({ title: "Please update the footer" }))).toBe("normal");
  });

  it("leaves a project with an invalid configuration in line", async () => {
    const cache = new RepoCache();
    await cache.get<RepoConfig>(PROJECT_PATH, "config", async () => ({ kind: "invalid", errors: [] }));
    expect(prioritizeGitLabDelivery(cache, "Issue Hook", issueHook({ title: "Website is down!" }))).toBe("normal");
  });
});
