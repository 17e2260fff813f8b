import { describe, expect, it } from "vitest";
import { configSchema } from "../../src/config/schema.js";
import type { Ticket } from "../../src/core/types.js";
import { prioritizeTicket } from "../../src/desk/delivery-priority.js";
import type { RepoConfig } from "../../src/desk/repo-config.js";
import { RepoCache } from "../../src/runtime/repo-cache.js";
import { flush } from "../helpers/manual-clock.js";
import { ticket } from "../helpers/core.js";

/** A repository whose own levels know nothing of "down": only "broken" is its most urgent. */
const OWN_LEVELS: RepoConfig = {
  kind: "valid",
  warnings: [],
  config: configSchema.parse({
    team: { contacts: ["ann"] },
    urgency: {
      levels: {
        p1: { keywords: ["broken"], respond_within: "2h" },
        p2: { keywords: ["down"], respond_within: "1d" },
        p3: { respond_within: "5d" },
      },
    },
  }),
};

/** A cache holding `config` for acme/site, settled so that peek sees it. */
async function cacheWith(config: RepoConfig): Promise<RepoCache> {
  const cache = new RepoCache({ now: () => 0 });
  await cache.get("Acme/Site", "config", async () => config);
  await flush();
  return cache;
}

const newIssue = (title: string, overrides: Partial<Ticket> = {}) => ticket({ title, ...overrides });

describe("prioritizeTicket", () => {
  describe("before the repository's configuration is known: frontdesk's default levels", () => {
    it.each([
      { name: "an emergency keyword", ticket: newIssue("Website is down!"), priority: "urgent" },
      { name: "an emergency keyword in the body", ticket: newIssue("Help", { body: "the shop is offline since 9" }), priority: "urgent" },
      { name: "the emergency label", ticket: newIssue("Help", { labels: ["urgency: emergency"] }), priority: "urgent" },
      { name: "an emergency chosen in the form", ticket: newIssue("Help", { body: "### Urgency\n\nEmergency" }), priority: "urgent" },
      { name: "a task", ticket: newIssue("Please change the logo"), priority: "normal" },
      { name: "a task label outweighs a keyword", ticket: newIssue("Site down?", { labels: ["urgency: task"] }), priority: "normal" },
    ])("$name: $priority", ({ ticket: value, priority }) => {
      expect(prioritizeTicket(new RepoCache({ now: () => 0 }), "acme/site", value)).toBe(priority);
    });

    it("also while the configuration is still loading, and without waiting for it", () => {
      const cache = new RepoCache({ now: () => 0 });
      void cache.get("acme/site", "config", () => new Promise<RepoConfig>(() => undefined));
      expect(prioritizeTicket(cache, "acme/site", newIssue("Website is down!"))).toBe("urgent");
      expect(prioritizeTicket(cache, "acme/site", newIssue("Please change the logo"))).toBe("normal");
    });

    it("never loads the configuration itself", () => {
      const cache = new RepoCache({ now: () => 0 });
      prioritizeTicket(cache, "acme/site", newIssue("Website is down!"));
      let loads = 0;
      void cache.get("acme/site", "config", async () => {
        loads++;
        return OWN_LEVELS;
      });
      expect(loads).toBe(1);
    });
  });

  describe("with the repository's cached configuration: its most urgent level only", () => {
    it.each([
      { name: "its most urgent keyword", title: "Checkout is broken", priority: "urgent" },
      { name: "a default emergency keyword its first level lacks", title: "Website is down!", priority: "normal" },
      { name: "nothing matching", title: "Please change the logo", priority: "normal" },
    ])("$name: $priority", async ({ title, priority }) => {
      const cache = await cacheWith(OWN_LEVELS);
      expect(prioritizeTicket(cache, "acme/site", newIssue(title))).toBe(priority);
    });

    it("finds the configuration whatever the repository name's case", async () => {
      const cache = await cacheWith(OWN_LEVELS);
      expect(prioritizeTicket(cache, "ACME/site", newIssue("Checkout is broken"))).toBe("urgent");
    });
  });

  describe("a repository without a usable configuration: normal, whatever the issue says", () => {
    it.each<{ name: string; config: RepoConfig }>([
      { name: "missing", config: { kind: "missing" } },
      { name: "invalid", config: { kind: "invalid", errors: [] } },
    ])("$name", async ({ config }) => {
      const cache = await cacheWith(config);
      expect(prioritizeTicket(cache, "acme/site", newIssue("Website is down!", { labels: ["urgency: emergency"] }))).toBe("normal");
    });
  });
});
