import type { Config } from "../config/schema.js";
import { findKeyword, hasLabel, readFormField } from "./text-match.js";
import { functionLabel, levelName, urgencyLabel } from "./labels.js";
import type { Ticket } from "./types.js";

/**
 * Urgency and function, each by the first rule that gives an answer
 * (README: How intake decides). Each result says which rule decided, so the
 * reason reaches the log and `frontdesk simulate`.
 */

export type Rule = "label" | "form" | "keyword" | "default";

export interface Classification {
  value: string;
  rule: Rule;
  /** What the rule matched: the label, the form value or the keyword. */
  detail: string;
}

/** The urgency level of a ticket. */
export function classifyUrgency(config: Config, ticket: Ticket): Classification {
  const levels = Object.keys(config.urgency.levels);
  for (const level of levels) {
    const label = urgencyLabel(config, level);
    if (hasLabel(ticket.labels, label)) return { value: level, rule: "label", detail: label };
  }
  const field = readFormField(ticket.body, ["Urgency"]);
  if (field !== undefined) {
    const level = levels.find((name) => namesChoice(field, [name, levelName(config, name), urgencyLabel(config, name)]));
    if (level) return { value: level, rule: "form", detail: field };
  }
  const text = `${ticket.title}\n${ticket.body}`;
  for (const level of levels) {
    const keyword = findKeyword(text, config.urgency.levels[level]?.keywords ?? []);
    if (keyword !== undefined) return { value: level, rule: "keyword", detail: keyword };
  }
  const fallback = config.urgency.default ?? levels[levels.length - 1] ?? "task";
  return { value: fallback, rule: "default", detail: fallback };
}

/** Every function the roster knows: the team's own first, then the bookable pool. */
export function knownFunctions(config: Config): string[] {
  return [...new Set([...Object.keys(config.team.functions), ...Object.keys(config.team.bookable)])];
}

/** The function a ticket needs, or undefined when the roster has none. */
export function classifyFunction(config: Config, ticket: Ticket): Classification | undefined {
  const functions = knownFunctions(config);
  for (const name of functions) {
    const label = functionLabel(config, name);
    if (hasLabel(ticket.labels, label)) return { value: name, rule: "label", detail: label };
  }
  const field = readFormField(ticket.body, ["Function", "Area"]);
  if (field !== undefined) {
    const name = functions.find((candidate) => namesChoice(field, [candidate, functionLabel(config, candidate)]));
    if (name) return { value: name, rule: "form", detail: field };
  }
  const text = `${ticket.title}\n${ticket.body}`;
  for (const [name, keywords] of Object.entries(config.routing.keywords)) {
    const keyword = findKeyword(text, keywords);
    if (keyword !== undefined) return { value: name, rule: "keyword", detail: keyword };
  }
  const fallback = config.routing.default ?? functions[0];
  return fallback === undefined ? undefined : { value: fallback, rule: "default", detail: fallback };
}

/**
 * A form answer names a choice when it is the choice itself, or starts with
 * it followed by a separator ("Emergency - the site is down").
 */
function namesChoice(answer: string, choices: readonly string[]): boolean {
  const value = answer.trim().toLowerCase();
  return choices.some((choice) => {
    const name = choice.toLowerCase();
    return value === name || (value.startsWith(name) && /^[\s:–—(-]/u.test(value.slice(name.length)));
  });
}
