import { describe, expect, it } from "vitest";
import { authorizeCommand, isTeamAssociation, listRosterLogins } from "../../src/core/team.js";
import { specConfig } from "../helpers/core.js";

const config = specConfig();

describe("authorizeCommand", () => {
  it.each([
    ["a contact", "alice", false, { allowed: true, reason: "roster" }],
    ["an implementer, any case", "Carol", false, { allowed: true, reason: "roster" }],
    ["someone from the pool", "erin", false, { allowed: true, reason: "roster" }],
    ["a lead", "lena", false, { allowed: true, reason: "roster" }],
    ["a repository member outside the roster", "max", true, { allowed: true, reason: "repository" }],
  ])("allows %s", (_name, login, isRepositoryMember, expected) => {
    expect(authorizeCommand(config, { login, isRepositoryMember })).toEqual(expected);
  });

  it("refuses a client", () => {
    expect(authorizeCommand(config, { login: "client-joe", isRepositoryMember: false })).toEqual({
      allowed: false,
      reason: "client-joe is neither in the roster nor a member of the repository",
    });
  });

  it("counts the handoff as team", () => {
    const handoff = specConfig({ project_work: { handoff: ["pia"] } });
    expect(listRosterLogins(handoff)).toContain("pia");
    expect(authorizeCommand(handoff, { login: "pia", isRepositoryMember: false }).allowed).toBe(true);
  });
});

describe("isTeamAssociation", () => {
  it.each([
    ["OWNER", true],
    ["MEMBER", true],
    ["COLLABORATOR", true],
    ["CONTRIBUTOR", false],
    ["FIRST_TIME_CONTRIBUTOR", false],
    ["NONE", false],
    [undefined, false],
    [null, false],
  ])("%s", (association, expected) => {
    expect(isTeamAssociation(association)).toBe(expected);
  });
});
