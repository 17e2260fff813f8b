import { describe, expect, it } from "vitest";
import { listRoster } from "../../src/config/roster.js";
import { authorizeCommand, isTeamMember, listAgencyTeams, listRosterLogins } from "../../src/core/team.js";
import { specConfig } from "../helpers/core.js";

const config = specConfig();

describe("authorizeCommand: the team is the roster", () => {
  it.each([
    ["a contact", "alice", { allowed: true, reason: "roster" }],
    ["an implementer, any case", "Carol", { allowed: true, reason: "roster" }],
    ["someone from the pool", "erin", { allowed: true, reason: "roster" }],
    ["a lead", "lena", { allowed: true, reason: "roster" }],
  ])("allows %s", (_name, login, expected) => {
    expect(authorizeCommand(config, login)).toEqual(expected);
  });

  it("refuses the client side, collaborators and owners of the repository included: nothing but the roster counts", () => {
    expect(authorizeCommand(config, "client-joe")).toEqual({
      allowed: false,
      reason: "client-joe is not on the team (the roster or team.agency): the client side",
    });
  });

  it("counts the handoff as team", () => {
    const handoff = specConfig({ project_work: { handoff: ["pia"] } });
    expect(listRosterLogins(handoff)).toContain("pia");
    expect(authorizeCommand(handoff, "pia").allowed).toBe(true);
  });

  it("authorizes as roster everyone of the roster that validate checks per-person keys against", () => {
    const handoff = specConfig({ project_work: { handoff: ["pia"] } });
    const roster = listRoster(handoff);
    expect(roster).toEqual(expect.arrayContaining(["alice", "lena", "pia"]));
    for (const login of roster) expect(authorizeCommand(handoff, login)).toEqual({ allowed: true, reason: "roster" });
  });

  it("counts team.agency's logins, and members of its @org/team entries as the adapter resolved them", () => {
    const agency = specConfig({ team: { ...config.team, agency: ["max", "@acme-agency/support"] } });
    expect(authorizeCommand(agency, "Max")).toEqual({ allowed: true, reason: "agency" });
    expect(authorizeCommand(agency, "nina").allowed).toBe(false);
    expect(authorizeCommand(agency, "nina", new Set(["nina"]))).toEqual({ allowed: true, reason: "agency" });
    expect(listAgencyTeams(agency)).toEqual([{ org: "acme-agency", slug: "support" }]);
    // A team entry is not a login: "@acme-agency/support" itself is nobody.
    expect(isTeamMember(agency, "@acme-agency/support")).toBe(false);
  });
});
