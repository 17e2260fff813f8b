import { describe, expect, it } from "vitest";
import { bookedLabel, describeLabel, functionLabel, urgencyLabel } from "../../src/core/labels.js";
import { specConfig } from "../helpers/core.js";

const config = specConfig();
/** Three levels: the first two with the spec's labels, the third without a label of its own. */
const threeLevels = specConfig({
  project_work: { ...config.project_work, label: "Projekt" },
  urgency: { ...config.urgency, levels: { ...config.urgency.levels, later: { keywords: [], respond_within: "5d" } } },
});

describe("label names", () => {
  it.each([
    ["a level's configured label", urgencyLabel(config, "emergency"), "urgency: emergency"],
    ["a level without a label", urgencyLabel(threeLevels, "later"), "urgency: later"],
    ["a level the configuration lacks", urgencyLabel(config, "someday"), "urgency: someday"],
    ["a function", functionLabel("seo"), "function: seo"],
    ["a booking", bookedLabel("marketing"), "booked: marketing"],
  ])("%s", (_name, actual, expected) => {
    expect(actual).toBe(expected);
  });
});

describe("describeLabel: colour and description of a label frontdesk creates", () => {
  it.each<[string, Parameters<typeof describeLabel>[0], string, string, string]>([
    ["the most urgent level", config, "urgency: emergency", "b60205", "frontdesk: urgency level emergency"],
    ["the second level", config, "urgency: task", "d93f0b", "frontdesk: urgency level task"],
    ["a level by its default label", threeLevels, "urgency: later", "fbca04", "frontdesk: urgency level later"],
    ["support", config, "support", "1d76db", "frontdesk: a support ticket"],
    ["project work under its configured name", threeLevels, "Projekt", "5319e7", "frontdesk: too large for support, handled as project work"],
    ["project-work once renamed is nothing special", threeLevels, "project-work", "ededed", "frontdesk"],
    ["needs estimate", config, "needs estimate", "f9d0c4", "frontdesk: may be project work; estimate before starting"],
    ["sla: breached", config, "sla: breached", "e11d21", "frontdesk: the first response is overdue"],
    ["a booking", config, "booked: seo", "d4c5f9", "frontdesk: implementer booked from the agency pool"],
    ["a function", config, "function: design", "bfdadc", "frontdesk: the skill this ticket needs"],
    ["anything else", config, "question", "ededed", "frontdesk"],
    ["without a configuration: support", undefined, "support", "1d76db", "frontdesk: a support ticket"],
    ["without a configuration: the default project-work", undefined, "project-work", "5319e7", "frontdesk: too large for support, handled as project work"],
    ["without a configuration an urgency label is unknown", undefined, "urgency: emergency", "ededed", "frontdesk"],
  ])("%s", (_name, withConfig, name, color, description) => {
    expect(describeLabel(withConfig, name)).toEqual({ name, color, description });
  });
});
