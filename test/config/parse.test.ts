import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config/errors.js";
import { MAX_CONFIG_BYTES, parseConfigText } from "../../src/config/parse.js";

const FILE = ".github/frontdesk.yml";

/** Every error of `text`, formatted as the CLI prints them. */
function formatErrors(text: string): string[] {
  const result = parseConfigText(text, FILE);
  if (result.ok) throw new Error("expected errors, the configuration is valid");
  return result.errors.map((error) => error.format());
}

const cases: { name: string; yaml: string; errors: string[] }[] = [
  {
    name: "an unknown key with a near known key",
    yaml: "team:\n  contcts: [alice]\n",
    errors: [`${FILE}:2:3: team.contcts: unknown key "contcts"; did you mean "contacts"?`],
  },
  {
    name: "an unknown key with nothing near it lists the allowed keys",
    yaml: "team:\n  contacts: [alice]\nsla:\n  nagging: yes\n",
    errors: [`${FILE}:4:3: sla.nagging: unknown key "nagging"; allowed keys here are "remind_at"`],
  },
  {
    name: "two unknown keys in one mapping give one error each",
    yaml: "team:\n  contacts: [alice]\n  lead: [lena]\n  capacty: 3\n",
    errors: [
      `${FILE}:3:3: team.lead: unknown key "lead"; did you mean "leads"?`,
      `${FILE}:4:3: team.capacty: unknown key "capacty"; did you mean "capacity"?`,
    ],
  },
  {
    name: "an unknown key inside a record value (an urgency level)",
    yaml: "team:\n  contacts: [alice]\nurgency:\n  levels:\n    now:\n      respond_withn: 1h\n",
    errors: [`${FILE}:6:7: urgency.levels.now.respond_withn: unknown key "respond_withn"; did you mean "respond_within"?`],
  },
  {
    name: "a shortened key is suggested by prefix",
    yaml: "team:\n  contacts: [alice]\nurgency:\n  levels:\n    now:\n      respond: 1h\n",
    errors: [`${FILE}:6:7: urgency.levels.now.respond: unknown key "respond"; did you mean "respond_within"?`],
  },
  {
    name: "a missing required key points at its parent",
    yaml: "client: ACME\nteam:\n  leads: [lena]\n",
    errors: [`${FILE}:2:1: team.contacts: required, but missing; expected a list`],
  },
  {
    name: "an empty file is reported as empty",
    yaml: "# nothing here yet\n",
    errors: [`${FILE}:1:1: the file is empty: a configuration needs at least the team's contacts, for example "team: { contacts: [alice] }"`],
  },
  {
    name: "a key without a value",
    yaml: "team:\n  contacts:\n",
    errors: [`${FILE}:2:3: team.contacts: found an empty value; expected a list`],
  },
  {
    name: "an empty contact list",
    yaml: "team:\n  contacts: []\n",
    errors: [`${FILE}:2:13: team.contacts: found an empty list; expected at least 1 entry`],
  },
  {
    name: "a default that names no level",
    yaml: "team:\n  contacts: [alice]\nurgency:\n  default: urgen\n",
    errors: [`${FILE}:4:12: urgency.default: "urgen" is not a level; levels are "emergency", "task"`],
  },
  {
    name: "a routing default that names no function",
    yaml: "team:\n  contacts: [alice]\n  functions:\n    development: [bob]\nrouting:\n  default: design\n",
    errors: [`${FILE}:6:12: routing.default: "design" is not a function; functions are "development"`],
  },
  {
    name: "a duration written in words",
    yaml: "team:\n  contacts: [alice]\nproject_work:\n  threshold: 4 hours\n",
    errors: [`${FILE}:4:14: project_work.threshold: "4 hours" is not a duration: write 4h (30m, 4h or 2d; d is one business day)`],
  },
  {
    name: "a size label key is quoted in the path",
    yaml: 'team:\n  contacts: [alice]\nproject_work:\n  sizes: { "size: S": 1x }\n',
    errors: [
      `${FILE}:4:23: project_work.sizes["size: S"]: "1x" is not a duration: use 30m, 4h or 2d (d is one business day)`,
    ],
  },
  {
    name: "a login written with @",
    yaml: "team:\n  contacts:\n    - alice\n    - '@ann'\n",
    errors: [`${FILE}:4:7: team.contacts[1]: "@ann" is not a login: write it without the "@"`],
  },
  {
    name: "an away entry for a key that cannot be a login points at the key",
    yaml: 'team:\n  contacts: [alice]\n  away:\n    "@bob": [2026-01-01]\n',
    errors: [`${FILE}:4:5: team.away["@bob"]: invalid key: "@bob" is not a login: write it without the "@"`],
  },
  {
    name: "an impossible date in a range",
    yaml: "team:\n  contacts: [alice]\n  away:\n    bob: [2026-02-30..2026-03-02]\n",
    errors: [
      `${FILE}:4:11: team.away.bob[0]: "2026-02-30..2026-03-02" is not a date or range: 30 February 2026 does not exist (February 2026 has 28 days)`,
    ],
  },
  {
    name: "a wrong type",
    yaml: 'team:\n  contacts: [alice]\nenabled: "yes"\n',
    errors: [`${FILE}:3:10: enabled: found text "yes"; expected true or false`],
  },
  {
    name: "a fraction where a whole number is needed",
    yaml: "team:\n  contacts: [alice]\n  capacity: 1.5\n",
    errors: [`${FILE}:3:13: team.capacity: found 1.5; expected a whole number`],
  },
  {
    name: "an agency entry that is neither a login nor a GitHub team",
    yaml: 'team:\n  contacts: [alice]\n  agency: ["@acme"]\n',
    errors: [`${FILE}:3:12: team.agency[0]: "@acme" is neither a login (letters, digits, "-", "_" and ".", no "@") nor a GitHub team written as @org/team-slug`],
  },
  {
    name: "a capacity of zero",
    yaml: "team:\n  contacts: [alice]\n  capacity: 0\n",
    errors: [`${FILE}:3:13: team.capacity: found 0; expected a number above 0`],
  },
  {
    name: "an enum value with a near allowed value",
    yaml: "team:\n  contacts: [alice]\nbusiness_hours:\n  days: [mon, tues]\n",
    errors: [
      `${FILE}:4:15: business_hours.days[1]: found text "tues"; expected one of "mon", "tue", "wed", "thu", "fri", "sat", "sun"; did you mean "tue"?`,
    ],
  },
  {
    name: "a language that does not exist",
    yaml: "team:\n  contacts: [alice]\nlanguage: fr\n",
    errors: [`${FILE}:3:11: language: found text "fr"; expected one of "en", "de"`],
  },
  {
    name: "a board that is not a Projects v2 URL",
    yaml: "team:\n  contacts: [alice]\nsupport_board: https://github.com/acme/site/projects/1\n",
    errors: [
      `${FILE}:3:16: support_board: "https://github.com/acme/site/projects/1" is not a Projects v2 URL: use https://github.com/orgs/<org>/projects/<number> or https://github.com/users/<user>/projects/<number>`,
    ],
  },
  {
    name: "a block mapping where a list is expected points at the key",
    yaml: "team:\n  contacts:\n    alice: true\n",
    errors: [`${FILE}:2:3: team.contacts: found a mapping; expected a list`],
  },
  {
    name: "a file that is not a mapping",
    yaml: "just some text\n",
    errors: [`${FILE}:1:1: found text "just some text"; expected a mapping`],
  },
  {
    name: "a YAML syntax error",
    yaml: "team:\n  contacts: [alice\nclient: x\n",
    errors: [`${FILE}:2:13: the [ that opens here is never closed: end the list with ] on this line`],
  },
  {
    name: "a duplicate key",
    yaml: "team:\n  contacts: [alice]\nteam:\n  contacts: [bob]\n",
    errors: [`${FILE}:3:1: "team" is written twice in the same mapping: keep one and merge what the two say`],
  },
  {
    name: "errors come in file order, whatever zod's order",
    yaml: "sla:\n  remind_at: 80\nteam:\n  contacts: [alice]\nlanguage: fr\n",
    errors: [
      `${FILE}:2:14: sla.remind_at: the number 80 is not a share: write 80% (a whole percentage from 0% to 100%)`,
      `${FILE}:5:11: language: found text "fr"; expected one of "en", "de"`,
    ],
  },
];

describe("parseConfigText errors", () => {
  it.each(cases)("$name", ({ yaml, errors }) => {
    expect(formatErrors(yaml)).toEqual(errors);
  });
});

describe("parseConfigText", () => {
  it("fills in the defaults of a minimal configuration", () => {
    const result = parseConfigText("team:\n  contacts: [alice]\n", FILE);
    if (!result.ok) throw new Error(result.errors.map((error) => error.format()).join("\n"));
    expect(result.config.team).toEqual({
      contacts: ["alice"],
      functions: {},
      bookable: {},
      leads: [],
      away: {},
      capacity: 10,
      agency: [],
    });
    expect(Object.keys(result.config.urgency.levels)).toEqual(["emergency", "task"]);
    expect(result.config.project_work.threshold).toBe("4h");
    expect(result.config.business_hours).toEqual({
      timezone: "UTC",
      days: ["mon", "tue", "wed", "thu", "fri"],
      hours: "09:00-17:00",
      holidays: [],
    });
    expect(result.warnings).toEqual([]);
  });

  it("keeps the path, position and original issue on each error", () => {
    const result = parseConfigText("team:\n  contacts: [alice]\nurgency:\n  default: urgen\n", FILE);
    if (result.ok) throw new Error("expected errors");
    const [error] = result.errors;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.file).toBe(FILE);
    expect(error?.path).toEqual(["urgency", "default"]);
    expect([error?.line, error?.col]).toEqual([4, 12]);
    expect(error?.detail).toBe('"urgen" is not a level; levels are "emergency", "task"');
    expect(error?.message).toBe('urgency.default: "urgen" is not a level; levels are "emergency", "task"');
    expect(error?.cause).toMatchObject({ code: "custom", path: ["urgency", "default"] });
  });

  it("refuses a YAML alias bomb with a clear error at the first alias", () => {
    const bomb = [
      "a: &a [x, x, x, x, x, x, x, x, x]",
      "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]",
      "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]",
      "d: [*c, *c, *c, *c, *c, *c, *c, *c, *c]",
      "",
    ].join("\n");
    expect(formatErrors(bomb)).toEqual([
      `${FILE}:2:8: too many alias expansions (more than 100); write the values out instead of nesting aliases (*name)`,
    ]);
  });

  it("allows a few ordinary aliases", () => {
    const result = parseConfigText("team:\n  contacts: &people [alice]\n  leads: *people\n", FILE);
    expect(result.ok && result.config.team.leads).toEqual(["alice"]);
  });

  it("refuses a file over 512 KB before parsing it", () => {
    const text = `team:\n  contacts: [alice]\n#${"x".repeat(MAX_CONFIG_BYTES)}\n`;
    expect(formatErrors(text)).toEqual([
      `${FILE}:1:1: the file is 513 KB; a configuration may be at most 512 KB`,
    ]);
  });

  it("returns YAML warnings of a valid file", () => {
    const result = parseConfigText("team:\n  contacts: [alice]\nclient: !custom ACME\n", FILE);
    if (!result.ok) throw new Error(result.errors.map((error) => error.format()).join("\n"));
    expect(result.warnings.map((warning) => warning.format())).toEqual([
      `${FILE}:3:9: Unresolved tag: !custom`,
    ]);
  });
});
