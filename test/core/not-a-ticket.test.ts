import { describe, expect, it } from "vitest";
import { whyNotATicket, whyNotATicketBeforeConfig } from "../../src/core/not-a-ticket.js";
import type { Ticket } from "../../src/core/types.js";
import { specConfig, ticket } from "../helpers/core.js";

describe("whyNotATicket", () => {
  it.each<[string, Partial<Ticket>, ReturnType<typeof specConfig>, string | undefined, string | undefined]>([
    // name, ticket, config, before the configuration, with it
    ["a client's open issue is a ticket", {}, specConfig(), undefined, undefined],
    ["a pull request", { isPullRequest: true }, specConfig(), "pull and merge requests are never tickets", "pull and merge requests are never tickets"],
    ["a bot by its account type", { author: { login: "ci", isBot: true } }, specConfig(), "ci is a bot", "ci is a bot"],
    ["a bot by its login alone", { author: { login: "Renovate[BOT]", isBot: false } }, specConfig(), "Renovate[BOT] is a bot", "Renovate[BOT] is a bot"],
    ["a closed issue", { state: "closed" }, specConfig(), "the issue is closed", "the issue is closed"],
    ["a paused repository", {}, specConfig({ enabled: false }), undefined, "frontdesk is paused here (enabled: false)"],
    ["an ignored author, in any case", { author: { login: "DEPLOY-user", isBot: false } }, specConfig(), undefined, "DEPLOY-user is in ignore_authors"],
    ["a pull request is decided before the pause", { isPullRequest: true }, specConfig({ enabled: false }), "pull and merge requests are never tickets", "pull and merge requests are never tickets"],
  ])("%s", (_name, overrides, config, before, after) => {
    expect(whyNotATicketBeforeConfig(ticket(overrides))).toBe(before);
    expect(whyNotATicket(config, ticket(overrides))).toBe(after);
  });
});
