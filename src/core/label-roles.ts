import type { Config } from "../config/schema.js";
import {
  bookedLabel,
  DESCRIPTIONS,
  functionLabel,
  needsEstimateLabel,
  OWN_DESCRIPTION,
  projectWorkLabel,
  slaBreachedLabel,
  supportLabel,
  urgencyLabel,
} from "./labels.js";
import type { Ticket } from "./types.js";

/**
 * Which of frontdesk's labels a label is, told by its description, which
 * frontdesk wrote when it created the label (`frontdesk: urgency level
 * emergency`): frontdesk's record of its own labels. When the configuration
 * renames a label, tickets still carry the old name until the sweep renames
 * it; the description says what the old name stands for, so that frontdesk
 * keeps recognising it (a ticket with the old support label is triaged, one
 * with the old project-work label is exempt) and knows what to rename it to.
 */

/** What one of frontdesk's labels stands for. */
export type LabelRole =
  | { kind: "support" | "project_work" | "needs_estimate" | "sla_breached" }
  | { kind: "urgency"; level: string }
  | { kind: "function" | "booked"; name: string };

/** One of frontdesk's labels under a name the configuration no longer gives it. */
export interface LabelRename {
  from: string;
  to: string;
}

/** Before the descriptions named the function, the labels were English: `function: <name>`, `booked: <name>`. */
const LEGACY_PREFIX = { function: "function: ", booked: "booked: " } as const;

/**
 * The role of a label from its description; undefined for a label that is
 * not frontdesk's (no `frontdesk:` description, or one frontdesk does not
 * write).
 */
export function roleOf(name: string, description: string | undefined): LabelRole | undefined {
  const text = description?.trim();
  if (text === undefined || !text.startsWith(OWN_DESCRIPTION)) return undefined;
  for (const kind of ["support", "project_work", "needs_estimate", "sla_breached"] as const) {
    if (text === DESCRIPTIONS[kind]) return { kind };
  }
  if (text.startsWith(DESCRIPTIONS.urgency)) {
    const level = text.slice(DESCRIPTIONS.urgency.length).trim();
    return level === "" ? undefined : { kind: "urgency", level };
  }
  for (const kind of ["function", "booked"] as const) {
    if (!text.startsWith(DESCRIPTIONS[kind])) continue;
    const named = /^\((.+)\)$/u.exec(text.slice(DESCRIPTIONS[kind].length).trim())?.[1];
    const legacy = name.toLowerCase().startsWith(LEGACY_PREFIX[kind]) ? name.slice(LEGACY_PREFIX[kind].length).trim() : undefined;
    const fn = named ?? legacy;
    return fn ? { kind, name: fn } : undefined;
  }
  return undefined;
}

/** The name the configuration gives a role now; undefined for a level it no longer has. */
export function labelForRole(config: Config, role: LabelRole): string | undefined {
  switch (role.kind) {
    case "support":
      return supportLabel(config);
    case "project_work":
      return projectWorkLabel(config);
    case "needs_estimate":
      return needsEstimateLabel(config);
    case "sla_breached":
      return slaBreachedLabel(config);
    case "urgency":
      return config.urgency.levels[role.level] === undefined ? undefined : urgencyLabel(config, role.level);
    case "function":
      return functionLabel(config, role.name);
    case "booked":
      return bookedLabel(config, role.name);
  }
}

/**
 * frontdesk's labels on `tickets` whose name is not the one the
 * configuration gives them now, each with the name it should have: one
 * rename per old name, however many tickets carry it. A difference in case
 * alone is a rename too (`support` to `Support`), though frontdesk already
 * treats the two as the same label.
 */
export function findRenames(config: Config, tickets: readonly Ticket[]): LabelRename[] {
  const renames = new Map<string, LabelRename>();
  for (const ticket of tickets) {
    for (const [name, description] of Object.entries(ticket.labelDescriptions ?? {})) {
      if (renames.has(name.toLowerCase()) || !ticket.labels.includes(name)) continue;
      const role = roleOf(name, description);
      const to = role && labelForRole(config, role);
      if (to !== undefined && to !== name) renames.set(name.toLowerCase(), { from: name, to });
    }
  }
  return [...renames.values()];
}

/** A label's current name: the new one when `renames` has it as an old name. */
export function currentLabel(label: string, renames: readonly LabelRename[]): string {
  return renames.find((rename) => rename.from.toLowerCase() === label.toLowerCase())?.to ?? label;
}

/**
 * The ticket as the configuration names its labels now: each old name in
 * `renames` replaced by the new one (once, where the ticket has both).
 */
export function withCurrentLabels(ticket: Ticket, renames: readonly LabelRename[]): Ticket {
  if (renames.length === 0) return ticket;
  const labels: string[] = [];
  for (const label of ticket.labels) {
    const current = currentLabel(label, renames);
    if (!labels.some((kept) => kept.toLowerCase() === current.toLowerCase())) labels.push(current);
  }
  return { ...ticket, labels };
}

/**
 * The descriptions of `labels` that mark them as frontdesk's, by name, for
 * the platforms' mappers; undefined when none does.
 */
export function ownLabelDescriptions(labels: Iterable<{ name: string; description?: string | null | undefined }>): Record<string, string> | undefined {
  const own: Record<string, string> = {};
  for (const label of labels) {
    const description = label.description?.trim();
    if (label.name !== "" && description?.startsWith(OWN_DESCRIPTION)) own[label.name] = description;
  }
  return Object.keys(own).length === 0 ? undefined : own;
}
