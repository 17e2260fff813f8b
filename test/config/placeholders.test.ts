import { describe, expect, it } from "vitest";
import { checkPlaceholders, MESSAGE_VARIABLES, type MessageName } from "../../src/config/placeholders.js";
import { messageFor } from "../../src/core/messages.js";

/**
 * The placeholders validate accepts per message are the ones the core fills
 * in. The built-in messages use the same values, so every placeholder a
 * built-in uses, in every language and every variant, must be known.
 */

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/gu;

/** Values that render as their own placeholders, so the built-in's text keeps them; variants switch on which are set. */
function selfRendering(names: readonly string[], unset: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.filter((name) => !unset.includes(name)).map((name) => [name, `{{${name}}}`]));
}

describe("MESSAGE_VARIABLES", () => {
  const everyName = [...new Set([...Object.values(MESSAGE_VARIABLES).flat(), "command", "leads", "estimate", "handoff", "implementer", "due"])];
  const variants = [[], ["implementer"], ["estimate", "handoff"], ["due"], ["command"], ["leads"]];

  it.each(Object.keys(MESSAGE_VARIABLES) as MessageName[])("holds every placeholder the built-in %s uses", (name) => {
    const used = new Set<string>();
    for (const language of ["en", "de"] as const) {
      for (const unset of variants) {
        const text = messageFor(name, { language, messages: {} }, selfRendering(everyName, unset));
        for (const [, variable = ""] of text.matchAll(PLACEHOLDER)) used.add(variable);
      }
    }
    expect(used.size).toBeGreaterThan(0);
    expect([...used].filter((variable) => !(MESSAGE_VARIABLES[name] as readonly string[]).includes(variable))).toEqual([]);
  });
});

describe("checkPlaceholders", () => {
  it("accepts what the message knows, with blanks inside the braces", () => {
    expect(checkPlaceholders("acknowledge", "Hi {{ contact }}, by {{due}} ({{urgency}})")).toEqual([]);
  });

  it("leaves ordinary braces alone", () => {
    expect(checkPlaceholders("refused", "Use {code} blocks, {{contact}}.")).toEqual([]);
  });

  it.each([
    ["acknowledge", "{{contakt}}", "{{contakt}}", "{{contact}}"],
    ["reminder", "{{Due}}", "{{Due}}", "{{due}}"],
    ["project_work", "{{contact}", "{{contact}", "{{contact}}"],
    ["escalation", "{leads}", "{leads}", "{{leads}}"],
  ] as const)("%s: %s is reported, suggesting the known one", (name, text, written, suggestion) => {
    expect(checkPlaceholders(name, `Text ${text} text`)).toEqual([expect.objectContaining({ written, suggestion })]);
  });

  it("says where another message's placeholder belongs", () => {
    const [problem] = checkPlaceholders("back_to_support", "{{estimate}}");
    expect(problem?.detail).toBe('"{{estimate}}" is not a placeholder of this message (only of project_work); this message knows {{client}}, {{contact}}, {{due}}, {{function}}');
  });
});
