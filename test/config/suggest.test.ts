import { describe, expect, it } from "vitest";
import { findNearest, measureEditDistance } from "../../src/config/suggest.js";

describe("measureEditDistance", () => {
  it.each([
    ["", "", 0],
    ["", "abc", 3],
    ["abc", "", 3],
    ["contacts", "contacts", 0],
    ["contcts", "contacts", 1],
    ["kitten", "sitting", 3],
    ["flaw", "lawn", 2],
    ["threshold", "treshhold", 2],
  ] as const)("%j -> %j is %i", (a, b, distance) => {
    expect(measureEditDistance(a, b)).toBe(distance);
    expect(measureEditDistance(b, a)).toBe(distance);
  });
});

describe("findNearest", () => {
  const teamKeys = ["contacts", "functions", "bookable", "leads", "away", "capacity"];

  it.each([
    ["contcts", teamKeys, "contacts"],
    ["Contacts", teamKeys, "contacts"],
    ["lead", teamKeys, "leads"],
    ["capcity", teamKeys, "capacity"],
    ["functon", teamKeys, "functions"],
    ["respond", ["label", "keywords", "respond_within"], "respond_within"],
    ["threshold_hours", ["threshold", "label"], "threshold"],
    ["colour", teamKeys, undefined],
    ["xyz", teamKeys, undefined],
    ["a", ["b", "c"], "b"],
    ["seo", ["design", "development"], undefined],
    ["x", [], undefined],
  ] as const)("%j in %j is %j", (word, candidates, expected) => {
    expect(findNearest(word, candidates)).toBe(expected);
  });

  it("prefers the closer candidate, then the earlier one", () => {
    expect(findNearest("tues", ["thu", "tue"])).toBe("tue");
    expect(findNearest("ab", ["ac", "ad"])).toBe("ac");
  });
});
