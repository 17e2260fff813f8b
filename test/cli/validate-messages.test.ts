import { describe, expect, it } from "vitest";
import { runValidate } from "../../src/cli/validate.js";
import { createMemoryIo } from "./memory-io.js";

/**
 * Messages that say what is wrong and what to write instead, as a team lead
 * reads them in the output of `frontdesk validate`: values, YAML syntax at
 * the place where the problem starts, and an empty file.
 */

const FILE = ".github/frontdesk.yml";
const TEAM = "team:\n  contacts: [alice]\n";

async function validate(text: string): Promise<{ code: number; out: string; err: string }> {
  const io = createMemoryIo({ [FILE]: text });
  const code = await runValidate([FILE], io);
  return { code, out: io.out, err: io.err };
}

describe("validate: values, with what to write instead", () => {
  it.each([
    {
      name: "a day that does not exist",
      yaml: `${TEAM}business_hours:\n  holidays: [2026-12-24, 2026-02-30]\n`,
      out: `4:26: business_hours.holidays[1]: "2026-02-30" is not a date: 30 February 2026 does not exist (February 2026 has 28 days)`,
    },
    {
      name: "an on-call rotation starting on a day that does not exist",
      yaml: `${TEAM}  on_call:\n    rotation: [alice]\n    from: 2026-02-31\n`,
      out: `5:11: team.on_call.from: "2026-02-31" is not a date: 31 February 2026 does not exist (February 2026 has 28 days)`,
    },
    {
      name: "an on-call shift on a day that does not exist",
      yaml: `${TEAM}  on_call:\n    shifts:\n      - login: alice\n        from: "2026-02-30 18:00"\n        to: "2026-03-02 09:00"\n`,
      out: `6:15: team.on_call.shifts[0].from: "2026-02-30 18:00" is not a local date and time: 30 February 2026 does not exist (February 2026 has 28 days)`,
    },
    {
      name: "an on-call login written with @",
      yaml: `${TEAM}  on_call:\n    rotation: ["@alice"]\n`,
      out: `4:16: team.on_call.rotation[0]: "@alice" is not a login: write it without the "@"`,
    },
    {
      name: "a month that does not exist",
      yaml: `${TEAM}business_hours:\n  holidays: [2026-13-01]\n`,
      out: `4:14: business_hours.holidays[0]: "2026-13-01" is not a date: there is no month 13; use YYYY-MM-DD`,
    },
    {
      name: "a German date",
      yaml: `${TEAM}business_hours:\n  holidays: [24.12.2026]\n`,
      out: `4:14: business_hours.holidays[0]: "24.12.2026" is not a date: write it as YYYY-MM-DD, 2026-12-24`,
    },
    {
      name: "a range with one dash",
      yaml: `${TEAM}  away:\n    alice: [2026-12-21 - 2027-01-02]\n`,
      out: `4:13: team.away.alice[0]: "2026-12-21 - 2027-01-02" is not a date or range: write a range with two dots, 2026-12-21..2027-01-02`,
    },
    {
      name: "a range the wrong way round",
      yaml: `${TEAM}  away:\n    alice: [2027-01-05..2027-01-02]\n`,
      out: `4:13: team.away.alice[0]: "2027-01-05..2027-01-02" is not a date or range: the range ends before it starts; write 2027-01-02..2027-01-05`,
    },
    {
      name: "a percentage without %",
      yaml: `${TEAM}sla:\n  remind_at: 80\n`,
      out: `4:14: sla.remind_at: the number 80 is not a share: write 80% (a whole percentage from 0% to 100%)`,
    },
    {
      name: "a fraction for a percentage",
      yaml: `${TEAM}sla:\n  remind_at: 0.8\n`,
      out: `4:14: sla.remind_at: the number 0.8 is not a share: write 80% (a whole percentage from 0% to 100%)`,
    },
    {
      name: "a duration in words",
      yaml: `${TEAM}project_work:\n  threshold: 2 hours\n`,
      out: `4:14: project_work.threshold: "2 hours" is not a duration: write 2h (30m, 4h or 2d; d is one business day)`,
    },
    {
      name: "a duration without a unit",
      yaml: `${TEAM}project_work:\n  threshold: 4\n`,
      out: `4:14: project_work.threshold: the number 4 is not a duration: write the unit after the number, 4h for hours or 4d for business days`,
    },
    {
      name: "a duration of nothing",
      yaml: `${TEAM}urgency:\n  levels:\n    now: { respond_within: 0h }\n`,
      out: `5:28: urgency.levels.now.respond_within: "0h" is not a duration: it is no time at all; use 30m, 4h or 2d (d is one business day)`,
    },
    {
      name: "hours without minutes",
      yaml: `${TEAM}business_hours:\n  hours: 9-17\n`,
      out: `4:10: business_hours.hours: "9-17" is not a span of hours: write the hours with two digits and the minutes, "09:00-17:00"`,
    },
    {
      name: "hours past midnight",
      yaml: `${TEAM}business_hours:\n  hours: "22:00-06:00"\n`,
      out: `4:10: business_hours.hours: "22:00-06:00" is not a span of hours: the end must come after the start (hours past midnight are not supported); use "09:00-17:00" (start before end)`,
    },
  ])("$name", async ({ yaml, out }) => {
    expect(await validate(yaml)).toEqual({ code: 1, out: `${FILE}:${out}\n`, err: "" });
  });
});

describe("validate: YAML syntax, where the problem starts", () => {
  it.each([
    {
      name: "an unclosed quote, where it opens rather than at the end of the file",
      yaml: 'client: "ACME\nteam:\n  contacts: [alice]\nlanguage: de\n',
      out: `1:9: the " that opens here is never closed, so the text runs on to the end of the file: end it with " on this line`,
    },
    {
      name: "an unclosed single quote in a message",
      yaml: `${TEAM}messages:\n  acknowledge: 'Hi {{contact}}\n  reminder: 'Soon'\n`,
      out: `4:16: the ' that opens here is never closed: end it with ' on this line`,
    },
    {
      name: "a tab",
      yaml: "team:\n\tcontacts: [alice]\n",
      out: "2:1: a tab indents this line: YAML allows only spaces for indentation; indent with spaces",
    },
    {
      name: "a key indented too far",
      yaml: `${TEAM}   leads: [lena]\n`,
      out: "3:4: this line is indented by 3 spaces, the line above by 2 spaces: keys of one mapping start at the same column, and a nested key is indented further than its parent",
    },
    {
      name: "no space after the colon of a key",
      yaml: `client:ACME\n${TEAM}`,
      out: `1:8: no space after the colon: YAML reads "client:ACME" as one word; write "client: ACME"`,
    },
    {
      name: "no space after the colon, where YAML reads on without an error",
      yaml: "team:\n  contacts:[alice]\n",
      out: `2:3: team: found text "contacts:[alice]"; expected a mapping (YAML reads "contacts:[alice]" as text: write a space after the colon, "contacts: [alice]")`,
    },
    {
      name: "no space after a list's dash",
      yaml: "team:\n  contacts:\n    -alice\n    - bob\n",
      out: `3:5: team.contacts: found text "-alice - bob"; expected a list (YAML reads it as text: a list item needs a space after the "-", "- name")`,
    },
    {
      name: "a colon inside a plain value",
      yaml: `${TEAM}messages:\n  acknowledge: Note: {{contact}} is on it\n`,
      out: `4:16: YAML cannot read this value as text: a value with ": " in it, or one that starts with "{" or "[", must be in quotes: "Note: {{contact}} is on it"`,
    },
    {
      name: "a placeholder at the start of a plain value",
      yaml: `${TEAM}messages:\n  acknowledge: {{contact}} is on it\n`,
      out: `4:16: YAML cannot read this value as text: a value with ": " in it, or one that starts with "{" or "[", must be in quotes: "{{contact}} is on it"`,
    },
    {
      name: "an unclosed list, where it opens",
      yaml: "team:\n  contacts: [alice, bob\nclient: x\n",
      out: "2:13: the [ that opens here is never closed: end the list with ] on this line",
    },
    {
      name: "an unclosed quote below a list item with a colon in it",
      yaml: `${TEAM}classify:\n  keywords:\n    - error:500\n    - crash\nclient: "ACME\nlanguage: de\n`,
      out: `7:9: the " that opens here is never closed, so the text runs on to the end of the file: end it with " on this line`,
    },
    {
      name: "an unclosed quote below a message line with a colon in it",
      yaml: `${TEAM}messages:\n  acknowledge: |\n    Danke.\n    Kontakt:{{contact}}\nclient: "ACME\n`,
      out: `7:9: the " that opens here is never closed, so the text runs on to the end of the file: end it with " on this line`,
    },
    {
      name: "a bad indentation below a list item with a colon in it",
      yaml: `${TEAM}classify:\n  keywords:\n    - error:500\n   leads: x\n`,
      out: "6:4: this line is indented by 3 spaces, the line above by 4 spaces: keys of one mapping start at the same column, and a nested key is indented further than its parent",
    },
    {
      name: "a bad indentation below a message line with a colon in it",
      yaml: `${TEAM}messages:\n  acknowledge: |\n    Danke.\n    Kontakt:{{contact}}\n   reminder: x\n`,
      out: "7:4: this line is indented by 3 spaces, the line above by 4 spaces: keys of one mapping start at the same column, and a nested key is indented further than its parent",
    },
    {
      name: "a key written twice",
      yaml: `${TEAM}client: A\nclient: B\n`,
      out: `4:1: "client" is written twice in the same mapping: keep one and merge what the two say`,
    },
  ])("$name", async ({ yaml, out }) => {
    expect(await validate(yaml)).toEqual({ code: 1, out: `${FILE}:${out}\n`, err: "" });
  });
});

describe("validate: an empty file", () => {
  it.each([
    ["nothing", ""],
    ["only comments", "# frontdesk configuration\n# to do\n"],
    ["a document marker", "---\n"],
  ])("%s is reported as empty, not as a missing team", async (_name, yaml) => {
    expect(await validate(yaml)).toEqual({
      code: 1,
      out: `${FILE}:1:1: the file is empty: a configuration needs at least the team's contacts, for example "team: { contacts: [alice] }"\n`,
      err: "",
    });
  });
});
