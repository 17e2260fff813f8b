import { describe, expect, it } from "vitest";
import { runValidate } from "../../src/cli/validate.js";
import { createMemoryIo } from "./memory-io.js";

/**
 * `labels:` and a level's `name:` as `frontdesk validate` checks them: the
 * placeholders of a label pattern like a message's, the one that tells the
 * labels apart, and labels that would be the same label.
 */

const FILE = ".github/frontdesk.yml";
const TEAM = "team:\n  contacts: [alice]\n";

async function validate(text: string): Promise<{ code: number; out: string }> {
  const io = createMemoryIo({ [FILE]: text });
  const code = await runValidate([FILE], io);
  return { code, out: io.out };
}

describe("validate: labels", () => {
  it.each([
    {
      name: "a typo in a placeholder",
      yaml: `${TEAM}labels:\n  function: "Funktion: {{funktion}}"\n`,
      out: `4:24: labels.function: "{{funktion}}" is not a placeholder; did you mean {{function}}? This label knows {{function}}`,
    },
    {
      name: "another label's placeholder",
      yaml: `${TEAM}labels:\n  booked: "gebucht: {{level}}"\n`,
      out: `4:21: labels.booked: "{{level}}" is not a placeholder of this label (only of urgency); this label knows {{function}}`,
    },
    {
      name: "a pattern that names no function",
      yaml: `${TEAM}labels:\n  function: Funktion\n`,
      out: `4:13: labels.function: "Funktion" needs {{function}}, or every function gets the same label`,
    },
    {
      name: "an urgency pattern that names no level",
      yaml: `${TEAM}labels:\n  urgency: "Dringlichkeit: hoch"\n`,
      out: `4:13: labels.urgency: "Dringlichkeit: hoch" needs {{urgency}} or {{level}}, or every level gets the same label`,
    },
    {
      name: "a placeholder in a label of one name",
      yaml: `${TEAM}labels:\n  support: "{{client}}"\n`,
      out: `4:13: labels.support: "{{client}}" is not a placeholder; this label has no placeholders`,
    },
    {
      name: "single braces",
      yaml: `${TEAM}labels:\n  urgency: "Stufe {urgency}"\n`,
      out: `4:19: labels.urgency: "{urgency}" is not a placeholder: write {{urgency}}, with two braces on each side`,
    },
    {
      name: "two labels with one name",
      yaml: `${TEAM}labels:\n  sla_breached: Support\nlanguage: de\n`,
      out: `4:17: labels.sla_breached: "Support" is already the support label; each of frontdesk's labels needs a name of its own`,
    },
    {
      name: "project_work.label as another label's name",
      yaml: `${TEAM}project_work:\n  label: needs estimate\n`,
      out: `4:10: project_work.label: "needs estimate" is already the needs_estimate label; each of frontdesk's labels needs a name of its own`,
    },
    {
      name: "an empty level name",
      yaml: `${TEAM}urgency:\n  levels:\n    notfall: { name: " ", respond_within: 1h }\n`,
      out: `5:22: urgency.levels.notfall.name: found empty text; expected at least 1 character`,
    },
    {
      name: "an unknown key",
      yaml: `${TEAM}labels:\n  sla: "sla: breached"\n`,
      out: `4:3: labels.sla: unknown key "sla"; allowed keys here are "support", "urgency", "function", "booked", "needs_estimate", "project_work", "sla_breached"`,
    },
  ])("$name", async ({ yaml, out }) => {
    const result = await validate(yaml);
    expect(result.code).toBe(1);
    expect(result.out).toContain(`${FILE}:${out}`);
  });

  it("accepts the German defaults written out, a level's name and project_work.label beside labels:", async () => {
    const yaml = [
      TEAM,
      "language: de",
      "urgency:\n  levels:\n    notfall: { name: Notfall, respond_within: 1h }",
      "project_work:\n  label: projekt",
      'labels:\n  support: Support\n  urgency: "Dringlichkeit: {{ urgency }}"\n  function: "Funktion: {{function}}"\n  booked: "gebucht: {{function}}"',
      "  needs_estimate: Schätzung nötig\n  project_work: Projektarbeit\n  sla_breached: Frist überschritten\n",
    ].join("\n");
    expect(await validate(yaml)).toMatchObject({ code: 0 });
  });
});
