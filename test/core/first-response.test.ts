import { describe, expect, it } from "vitest";
import { findFirstResponse, isTeamResponse } from "../../src/core/first-response.js";
import type { Actor, Comment } from "../../src/core/types.js";
import { specConfig } from "../helpers/core.js";

const config = specConfig({ team: { ...specConfig().team, agency: ["zoe", "@acme-agency/support"] } });
const CLIENT_TICKET = { author: { login: "client-joe", isBot: false } };
const at = (time: string, author: Actor, id = 1): Comment => ({ id, author, body: "…", createdAt: new Date(`2026-11-26T${time}Z`) });
const person = (login: string): Actor => ({ login, isBot: false });

describe("isTeamResponse", () => {
  it.each<[string, Actor, { author: Actor }, boolean]>([
    ["a contact", person("ann"), CLIENT_TICKET, true],
    ["an implementer, in another case", person("Carol"), CLIENT_TICKET, true],
    ["a lead", person("lena"), CLIENT_TICKET, true],
    ["an agency login of team.agency", person("zoe"), CLIENT_TICKET, true],
    ["a member of an agency team (as resolved)", person("yuri"), CLIENT_TICKET, true],
    ["the client", person("client-joe"), CLIENT_TICKET, false],
    ["a client colleague, whatever their access", person("client-ann"), CLIENT_TICKET, false],
    ["frontdesk itself", { login: "frontdesk[bot]", isBot: true, isSelf: true }, CLIENT_TICKET, false],
    ["a bot named like a team member", { login: "ann", isBot: true }, CLIENT_TICKET, false],
    ["a login ending in [bot]", person("ann[bot]"), CLIENT_TICKET, false],
    ["a team member answering their own ticket", person("alice"), { author: person("Alice") }, false],
    ["another team member on a team member's ticket", person("ann"), { author: person("alice") }, true],
  ])("%s: %s", (_name, author, ticket, expected) => {
    expect(isTeamResponse(config, ticket, at("10:00:00", author), new Set(["yuri"]))).toBe(expected);
  });
});

describe("findFirstResponse", () => {
  it("the earliest team comment, whatever the order the platform listed them in", () => {
    const comments = [at("12:00:00", person("ann"), 3), at("09:30:00", person("client-joe"), 1), at("11:00:00", person("carol"), 2)];
    expect(findFirstResponse(config, CLIENT_TICKET, comments)?.id).toBe(2);
  });

  it("none while only the client side and bots have spoken", () => {
    const comments = [at("09:30:00", person("client-joe")), at("09:31:00", { login: "frontdesk[bot]", isBot: true, isSelf: true }), at("09:32:00", person("yuri"))];
    expect(findFirstResponse(config, CLIENT_TICKET, comments)).toBeUndefined();
    expect(findFirstResponse(config, CLIENT_TICKET, comments, new Set(["yuri"]))?.author.login).toBe("yuri");
  });
});
