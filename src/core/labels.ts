import type { Config } from "../config/schema.js";

/**
 * Every label frontdesk uses, with the colour and description it gets when
 * frontdesk has to create it (SPEC section 4).
 */

export interface LabelSpec {
  name: string;
  color: string;
  description: string;
}

export const SUPPORT_LABEL = "support";
export const NEEDS_ESTIMATE_LABEL = "needs estimate";
export const SLA_BREACHED_LABEL = "sla: breached";

export function functionLabel(name: string): string {
  return `function: ${name}`;
}

export function bookedLabel(name: string): string {
  return `booked: ${name}`;
}

/** The label of an urgency level: the configured one or `urgency: <level>`. */
export function urgencyLabel(config: Config, level: string): string {
  return config.urgency.levels[level]?.label ?? `urgency: ${level}`;
}

const URGENCY_COLORS = ["b60205", "d93f0b", "fbca04", "0e8a16", "c2e0c6"];

/** Colour and description for a label frontdesk is about to add (without a valid configuration too). */
export function describeLabel(config: Config | undefined, name: string): LabelSpec {
  const levels = config ? Object.keys(config.urgency.levels) : [];
  const level = config ? levels.findIndex((key) => urgencyLabel(config, key) === name) : -1;
  if (level >= 0) {
    const color = URGENCY_COLORS[Math.min(level, URGENCY_COLORS.length - 1)] ?? "fbca04";
    return { name, color, description: `frontdesk: urgency level ${levels[level]}` };
  }
  if (name === SUPPORT_LABEL) return { name, color: "1d76db", description: "frontdesk: a support ticket" };
  if (name === (config?.project_work.label ?? "project-work")) {
    return { name, color: "5319e7", description: "frontdesk: too large for support, handled as project work" };
  }
  if (name === NEEDS_ESTIMATE_LABEL) {
    return { name, color: "f9d0c4", description: "frontdesk: may be project work; estimate before starting" };
  }
  if (name === SLA_BREACHED_LABEL) {
    return { name, color: "e11d21", description: "frontdesk: the first response is overdue" };
  }
  if (name.startsWith("booked: ")) {
    return { name, color: "d4c5f9", description: "frontdesk: implementer booked from the agency pool" };
  }
  if (name.startsWith("function: ")) {
    return { name, color: "bfdadc", description: "frontdesk: the skill this ticket needs" };
  }
  return { name, color: "ededed", description: "frontdesk" };
}
