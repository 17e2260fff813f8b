import { describe, expect, it } from "vitest";
import { renderTemplate } from "../../src/core/templates.js";

describe("renderTemplate", () => {
  it.each([
    ["a placeholder", "Hello {{client}}!", { client: "ACME" }, "Hello ACME!"],
    ["spaces inside the braces", "Hello {{ client }} and {{contact  }}", { client: "ACME", contact: "@alice" }, "Hello ACME and @alice"],
    ["the same placeholder twice", "{{contact}}, {{contact}}", { contact: "@alice" }, "@alice, @alice"],
    ["an unknown placeholder stays", "{{contact}} by {{when}}", { contact: "@alice" }, "@alice by {{when}}"],
    ["an empty value", "[{{implementer}}]", { implementer: "" }, "[]"],
    ["no nested expansion", "{{client}}", { client: "{{contact}}", contact: "@alice" }, "{{contact}}"],
    ["$ patterns in values are literal", "{{estimate}}", { estimate: "$& $1 $$" }, "$& $1 $$"],
    ["no prototype lookups", "{{constructor}} {{toString}}", {}, "{{constructor}} {{toString}}"],
    ["single braces are text", "{client} {{ }} {{a b}}", { client: "ACME" }, "{client} {{ }} {{a b}}"],
    ["several lines", "Hi {{client}},\n\ndue {{due}}", { client: "ACME", due: "today" }, "Hi ACME,\n\ndue today"],
    ["no placeholders", "Thanks!", { client: "ACME" }, "Thanks!"],
  ] as const)("%s", (_name, template, vars, expected) => {
    expect(renderTemplate(template, vars)).toBe(expected);
  });

  it("is text, never code", () => {
    expect(renderTemplate("{{ process.exit(1) }} ${client} {{client}}", { client: "`rm -rf`" })).toBe(
      "{{ process.exit(1) }} ${client} `rm -rf`",
    );
  });
});
