import { describe, expect, it } from "vitest";
import { neutralizeQuote } from "../../src/core/quote.js";

const ZWSP = "\u200B";

describe("neutralizeQuote", () => {
  it.each([
    ["plain text stays as it is", "/urgency soon", "/urgency soon"],
    ["line breaks of every kind become spaces", "a\r\nb\nc\rd", "a b c d"],
    ["backticks cannot close the code span", "`x`", "\u02CBx\u02CB"],
    ["angle brackets cannot open a comment or a tag", "<!-- x --> <b>", "\u2039!-- x --\u203A \u2039b\u203A"],
    ["a mention does not notify", "@alice and @org/team", `@${ZWSP}alice and @${ZWSP}org/team`],
    ["a link does not link", "[click](https://evil.example)", `[click]${ZWSP}(https://evil.example)`],
    ["brackets alone are left alone", "[x] (y)", "[x] (y)"],
  ])("%s", (_name, text, expected) => {
    expect(neutralizeQuote(text)).toBe(expected);
  });
});
