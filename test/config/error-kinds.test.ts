import { describe, expect, it } from "vitest";
import { CONFIG_ERROR_KINDS } from "../../src/config/errors.js";
import { parseConfigText } from "../../src/config/parse.js";

/**
 * Every error has a kind that carries no value from the file: what check
 * runs and commit statuses show in place of the full message.
 */

const BASE = "team:\n  contacts: [alice]\n";

function publicErrors(text: string): string[] {
  const result = parseConfigText(text, "frontdesk.yml");
  if (result.ok) throw new Error("expected errors");
  return result.errors.map((error) => error.formatPublic());
}

describe("ConfigError.formatPublic", () => {
  it.each([
    ["an unknown key, with the schema key it is nearest to", "team:\n  contcts: [alice]\n", "frontdesk.yml:2:3: team.contcts: unknown key; did you mean \"contacts\"?"],
    ["a missing key", "client: ACME\n", "frontdesk.yml:1:1: team: missing key"],
    ["a wrong type", `${BASE}enabled: secret-yes\n`, "frontdesk.yml:3:10: enabled: wrong type"],
    ["a value outside an enum", `${BASE}language: fr-secret\n`, "frontdesk.yml:3:11: language: not an allowed value"],
    ["a login with @", "team:\n  contacts: ['@secret']\n", "frontdesk.yml:2:14: team.contacts[0]: not a login"],
    ["a duration", `${BASE}project_work:\n  threshold: four secret hours\n`, "frontdesk.yml:4:14: project_work.threshold: not a duration"],
    ["a time zone", `${BASE}business_hours:\n  timezone: Secret/Place\n`, "frontdesk.yml:4:13: business_hours.timezone: not a time zone"],
    ["a board URL", `${BASE}support_board: https://secret.example/board\n`, "frontdesk.yml:3:16: support_board: not a board URL"],
    ["a default that is no level", `${BASE}urgency:\n  default: secret-level\n`, "frontdesk.yml:4:12: urgency.default: not a level"],
    ["an empty roster", "team:\n  contacts: []\n", "frontdesk.yml:2:13: team.contacts: too few entries"],
    ["unreadable YAML", "team:\n  contacts: [secret\n", expect.stringMatching(/^frontdesk\.yml:\d+:\d+: invalid YAML$/u)],
    ["an empty file", "# secret\n", "frontdesk.yml:1:1: empty file"],
    ["an unknown placeholder, with the known one", `${BASE}messages:\n  reminder: "secret {{contakt}}"\n`, "frontdesk.yml:4:21: messages.reminder: unknown placeholder; did you mean {{contact}}?"],
    ["a login listed twice", "team:\n  contacts: [secret, secret]\n", "frontdesk.yml:2:22: team.contacts[1]: duplicate entry"],
    ["an absence of nobody, without the login it is near", `${BASE}  away:\n    alicee: [2026-12-24]\n`, "frontdesk.yml:4:5: team.away.alicee: not in the roster"],
    ["a day that does not exist", `${BASE}business_hours:\n  holidays: [2026-02-30]\n`, "frontdesk.yml:4:14: business_hours.holidays[0]: not a date"],
    ["a number for a share", `${BASE}sla:\n  remind_at: 80\n`, "frontdesk.yml:4:14: sla.remind_at: wrong type"],
  ])("%s", (_name, text, expected) => {
    expect(publicErrors(text)[0]).toEqual(expected);
  });

  it("takes no kind from a value that reads like a message", () => {
    const [error] = publicErrors(`${BASE}project_work:\n  threshold: '" is not a level: secret'\n`);
    expect(error).toBe("frontdesk.yml:4:14: project_work.threshold: not a duration");
  });

  it("keeps the full message for the log and frontdesk validate", () => {
    const result = parseConfigText("team:\n  contacts: ['@secret']\n", "frontdesk.yml");
    expect(!result.ok && result.errors[0]?.format()).toBe('frontdesk.yml:2:14: team.contacts[0]: "@secret" is not a login: write it without the "@"');
    expect(!result.ok && CONFIG_ERROR_KINDS.includes(result.errors[0]!.kind)).toBe(true);
  });
});
