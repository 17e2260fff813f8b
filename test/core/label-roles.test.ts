import { describe, expect, it } from "vitest";
import { currentLabel, findRenames, ownLabelDescriptions, roleOf, withCurrentLabels } from "../../src/core/label-roles.js";
import { describeLabel } from "../../src/core/labels.js";
import type { Config } from "../../src/config/schema.js";
import type { Ticket } from "../../src/core/types.js";
import { specConfig, ticket } from "../helpers/core.js";

/** The spec's English desk, and the same desk once it switched to German (no label names of its own). */
const levels = { emergency: { respond_within: "1h" }, task: { respond_within: "1d" } };
const english = specConfig({ urgency: { levels, default: "task" }, project_work: { threshold: "4h" } });
const german = specConfig({ language: "de", urgency: { levels, default: "task" }, project_work: { threshold: "4h" } });

/** A ticket carrying `names`, described as frontdesk described them under `config` when it created them. */
function carrying(config: Config, names: string[], overrides: Partial<Ticket> = {}): Ticket {
  const labelDescriptions = ownLabelDescriptions(names.map((name) => describeLabel(config, name)));
  return ticket({ labels: names, ...(labelDescriptions ? { labelDescriptions } : {}), ...overrides });
}

const ENGLISH_LABELS = ["support", "urgency: emergency", "function: development", "booked: seo", "needs estimate", "project-work", "sla: breached"];

describe("roleOf: what one of frontdesk's labels is for, from its description", () => {
  it.each([
    ["support", "frontdesk: a support ticket", { kind: "support" }],
    ["urgency: emergency", "frontdesk: urgency level emergency", { kind: "urgency", level: "emergency" }],
    ["Funktion: Entwicklung", "frontdesk: the skill this ticket needs (entwicklung)", { kind: "function", name: "entwicklung" }],
    ["gebucht: seo", "frontdesk: implementer booked from the agency pool (seo)", { kind: "booked", name: "seo" }],
    // Before descriptions named the function, the names were English.
    ["function: design", "frontdesk: the skill this ticket needs", { kind: "function", name: "design" }],
    ["booked: marketing", "frontdesk: implementer booked from the agency pool", { kind: "booked", name: "marketing" }],
    ["Bereich: design", "frontdesk: the skill this ticket needs", undefined],
    ["project-work", "frontdesk: too large for support, handled as project work", { kind: "project_work" }],
    ["needs estimate", "frontdesk: may be project work; estimate before starting", { kind: "needs_estimate" }],
    ["sla: breached", "frontdesk: the first response is overdue", { kind: "sla_breached" }],
    ["support", "Something isn't working", undefined],
    ["support", undefined, undefined],
    ["frontdesk", "frontdesk", undefined],
  ])("%s (%s)", (name, description, role) => {
    expect(roleOf(name, description)).toEqual(role);
  });
});

describe("findRenames: frontdesk's labels whose configured name changed", () => {
  it("renames nothing while the names are the configuration's", () => {
    expect(findRenames(english, [carrying(english, ENGLISH_LABELS)])).toEqual([]);
  });

  it("renames every English label to German when the desk switches language", () => {
    const renames = findRenames(german, [carrying(english, ENGLISH_LABELS)]);
    expect(renames).toEqual([
      { from: "support", to: "Support" },
      { from: "urgency: emergency", to: "Dringlichkeit: Notfall" },
      { from: "function: development", to: "Funktion: Development" },
      { from: "booked: seo", to: "gebucht: Seo" },
      { from: "needs estimate", to: "Schätzung nötig" },
      { from: "project-work", to: "Projektarbeit" },
      { from: "sla: breached", to: "Frist überschritten" },
    ]);
  });

  it("follows a rename in labels: and a level's own label, once per old name however many tickets carry it", () => {
    const renamed = specConfig({ labels: { project_work: "Projekt" }, urgency: { levels: { emergency: { label: "P1", respond_within: "1h" }, task: { respond_within: "1d" } } } });
    const tickets = [carrying(english, ["support", "project-work"], { number: 1 }), carrying(english, ["project-work", "urgency: emergency"], { number: 2 })];
    expect(findRenames(renamed, tickets)).toEqual([
      { from: "project-work", to: "Projekt" },
      { from: "urgency: emergency", to: "P1" },
    ]);
  });

  it("leaves labels alone that are not frontdesk's, and levels the configuration dropped", () => {
    const strangers = ticket({ labels: ["support", "urgency: someday"], labelDescriptions: { "urgency: someday": "frontdesk: urgency level someday" } });
    expect(findRenames(german, [strangers])).toEqual([]);
  });

  it("takes descriptions only of labels the ticket still carries", () => {
    const stale = carrying(english, ["support"], { labels: ["Support"] });
    expect(findRenames(german, [stale])).toEqual([]);
  });
});

describe("withCurrentLabels: the ticket as the configuration names its labels now", () => {
  const renames = [{ from: "support", to: "Support" }, { from: "project-work", to: "Projektarbeit" }];

  it("replaces old names with new ones, once where the ticket carries both", () => {
    const both = ticket({ labels: ["SUPPORT", "Support", "project-work", "question"] });
    expect(withCurrentLabels(both, renames).labels).toEqual(["Support", "Projektarbeit", "question"]);
    expect(currentLabel("Project-Work", renames)).toBe("Projektarbeit");
    expect(currentLabel("question", renames)).toBe("question");
  });

  it("returns the ticket itself when nothing is renamed", () => {
    const plain = ticket({ labels: ["support"] });
    expect(withCurrentLabels(plain, [])).toBe(plain);
  });
});
