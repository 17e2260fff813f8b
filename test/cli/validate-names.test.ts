import { describe, expect, it } from "vitest";
import { runValidate } from "../../src/cli/validate.js";
import { createMemoryIo } from "./memory-io.js";

/**
 * Names that point nowhere, as `frontdesk validate` reports them: message
 * placeholders each message does not know, logins listed twice, absences of
 * nobody in the roster, logins with `@`; and leads and hand-off people
 * outside the roster, which are only noted.
 */

const FILE = ".github/frontdesk.yml";

async function validate(text: string): Promise<{ code: number; out: string; err: string }> {
  const io = createMemoryIo({ [FILE]: text });
  const code = await runValidate([FILE], io);
  return { code, out: io.out, err: io.err };
}

const TEAM = "team:\n  contacts: [alice, ann]\n  functions:\n    development: [bob, carol]\n";

describe("validate: placeholders in messages", () => {
  it.each([
    {
      name: "a typo, with the nearest placeholder",
      message: 'acknowledge: "Hi, {{contakt}} will answer by {{due}}"',
      out: `${FILE}:6:21: messages.acknowledge: "{{contakt}}" is not a placeholder; did you mean {{contact}}? This message knows {{client}}, {{contact}}, {{implementer}}, {{urgency}}, {{due}}, {{function}}\n`,
    },
    {
      name: "another message's placeholder",
      message: 'acknowledge: "{{handoff}} takes it from here"',
      out: `${FILE}:6:17: messages.acknowledge: "{{handoff}}" is not a placeholder of this message (only of project_work); this message knows {{client}}, {{contact}}, {{implementer}}, {{urgency}}, {{due}}, {{function}}\n`,
    },
    {
      name: "single braces",
      message: 'reminder: "{contact}, the answer is due by {{due}}"',
      out: `${FILE}:6:14: messages.reminder: "{contact}" is not a placeholder: write {{contact}}, with two braces on each side\n`,
    },
    {
      name: "a brace missing",
      message: 'refused: "Only the team may use {{command}}; {{contact}"',
      out: `${FILE}:6:48: messages.refused: "{{contact}" is not a placeholder: write {{contact}}, with two braces on each side\n`,
    },
    {
      name: "a name no message knows, in a block scalar, on its own line",
      message: "escalation: |\n    Overdue since {{due}}.\n    Please, {{boss}}!",
      out: `${FILE}:8:13: messages.escalation: "{{boss}}" is not a placeholder; this message knows {{client}}, {{contact}}, {{implementer}}, {{urgency}}, {{due}}, {{function}}, {{leads}}\n`,
    },
  ])("$name", async ({ message, out }) => {
    const result = await validate(`${TEAM}messages:\n  ${message}\n`);
    expect(result).toEqual({ code: 1, out, err: "" });
  });

  it("accepts every placeholder a message knows, with blanks inside the braces too", async () => {
    const messages = [
      'acknowledge: "{{client}} {{contact}} {{implementer}} {{urgency}} {{due}} {{ function }}"',
      'project_work: "{{client}} {{contact}} {{estimate}} {{threshold}} {{handoff}} {{function}}"',
      'refused: "{{client}} {{contact}} {{command}}; a {literal} word in braces"',
      'escalation: "{{leads}} {{contact}} {{due}}"',
    ];
    const result = await validate(`${TEAM}messages:\n${messages.map((line) => `  ${line}\n`).join("")}`);
    expect(result.code).toBe(0);
  });
});

describe("validate: names across the roster", () => {
  it.each([
    {
      name: "a contact listed twice",
      yaml: "team:\n  contacts: [alice, ann, alice]\n",
      out: `${FILE}:2:26: team.contacts[2]: "alice" is listed twice, first at [0]; remove one\n`,
    },
    {
      name: "a developer listed twice, in another case",
      yaml: "team:\n  contacts: [alice]\n  functions:\n    development:\n      - bob\n      - Bob\n",
      out: `${FILE}:6:9: team.functions.development[1]: "Bob" is listed twice, first as "bob" at [0] (logins ignore case); remove one\n`,
    },
    {
      name: "an absence of nobody in the roster, with the login it is nearest to",
      yaml: `${TEAM}  away:\n    bbo: [2026-12-21..2027-01-02]\n`,
      out: `${FILE}:6:5: team.away.bbo: "bbo" is not in the roster (contacts, functions, bookable, leads, handoff); did you mean "bob"?\n`,
    },
    {
      name: "an absence of someone far from every login",
      yaml: `${TEAM}  away:\n    zoe: [2026-12-24]\n`,
      out: `${FILE}:6:5: team.away.zoe: "zoe" is not in the roster (contacts, functions, bookable, leads, handoff), so this setting changes nothing; add them to the team or remove it\n`,
    },
    {
      name: "an on-call person nobody knows",
      yaml: `${TEAM}  agency: [max]\n  on_call:\n    rotation: [alice, mxa]\n`,
      out: `${FILE}:7:23: team.on_call.rotation[1]: "mxa" is not in the roster (contacts, functions, bookable, leads, handoff, agency); did you mean "max"?\n`,
    },
    {
      name: "a login written with @",
      yaml: "team:\n  contacts: [alice, '@ann']\n",
      out: `${FILE}:2:21: team.contacts[1]: "@ann" is not a login: write it without the "@"\n`,
    },
    {
      name: "an absence keyed with @",
      yaml: `${TEAM}  away:\n    "@bob": [2026-12-24]\n`,
      out: `${FILE}:6:5: team.away["@bob"]: invalid key: "@bob" is not a login: write it without the "@"\n`,
    },
  ])("$name is an error", async ({ yaml, out }) => {
    expect(await validate(yaml)).toEqual({ code: 1, out, err: "" });
  });

  it("accepts absences of leads and hand-off people, and the same person in two functions", async () => {
    const yaml = `${TEAM}    design: [bob]\n  leads: [lena]\n  away:\n    lena: [2026-12-24]\n    bob: [2026-12-24]\nproject_work:\n  handoff: [hank]\n  sizes: {}\n`;
    const result = await validate(yaml.replace("  away:\n    lena", "  away:\n    hank: [2026-12-23]\n    lena"));
    expect(result.code).toBe(0);
  });

  it("notes leads and hand-off people outside the roster, and still exits 0", async () => {
    const result = await validate(`${TEAM}  leads: [lena]\nproject_work:\n  handoff: [carlo]\n`);
    expect(result).toEqual({
      code: 0,
      out: `${FILE}: ok (2 contacts, 1 function, 0 bookable functions, 2 urgency levels)\n`,
      err:
        `${FILE}:5:11: team.leads[0]: "lena" is not in team.contacts, team.functions or team.bookable: fine if deliberate, since leads get escalations, not tickets (note)\n` +
        `${FILE}:7:13: project_work.handoff[0]: "carlo" is not in team.contacts, team.functions or team.bookable: fine if deliberate, since project work is handed over to them; did you mean "carol"? (note)\n`,
    });
  });

  it("reports the checks across the roster alongside other mistakes in the team", async () => {
    const result = await validate("team:\n  contacts: [alice, alice]\n  capacity: 0\n  away:\n    alcie: [2026-12-24]\n");
    expect(result.out).toBe(
      `${FILE}:2:21: team.contacts[1]: "alice" is listed twice, first at [0]; remove one\n` +
        `${FILE}:3:13: team.capacity: found 0; expected a number above 0\n`,
    );
    // Not checked while the team has an error of its own kind: the roster it would be checked against may be wrong.
    const duplicatesOnly = await validate("team:\n  contacts: [alice, alice]\n  away:\n    alcie: [2026-12-24]\n");
    expect(duplicatesOnly.out).toContain(`${FILE}:4:5: team.away.alcie: "alcie" is not in the roster (contacts, functions, bookable, leads, handoff); did you mean "alice"?\n`);
  });
});
