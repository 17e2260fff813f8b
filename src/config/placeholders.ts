import { findNearest } from "./suggest.js";

/**
 * The placeholders each configurable message is filled with, so that a typo
 * such as `{{contakt}}` is an error at its line and column instead of text
 * the client reads. The lists mirror what the core passes to `messageFor`
 * (plan-intake.ts, plan-project.ts, plan-refusal.ts, plan-sweep.ts); a test
 * holds them to the built-in messages, which use the same values.
 */
export const MESSAGE_VARIABLES = {
  acknowledge: ["client", "contact", "implementer", "urgency", "due", "function"],
  project_work: ["client", "contact", "estimate", "threshold", "handoff", "function"],
  back_to_support: ["client", "contact", "due", "function"],
  refused: ["client", "contact", "command"],
  reminder: ["client", "contact", "implementer", "urgency", "due", "function", "leads"],
  escalation: ["client", "contact", "implementer", "urgency", "due", "function", "leads"],
} as const satisfies Record<string, readonly string[]>;

/** A message a team lead may replace. */
export type MessageName = keyof typeof MESSAGE_VARIABLES;

/** `{{name}}` with optional blanks inside the braces, as the core's renderTemplate reads it. */
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/gu;

/** Braces around a name that are not exactly two on each side: `{contact}`, `{{contact}`, `{{{due}}}`. */
const NEAR_PLACEHOLDER = /\{+\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}*/gu;

/** One placeholder a message does not know, as written. */
export interface PlaceholderProblem {
  /** The text as written, to find it in the file: `{{contakt}}`. */
  written: string;
  /** What is wrong and what to write instead. */
  detail: string;
  /** The placeholder suggested, for value-free hints: `{{contact}}`. */
  suggestion: string | undefined;
}

/**
 * The placeholders of each label pattern in `labels:`: an urgency level's
 * label names the level by its display name (`{{urgency}}`) or its key
 * (`{{level}}`), a function's and a booking's by the function. The other
 * labels are one name each, with no placeholder.
 */
export const LABEL_VARIABLES = {
  support: [],
  urgency: ["urgency", "level"],
  function: ["function"],
  booked: ["function"],
  needs_estimate: [],
  project_work: [],
  sla_breached: [],
} as const satisfies Record<string, readonly string[]>;

/** A label of `labels:`. */
export type LabelKey = keyof typeof LABEL_VARIABLES;

/**
 * The placeholders in `template` that message `name` does not fill, each
 * with a suggestion: the nearest known one, or where the placeholder belongs
 * when it is another message's.
 */
export function checkPlaceholders(name: MessageName, template: string): PlaceholderProblem[] {
  return checkTemplate(template, MESSAGE_VARIABLES[name], MESSAGE_VARIABLES, "message");
}

/**
 * The same for a label pattern of `labels:`, and one more: a pattern shared
 * by many labels (a level's, a function's) must name what tells them apart,
 * or every function would get the same label.
 */
export function checkLabelPlaceholders(key: LabelKey, pattern: string): PlaceholderProblem[] {
  const known: readonly string[] = LABEL_VARIABLES[key];
  const problems = checkTemplate(pattern, known, LABEL_VARIABLES, "label");
  if (problems.length > 0 || known.length === 0) return problems;
  const used = [...pattern.matchAll(PLACEHOLDER)].map(([, variable = ""]) => variable);
  if (used.some((variable) => known.includes(variable))) return problems;
  const choices = known.map((variable) => `{{${variable}}}`).join(" or ");
  return [{ written: pattern, detail: `${JSON.stringify(pattern)} needs ${choices}, or every ${key === "urgency" ? "level" : "function"} gets the same label`, suggestion: `{{${known[0]}}}` }];
}

/** The placeholders in `template` outside `known`; `catalogue` tells where another one belongs. */
function checkTemplate(template: string, known: readonly string[], catalogue: Readonly<Record<string, readonly string[]>>, noun: "message" | "label"): PlaceholderProblem[] {
  const knows = known.length === 0 ? `this ${noun} has no placeholders` : `this ${noun} knows ${known.map((variable) => `{{${variable}}}`).join(", ")}`;
  const problems: PlaceholderProblem[] = [];
  for (const [written, variable = ""] of template.matchAll(PLACEHOLDER)) {
    if (known.includes(variable)) continue;
    const elsewhere = Object.keys(catalogue).filter((other) => (catalogue[other] ?? []).includes(variable));
    const quoted = JSON.stringify(written);
    if (elsewhere.length > 0) {
      problems.push({ written, detail: `${quoted} is not a placeholder of this ${noun} (only of ${elsewhere.join(", ")}); ${knows}`, suggestion: undefined });
      continue;
    }
    const nearest = findNearest(variable, known);
    const suggestion = nearest === undefined ? undefined : `{{${nearest}}}`;
    const detail = suggestion === undefined ? `${quoted} is not a placeholder; ${knows}` : `${quoted} is not a placeholder; did you mean ${suggestion}? ${capitalize(knows)}`;
    problems.push({ written, detail, suggestion });
  }
  // What is left once the real placeholders are blanked out: braces that are not two on each side.
  const rest = template.replace(PLACEHOLDER, (placeholder) => " ".repeat(placeholder.length));
  for (const [written, variable = ""] of rest.matchAll(NEAR_PLACEHOLDER)) {
    const doubled = written.includes("{{") || written.includes("}}");
    const exact = known.find((candidate) => candidate.toLowerCase() === variable.toLowerCase());
    // A lone `{word}` is ordinary text (a code sample, say) unless the word is this template's placeholder.
    if (!doubled && exact === undefined) continue;
    const nearest = exact ?? findNearest(variable, known);
    const suggestion = nearest === undefined ? undefined : `{{${nearest}}}`;
    const quoted = JSON.stringify(written.trimEnd());
    const detail =
      suggestion === undefined
        ? `${quoted} is not a placeholder: a placeholder has two braces on each side; ${knows}`
        : `${quoted} is not a placeholder: write ${suggestion}, with two braces on each side`;
    problems.push({ written: written.trimEnd(), detail, suggestion });
  }
  return problems;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
