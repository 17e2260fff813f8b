import { describe, expect, it } from "vitest";
import { classifyFunction, classifyUrgency } from "../../src/core/classify.js";
import { specConfig, ticket } from "../helpers/core.js";

const config = specConfig();

describe("classifyUrgency", () => {
  it.each([
    ["a label already on the issue wins", { title: "Website is down!", labels: ["urgency: task"] }, "task", "label", "urgency: task"],
    ["labels compare case-insensitively", { title: "x", labels: ["Urgency: Emergency"] }, "emergency", "label", "urgency: emergency"],
    ["an issue-form field names a level", { title: "x", body: "### Urgency\n\nEmergency\n\n### Details\n\nit is down" }, "emergency", "form", "Emergency"],
    ["an issue-form field names a label", { title: "x", body: "### Urgency\n\nurgency: task\n" }, "task", "form", "urgency: task"],
    ["a form value with an explanation", { title: "down", body: "### Urgency\n\nTask - when you can\n" }, "task", "form", "Task - when you can"],
    ["an empty form field falls through", { title: "The site is down", body: "### Urgency\n\n_No response_\n" }, "emergency", "keyword", "down"],
    ["a keyword in the title", { title: "Website is down!" }, "emergency", "keyword", "down"],
    ["a phrase across a line break", { title: "x", body: "shop is not\nreachable" }, "emergency", "keyword", "not reachable"],
    ["German keyword", { title: "NOTFALL: Seite weg" }, "emergency", "keyword", "notfall"],
    ["whole words only", { title: "Please download the invoice" }, "task", "default", "task"],
    ["no rule: the default", { title: "Change the footer text" }, "task", "default", "task"],
    ["unicode around a keyword", { title: "Shop ist offline‼" }, "emergency", "keyword", "offline"],
  ])("%s", (_name, fields, level, rule, detail) => {
    expect(classifyUrgency(config, ticket(fields))).toEqual({ value: level, rule, detail });
  });

  it("checks levels from most to least urgent", () => {
    const levels = specConfig({
      urgency: {
        levels: {
          emergency: { keywords: ["down"], respond_within: "1h" },
          high: { keywords: ["broken", "down"], respond_within: "4h" },
          task: { respond_within: "1d" },
        },
      },
    });
    expect(classifyUrgency(levels, ticket({ title: "broken and down" })).value).toBe("emergency");
    expect(classifyUrgency(levels, ticket({ title: "broken" })).value).toBe("high");
    expect(classifyUrgency(levels, ticket({ title: "fine" })).value).toBe("task");
  });
});

describe("classifyFunction", () => {
  it.each([
    ["a function label wins", { title: "logo bug", labels: ["function: design"] }, "design", "label"],
    ["a bookable function label", { title: "x", labels: ["function: seo"] }, "seo", "label"],
    ["a form field Function", { title: "logo", body: "### Function\n\nSEO\n" }, "seo", "form"],
    ["a form field Area", { title: "logo", body: "### Area\n\ndesign\n" }, "design", "form"],
    ["routing keywords", { title: "New logo please" }, "design", "keyword"],
    ["a phrase", { title: "Our meta description is wrong" }, "seo", "keyword"],
    ["the default", { title: "Website is down!" }, "development", "default"],
  ])("%s", (_name, fields, name, rule) => {
    expect(classifyFunction(config, ticket(fields))).toMatchObject({ value: name, rule });
  });

  it("defaults to the first function when routing.default is not set", () => {
    const plain = specConfig({ routing: {} });
    expect(classifyFunction(plain, ticket({ title: "hello" }))).toEqual({ value: "development", rule: "default", detail: "development" });
  });

  it("gives no function when the roster has none", () => {
    const bare = specConfig({ team: { contacts: ["alice"] }, routing: {} });
    expect(classifyFunction(bare, ticket({ title: "hello" }))).toBeUndefined();
  });
});
