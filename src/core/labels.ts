import { DEFAULT_LABELS } from "../config/labels-schema.js";
import type { LabelKey } from "../config/placeholders.js";
import type { Config } from "../config/schema.js";
import { renderTemplate } from "./templates.js";

/**
 * Every label frontdesk writes, named by the configuration (`labels:`, with
 * defaults per language), with the colour and description it gets when
 * frontdesk has to create it (README: Labels). The description is
 * frontdesk's record of which labels are its own: `frontdesk: ...` names
 * what the label is for, so that a label renamed in the configuration is
 * still known under its old name (see label-roles.ts).
 */

export interface LabelSpec {
  name: string;
  color: string;
  description: string;
}

/** What the label names depend on: a configuration without a valid one is English. */
type Named = Pick<Config, "language" | "labels" | "project_work" | "urgency">;

/** The label name of `key` in `config`: the file's, else the language's default. */
function nameOf(config: Named | undefined, key: LabelKey): string {
  return config?.labels[key] ?? DEFAULT_LABELS[config?.language ?? "en"][key];
}

/** The label of every support ticket (`support`); also without a valid configuration. */
export function supportLabel(config: Named | undefined): string {
  return nameOf(config, "support");
}

/** The label of a ticket that may be project work (`needs estimate`). */
export function needsEstimateLabel(config: Named): string {
  return nameOf(config, "needs_estimate");
}

/** The label of an overdue first response (`sla: breached`). */
export function slaBreachedLabel(config: Named): string {
  return nameOf(config, "sla_breached");
}

/** The label of project work: `labels.project_work`, else `project_work.label`, else the language's default. */
export function projectWorkLabel(config: Named | undefined): string {
  return config?.labels.project_work ?? config?.project_work.label ?? nameOf(config, "project_work");
}

/** The label of a function (`function: development`, `Funktion: Entwicklung`). */
export function functionLabel(config: Named, name: string): string {
  return renderTemplate(nameOf(config, "function"), { function: functionName(config, name) });
}

/** The label of a function booked from the agency pool (`booked: seo`). */
export function bookedLabel(config: Named, name: string): string {
  return renderTemplate(nameOf(config, "booked"), { function: functionName(config, name) });
}

/**
 * A function as labels name it (`{{function}}`): as the roster writes it,
 * with a capital in German, where nouns have one (`entwicklung`:
 * `Entwicklung`; write `SEO` in the roster for `SEO`).
 */
function functionName(config: Named, name: string): string {
  return config.language === "de" ? name.charAt(0).toUpperCase() + name.slice(1) : name;
}

/** The label of an urgency level: the level's own, or the pattern with its name (`urgency: emergency`). */
export function urgencyLabel(config: Named, level: string): string {
  return config.urgency.levels[level]?.label ?? renderTemplate(nameOf(config, "urgency"), { urgency: levelName(config, level), level });
}

/** What German calls frontdesk's default levels, which are English keys. */
const DEFAULT_LEVEL_NAMES: Readonly<Record<Config["language"], Readonly<Record<string, string>>>> = {
  en: {},
  de: { emergency: "Notfall", task: "Aufgabe" },
};

/**
 * How messages and labels name a level (`{{urgency}}`): its `name`, else
 * the key with spaces for `_` and `-`, capitalised in German, where nouns
 * are (`notfall`: `Notfall`). English keeps the key's case, as it always did.
 */
export function levelName(config: Pick<Config, "language" | "urgency">, level: string): string {
  const named = config.urgency.levels[level]?.name;
  if (named !== undefined) return named;
  const known = DEFAULT_LEVEL_NAMES[config.language][level];
  if (known !== undefined) return known;
  const spaced = level.replace(/[_-]+/gu, " ").trim() || level;
  return config.language === "de" ? spaced.charAt(0).toUpperCase() + spaced.slice(1) : spaced;
}

/** What `{{function}}` stands for in `name` under `pattern`, or undefined when the name does not fit it. */
function fillIn(pattern: string, name: string): string | undefined {
  const parts = pattern.split(/\{\{\s*function\s*\}\}/u);
  const [before = "", after = ""] = [parts[0], parts.length > 1 ? parts[parts.length - 1] : undefined];
  if (parts.length < 2) return undefined;
  const lower = name.toLowerCase();
  const fits = name.length > before.length + after.length && lower.startsWith(before.toLowerCase()) && lower.endsWith(after.toLowerCase());
  return fits ? name.slice(before.length, name.length - after.length).trim() || undefined : undefined;
}

const URGENCY_COLORS = ["b60205", "d93f0b", "fbca04", "0e8a16", "c2e0c6"];

/** The description that marks a label as frontdesk's, and says what it is for. */
export const OWN_DESCRIPTION = "frontdesk:";

/** Descriptions of the labels with one name; the level's, the function's and the booking's name what they are for. */
export const DESCRIPTIONS = {
  support: "frontdesk: a support ticket",
  project_work: "frontdesk: too large for support, handled as project work",
  needs_estimate: "frontdesk: may be project work; estimate before starting",
  sla_breached: "frontdesk: the first response is overdue",
  urgency: "frontdesk: urgency level ",
  function: "frontdesk: the skill this ticket needs",
  booked: "frontdesk: implementer booked from the agency pool",
} as const satisfies Record<LabelKey, string>;

/** Colour and description for a label frontdesk is about to add (without a valid configuration too). */
export function describeLabel(config: Config | undefined, name: string): LabelSpec {
  const same = (other: string) => other.toLowerCase() === name.toLowerCase();
  const levels = config ? Object.keys(config.urgency.levels) : [];
  const level = config ? levels.findIndex((key) => same(urgencyLabel(config, key))) : -1;
  if (level >= 0) {
    const color = URGENCY_COLORS[Math.min(level, URGENCY_COLORS.length - 1)] ?? "fbca04";
    return { name, color, description: `${DESCRIPTIONS.urgency}${levels[level]}` };
  }
  if (same(supportLabel(config))) return { name, color: "1d76db", description: DESCRIPTIONS.support };
  if (same(projectWorkLabel(config))) return { name, color: "5319e7", description: DESCRIPTIONS.project_work };
  if (same(nameOf(config, "needs_estimate"))) return { name, color: "f9d0c4", description: DESCRIPTIONS.needs_estimate };
  if (same(nameOf(config, "sla_breached"))) return { name, color: "e11d21", description: DESCRIPTIONS.sla_breached };
  // The function goes into the description: the label's name alone cannot tell it once the pattern changes.
  const booked = (config && functionsOf(config).find((fn) => same(bookedLabel(config, fn)))) ?? fillIn(nameOf(config, "booked"), name);
  if (booked !== undefined) return { name, color: "d4c5f9", description: `${DESCRIPTIONS.booked} (${booked})` };
  const fn = (config && functionsOf(config).find((candidate) => same(functionLabel(config, candidate)))) ?? fillIn(nameOf(config, "function"), name);
  if (fn !== undefined) return { name, color: "bfdadc", description: `${DESCRIPTIONS.function} (${fn})` };
  return { name, color: "ededed", description: "frontdesk" };
}

function functionsOf(config: Config): string[] {
  return [...new Set([...Object.keys(config.team.functions), ...Object.keys(config.team.bookable)])];
}
