import { describe, expect, it } from "vitest";
import {
  compareWithThreshold,
  estimateFromForm,
  estimateFromSizeLabel,
  estimateFromSizeLabels,
  findEstimate,
  normalizeDuration,
} from "../../src/core/estimate.js";
import { specConfig, ticket } from "../helpers/core.js";

const config = specConfig();

describe("normalizeDuration", () => {
  it.each([
    ["2d", "2d"],
    ["2 d", "2d"],
    ["1d 4H", "1d4h"],
    ["30m", "30m"],
    ["soon", undefined],
    ["0h", undefined],
    ["", undefined],
    ["4h2d", undefined],
  ])("%j", (text, expected) => {
    expect(normalizeDuration(text)).toBe(expected);
  });
});

describe("compareWithThreshold", () => {
  it.each([
    // A business day is 8 hours (09:00-17:00), so 2d is 960 minutes.
    ["2d", 960, true],
    ["4h", 240, false],
    ["4h1m", 241, true],
    ["30m", 30, false],
  ])("%s against 4h", (duration, minutes, above) => {
    expect(compareWithThreshold(config, duration)).toEqual({ estimateMinutes: minutes, thresholdMinutes: 240, above });
  });

  it("counts a day as the length of the business hours", () => {
    const short = specConfig({ business_hours: { hours: "10:00-12:00" }, project_work: { threshold: "3h" } });
    expect(compareWithThreshold(short, "1d")).toMatchObject({ estimateMinutes: 120, above: false });
    expect(compareWithThreshold(short, "2d")).toMatchObject({ estimateMinutes: 240, above: true });
  });
});

describe("estimates from size labels and forms", () => {
  it("maps a size label, case-insensitively", () => {
    expect(estimateFromSizeLabel(config, "Size: L")).toEqual({ duration: "2d", source: "label", detail: "size: L" });
    expect(estimateFromSizeLabel(config, "bug")).toBeUndefined();
  });

  it("takes the largest of several size labels", () => {
    expect(estimateFromSizeLabels(config, ["size: M", "size: XL", "size: S"])?.duration).toBe("5d");
  });

  it.each([
    ["a duration", "### Estimate\n\n3 d\n", { duration: "3d", source: "form", detail: "3 d" }],
    ["a size by its label", "### Estimate\n\nsize: L\n", { duration: "2d", source: "form", detail: "size: L" }],
    ["a size by its short name", "### Estimate\n\nXL\n", { duration: "5d", source: "form", detail: "XL" }],
    ["an empty field", "### Estimate\n\n_No response_\n", undefined],
    ["something else", "### Estimate\n\nno idea\n", undefined],
    ["no field", "Just text", undefined],
  ])("reads %s from the form", (_name, body, expected) => {
    expect(estimateFromForm(config, body)).toEqual(expected);
  });

  it("prefers the recorded estimate, then a size label, then the form", () => {
    const withBoth = ticket({ labels: ["size: S"], body: "### Estimate\n\n3d" });
    expect(findEstimate(config, withBoth, { duration: "6h", source: "command", detail: "6h" })?.duration).toBe("6h");
    expect(findEstimate(config, withBoth)).toEqual({ duration: "1h", source: "label", detail: "size: S" });
    expect(findEstimate(config, ticket({ body: "### Estimate\n\n3d" }))?.source).toBe("form");
    expect(findEstimate(config, ticket())).toBeUndefined();
  });
});
