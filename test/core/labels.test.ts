import { describe, expect, it } from "vitest";
import {
  bookedLabel,
  describeLabel,
  functionLabel,
  levelName,
  needsEstimateLabel,
  projectWorkLabel,
  slaBreachedLabel,
  supportLabel,
  urgencyLabel,
} from "../../src/core/labels.js";
import type { Config } from "../../src/config/schema.js";
import { specConfig } from "../helpers/core.js";

const config = specConfig();
/** Three levels: the first two with the spec's labels, the third without a label of its own. */
const threeLevels = specConfig({
  project_work: { ...config.project_work, label: "Projekt" },
  urgency: { ...config.urgency, levels: { ...config.urgency.levels, later: { keywords: [], respond_within: "5d" } } },
});
/** The spec's file as a German desk writes it: its own levels, no labels of their own, nothing in `labels:`. */
const german = specConfig({
  language: "de",
  urgency: { levels: { notfall: { respond_within: "1h" }, kleine_aufgabe: { respond_within: "1d" } } },
  project_work: { threshold: "4h" },
});
/** English defaults, with the spec's levels but without their labels. */
const english = specConfig({ urgency: { levels: { emergency: { respond_within: "1h" }, "high-priority": { respond_within: "4h" } } }, project_work: { threshold: "4h" } });

/** Every label of a desk, in the order of `labels:`. */
function names(of: Config, level: string): string[] {
  return [supportLabel(of), urgencyLabel(of, level), functionLabel(of, "development"), bookedLabel(of, "seo"), needsEstimateLabel(of), projectWorkLabel(of), slaBreachedLabel(of)];
}

describe("label names", () => {
  it("are in English as they always were, by default", () => {
    expect(names(english, "emergency")).toEqual(["support", "urgency: emergency", "function: development", "booked: seo", "needs estimate", "project-work", "sla: breached"]);
    expect(urgencyLabel(english, "high-priority")).toBe("urgency: high-priority");
    expect(supportLabel(undefined)).toBe("support");
  });

  it("are in German for a German desk, the level by its name", () => {
    expect(names(german, "notfall")).toEqual(["Support", "Dringlichkeit: Notfall", "Funktion: Development", "gebucht: Seo", "Schätzung nötig", "Projektarbeit", "Frist überschritten"]);
    expect(urgencyLabel(german, "kleine_aufgabe")).toBe("Dringlichkeit: Kleine aufgabe");
  });

  it("follow labels: where the file sets it, and keep a level's own label and project_work.label", () => {
    const renamed = specConfig({
      language: "de",
      labels: { support: "Anfrage", urgency: "Stufe {{level}} ({{urgency}})", function: "{{function}}", booked: "Pool: {{ function }}", sla_breached: "zu spät" },
    });
    expect(names(renamed, "emergency")).toEqual(["Anfrage", "urgency: emergency", "Development", "Pool: Seo", "Schätzung nötig", "project-work", "zu spät"]);
    const levelWithoutLabel = specConfig({ language: "de", labels: { urgency: "Stufe {{level}} ({{urgency}})" }, urgency: { levels: { emergency: { respond_within: "1h" } } } });
    expect(urgencyLabel(levelWithoutLabel, "emergency")).toBe("Stufe emergency (Notfall)");
    expect(projectWorkLabel(specConfig({ labels: { project_work: "Projekt" } }))).toBe("Projekt");
  });
});

describe("levelName: how messages name a level ({{urgency}})", () => {
  it.each<[string, Config, string, string]>([
    ["English keeps the key", english, "emergency", "emergency"],
    ["English spaces a key's dashes", english, "high-priority", "high priority"],
    ["German capitalises, as nouns are", german, "notfall", "Notfall"],
    ["German spaces a key's underscores", german, "kleine_aufgabe", "Kleine aufgabe"],
    ["German names the default levels in German", specConfig({ language: "de", urgency: {} }), "task", "Aufgabe"],
    ["a level's name wins", specConfig({ urgency: { levels: { p1: { name: "Critical", respond_within: "1h" } } } }), "p1", "Critical"],
  ])("%s", (_name, of, level, expected) => {
    expect(levelName(of, level)).toBe(expected);
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
    ["a booking, with its function", config, "booked: seo", "d4c5f9", "frontdesk: implementer booked from the agency pool (seo)"],
    ["a function, with its name", config, "function: design", "bfdadc", "frontdesk: the skill this ticket needs (design)"],
    ["anything else", config, "question", "ededed", "frontdesk"],
    ["German support", german, "Support", "1d76db", "frontdesk: a support ticket"],
    ["a German level: the description names its key", german, "Dringlichkeit: Notfall", "b60205", "frontdesk: urgency level notfall"],
    ["a German function: the description names its key", german, "Funktion: Design", "bfdadc", "frontdesk: the skill this ticket needs (design)"],
    ["a German booking", german, "gebucht: Seo", "d4c5f9", "frontdesk: implementer booked from the agency pool (seo)"],
    ["German project work", german, "Projektarbeit", "5319e7", "frontdesk: too large for support, handled as project work"],
    ["German needs estimate", german, "Schätzung nötig", "f9d0c4", "frontdesk: may be project work; estimate before starting"],
    ["without a configuration: support", undefined, "support", "1d76db", "frontdesk: a support ticket"],
    ["without a configuration: the default project-work", undefined, "project-work", "5319e7", "frontdesk: too large for support, handled as project work"],
    ["without a configuration an urgency label is unknown", undefined, "urgency: emergency", "ededed", "frontdesk"],
  ])("%s", (_name, withConfig, name, color, description) => {
    expect(describeLabel(withConfig, name)).toEqual({ name, color, description });
  });
});
