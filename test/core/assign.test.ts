import { describe, expect, it } from "vitest";
import { pickAssignees, pickPerson } from "../../src/core/assign.js";
import { specConfig } from "../helpers/core.js";

const config = specConfig();

describe("pickPerson", () => {
  it.each([
    ["fewest open tickets", ["bob", "carol"], { bob: 3, carol: 1 }, "2026-11-26", 7, "carol"],
    ["logins compare case-insensitively", ["bob", "carol"], { bob: 0, carol: 1 }, "2026-11-26", 7, "bob"],
    ["away today is skipped", ["bob", "carol"], { bob: 0, carol: 5 }, "2026-12-22", 7, "carol"],
    ["away on a single date", ["bob", "carol"], { bob: 0, carol: 5 }, "2027-02-14", 7, "carol"],
    ["back the day after a range", ["bob", "carol"], { bob: 0, carol: 5 }, "2027-01-03", 7, "bob"],
    ["at capacity is skipped", ["bob", "carol"], { bob: 12, carol: 11 }, "2026-11-26", 7, "carol"],
    ["ties rotate by ticket number (odd)", ["bob", "carol"], {}, "2026-11-26", 7, "carol"],
    ["ties rotate by ticket number (even)", ["bob", "carol"], {}, "2026-11-26", 8, "bob"],
    ["nobody available", ["bob"], { bob: 12 }, "2026-11-26", 1, undefined],
  ])("%s", (_name, candidates, openTickets, today, seed, expected) => {
    expect(pickPerson({ config, candidates, openTickets, today, seed }).login).toBe(expected);
  });

  it("says who was skipped and why", () => {
    const pick = pickPerson({ config, candidates: ["bob", "carol"], openTickets: { carol: 12 }, today: "2026-12-22", seed: 1 });
    expect(pick.skipped).toEqual([
      { login: "bob", reason: "away", openTickets: 0, here: 0 },
      { login: "carol", reason: "at capacity", openTickets: 12, here: 12 },
    ]);
    expect(pick.login).toBeUndefined();
  });
});

describe("load across clients", () => {
  const today = "2026-11-26";

  it("does not pick a developer with 3 open tickets in repository A in repository B over a colleague with 1 in total", () => {
    const pick = pickPerson({ config, candidates: ["bob", "carol"], openTickets: { carol: 1 }, elsewhere: { bob: { "acme/a": 3 } }, today, seed: 2 });
    expect(pick.login).toBe("carol");
    expect(pick.candidates).toEqual([
      { login: "bob", openTickets: 3, here: 0, elsewhere: { "acme/a": 3 } },
      { login: "carol", openTickets: 1, here: 1 },
    ]);
  });

  it("skips them in B once team.capacity caps the total, and keeps a per-client cap possible", () => {
    const three = specConfig({ team: { ...config.team, capacity: 3 } });
    const capped = pickPerson({ config: three, candidates: ["bob", "carol"], openTickets: {}, elsewhere: { bob: { "acme/a": 3 }, carol: { "acme/a": 1, "acme/c": 1 } }, today, seed: 2 });
    expect(capped.login).toBe("carol");
    expect(capped.skipped).toEqual([{ login: "bob", reason: "at capacity", openTickets: 3, here: 0, elsewhere: { "acme/a": 3 } }]);
    const perClient = specConfig({ team: { ...config.team, client_capacity: 2 } });
    const here = pickPerson({ config: perClient, candidates: ["bob", "carol"], openTickets: { bob: 2 }, elsewhere: { carol: { "acme/a": 5 } }, today, seed: 2 });
    expect(here.login).toBe("carol");
    expect(here.skipped).toEqual([{ login: "bob", reason: "at this client's capacity", openTickets: 2, here: 2 }]);
  });
});

describe("pickAssignees", () => {
  const base = { config, openTickets: {}, today: "2026-11-26", seed: 2 };

  it("picks a contact and an implementer from the team", () => {
    const result = pickAssignees({ ...base, functionName: "development" });
    expect([result.contact.login, result.implementer.login, result.booked]).toEqual(["alice", "bob", false]);
  });

  it("books from the pool for a function the team lacks", () => {
    const result = pickAssignees({ ...base, functionName: "seo" });
    expect([result.implementer.login, result.booked]).toEqual(["erin", true]);
  });

  it("books from the pool when the whole team is unavailable", () => {
    const shared = specConfig({
      team: { contacts: ["alice"], functions: { development: ["bob"] }, bookable: { development: ["zoe"] }, away: { bob: ["2026-11-26"] } },
      routing: {},
    });
    const result = pickAssignees({ ...base, config: shared, functionName: "development" });
    expect([result.implementer.login, result.booked]).toEqual(["zoe", true]);
    expect(result.implementer.skipped).toEqual([{ login: "bob", reason: "away", openTickets: 0, here: 0 }]);
  });

  it("assigns no implementer without a function", () => {
    expect(pickAssignees({ ...base }).implementer.login).toBeUndefined();
  });
});
