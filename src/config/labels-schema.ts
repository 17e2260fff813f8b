import { z } from "zod";
import { checkLabelPlaceholders, LABEL_VARIABLES, type LabelKey } from "./placeholders.js";

/**
 * `labels:`: every label frontdesk writes, renamed in one place. Each key
 * has a default per `language`, so a German desk reads German labels
 * without writing any of them; what a file sets wins. The English defaults
 * are the names frontdesk always had.
 */

/** The languages of `language:` (the schema's enum repeats them). */
type LabelLanguage = "en" | "de";

/** Every label name or pattern, as a language writes it by default. */
export const DEFAULT_LABELS: Readonly<Record<LabelLanguage, Readonly<Record<LabelKey, string>>>> = {
  en: {
    support: "support",
    urgency: "urgency: {{level}}",
    function: "function: {{function}}",
    booked: "booked: {{function}}",
    needs_estimate: "needs estimate",
    project_work: "project-work",
    sla_breached: "sla: breached",
  },
  de: {
    support: "Support",
    urgency: "Dringlichkeit: {{urgency}}",
    function: "Funktion: {{function}}",
    booked: "gebucht: {{function}}",
    needs_estimate: "Schätzung nötig",
    project_work: "Projektarbeit",
    sla_breached: "Frist überschritten",
  },
};

const WHAT: Readonly<Record<LabelKey, string>> = {
  support: "The label of every support ticket.",
  urgency: "The label of an urgency level: {{urgency}} is the level's name (urgency.levels.<level>.name), {{level}} its key. A level's own label (urgency.levels.<level>.label) wins.",
  function: "The label of the function (skill) a ticket needs: {{function}} is the function as team.functions or team.bookable writes it, capitalised in German.",
  booked: "The label of a ticket whose implementer was booked from the agency pool: {{function}} is the function.",
  needs_estimate: "The label of a ticket that may be project work: the team estimates before starting.",
  project_work: "The label of project work. project_work.label says the same; this key wins when both are set.",
  sla_breached: "The label of a ticket whose first response is overdue (the escalation).",
};

/** One label name or pattern, its placeholders checked like a message's. */
function labelName(key: LabelKey) {
  const defaults = `Default: "${DEFAULT_LABELS.en[key]}" (en), "${DEFAULT_LABELS.de[key]}" (de).`;
  const known = LABEL_VARIABLES[key].map((variable) => `{{${variable}}}`).join(", ");
  return z
    .string()
    .trim()
    .min(1)
    .superRefine((pattern, ctx) => {
      for (const problem of checkLabelPlaceholders(key, pattern)) {
        const hint = problem.suggestion === undefined ? undefined : `did you mean ${problem.suggestion}?`;
        ctx.addIssue({ code: "custom", message: problem.detail, params: { needle: problem.written, hint } });
      }
    })
    .optional()
    .describe(`${WHAT[key]} ${known === "" ? "" : `Placeholders: ${known}. `}${defaults}`);
}

export const labelsSchema = z
  .strictObject({
    support: labelName("support"),
    urgency: labelName("urgency"),
    function: labelName("function"),
    booked: labelName("booked"),
    needs_estimate: labelName("needs_estimate"),
    project_work: labelName("project_work"),
    sla_breached: labelName("sla_breached"),
  })
  .prefault({})
  .describe(
    "The names of the labels frontdesk writes, with defaults per language. Renaming one here renames it on the open tickets at the next sweep; until then frontdesk still knows the old name by the label's description (frontdesk: ...).",
  );

/** The one-name labels, which tell a ticket's state apart and so must differ. */
const SINGLE: readonly LabelKey[] = ["support", "needs_estimate", "project_work", "sla_breached"];

/** What the check of distinct labels reads. */
export interface LabelsInput {
  language: LabelLanguage;
  labels: Partial<Record<LabelKey, string | undefined>>;
  project_work: { label?: string | undefined };
}

/**
 * Two of the one-name labels with the same name (`labels.support: project-work`)
 * would make every support ticket project work: an error at the key that set it.
 */
export function checkDistinctLabels(config: LabelsInput, ctx: z.core.$RefinementCtx): void {
  const named = SINGLE.map((key) => {
    const alias = key === "project_work" ? config.project_work.label : undefined;
    const written = config.labels[key] ?? alias;
    const path = config.labels[key] !== undefined ? ["labels", key] : alias !== undefined ? ["project_work", "label"] : undefined;
    return { key, name: written ?? DEFAULT_LABELS[config.language][key], path };
  });
  for (const [index, later] of named.entries()) {
    const earlier = named.slice(0, index).find((other) => other.name.toLowerCase() === later.name.toLowerCase());
    if (earlier === undefined) continue;
    const at = later.path ?? earlier.path;
    const [mine, theirs] = at === later.path ? [later, earlier] : [earlier, later];
    if (at === undefined) continue;
    ctx.addIssue({ code: "custom", path: at, message: `${JSON.stringify(mine.name)} is already the ${theirs.key} label; each of frontdesk's labels needs a name of its own` });
  }
}
