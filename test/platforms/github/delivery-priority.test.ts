import { describe, expect, it } from "vitest";
import { prioritizeDelivery } from "../../../src/platforms/github/delivery-priority.js";
import { RepoCache } from "../../../src/runtime/repo-cache.js";
import type { RepoConfig } from "../../../src/desk/repo-config.js";
import { specConfig } from "../../helpers/core.js";
import { issuePayload } from "../../helpers/github.js";

async function cacheWith(config: RepoConfig) {
  const cache = new RepoCache();
  await cache.get("acme/site", "config", async () => config);
  return cache;
}

describe("prioritizeDelivery", () => {
  it("puts a new emergency first once the repository's configuration is cached", async () => {
    const cache = await cacheWith({ kind: "valid", config: specConfig(), warnings: [] });
    expect(prioritizeDelivery(cache, "issues", issuePayload({ title: "Website is down!" }))).toBe("urgent");
    expect(prioritizeDelivery(cache, "issues", issuePayload({ title: "New logo" }))).toBe("normal");
    expect(prioritizeDelivery(cache, "issue_comment", issuePayload({ title: "Website is down!" }))).toBe("normal");
  });

  it("uses frontdesk's default levels while the configuration is not cached yet, and does not wait for it", () => {
    expect(prioritizeDelivery(new RepoCache(), "issues", issuePayload({ title: "Website is down!" }))).toBe("urgent");
    expect(prioritizeDelivery(new RepoCache(), "issues", issuePayload({ title: "New logo" }))).toBe("normal");
  });

  it("leaves a repository with a broken configuration at normal", async () => {
    const cache = await cacheWith({ kind: "invalid", errors: [] });
    expect(prioritizeDelivery(cache, "issues", issuePayload({ title: "Website is down!" }))).toBe("normal");
  });
});
