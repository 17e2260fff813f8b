import { describe, expect, it } from "vitest";
import { findKeyword, hasLabel, readFormField, sameLabel } from "../../src/core/text-match.js";

describe("findKeyword", () => {
  it.each<[string, string, string[], string | undefined]>([
    ["a whole word, in any case", "The site is DOWN again", ["down"], "down"],
    ["not inside a longer word", "a breakdown of costs", ["down"], undefined],
    ["the first keyword in the list's order, not the text's", "outage, site down", ["down", "outage"], "down"],
    ["a phrase across any whitespace", "it is not\n  reachable", ["not reachable"], "not reachable"],
    ["regular expression characters are literal", "version 1.2 and 1x2", ["1.2", "c++"], "1.2"],
    ["a dot does not match any character", "version 1x2", ["1.2"], undefined],
    ["blank keywords are ignored", "anything", ["", "  "], undefined],
    ["no keywords", "anything", [], undefined],
  ])("%s", (_name, text, keywords, expected) => {
    expect(findKeyword(text, keywords)).toBe(expected);
  });

  it("past one expression's worth of keywords, still the first in the list's order", () => {
    const keywords = [...Array.from({ length: 300 }, (_, index) => `word${index}`)];
    expect(findKeyword("word299 and word3", keywords)).toBe("word3");
    expect(findKeyword("only word299", keywords)).toBe("word299");
    expect(findKeyword("word3000", keywords)).toBeUndefined();
  });
});

describe("readFormField", () => {
  const FORM = "### Website\n\nhttps://acme.example\n\n### Urgency ###\n\nemergency\n\n### Estimate\n\n_No response_\n\n### Details\n";
  it.each<[string, string[], string | undefined]>([
    ["the answer under its heading", ["Website"], "https://acme.example"],
    ["a heading with closing hashes, in another case", ["urgency"], "emergency"],
    ["the first of several names that is there", ["Dringlichkeit", "Urgency"], "emergency"],
    ["an empty answer", ["Estimate"], undefined],
    ["the last heading, with nothing under it", ["Details"], undefined],
    ["a field the form lacks", ["Budget"], undefined],
  ])("%s", (_name, names, expected) => {
    expect(readFormField(FORM, names)).toBe(expected);
  });

  it("an answer runs to the next heading, over several lines, its line breaks normalised", () => {
    expect(readFormField("## Steps\r\none\r\ntwo\r\n## Next\r\nx", ["steps"])).toBe("one\ntwo");
  });
});

describe("sameLabel and hasLabel", () => {
  it.each<[string, string, boolean]>([
    ["support", "Support", true],
    ["urgency: task", "URGENCY: TASK", true],
    ["café", "cafe", false],
    ["support", "supports", false],
  ])("%s vs %s", (a, b, expected) => {
    expect(sameLabel(a, b)).toBe(expected);
    expect(hasLabel(["question", a], b)).toBe(expected);
  });
});
