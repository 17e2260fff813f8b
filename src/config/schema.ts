import { z } from "zod";
import { explainTimeZone } from "./formats.js";
import { checkDistinctLabels, labelsSchema, type LabelsInput } from "./labels-schema.js";
import { checkPlaceholders, MESSAGE_VARIABLES, type MessageName } from "./placeholders.js";
import { checkPersonKeys } from "./roster.js";
import { team } from "./team-schema.js";
import { date, duration, logins, projectUrl, share, span } from "./value-schemas.js";
import { isValidTimeZone } from "./values.js";

/**
 * The one source of truth for frontdesk.yml: keys, types, defaults and the
 * descriptions that editors show. Everything else (types, JSON Schema, docs)
 * is derived from it.
 */

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

const level = z
  .strictObject({
    name: z.string().trim().min(1).optional().describe('How messages and labels name this level ({{urgency}}); default the key, with spaces for "_" and "-", and capitalised in German (notfall: Notfall).'),
    label: z.string().min(1).optional().describe("The label for this level; default from labels.urgency (\"urgency: <level>\" in English)."),
    keywords: z
      .array(z.string().min(1))
      .default([])
      .describe("Words or phrases (whole words, case-insensitive) in the title or body that mean this level."),
    respond_within: duration.describe("The first response is due this much business time after the ticket arrives."),
    hours: z
      .enum(["business", "always"])
      .default("business")
      .describe(
        "business: the clock runs in business hours. always: a ticket that arrives outside business hours goes to the person on call (team.on_call) as well, and respond_within runs on the wall clock (1h is one hour, 1d is 24 hours).",
      ),
  })
  .describe("One urgency level.");

const DEFAULT_LEVELS = {
  emergency: {
    keywords: ["down", "outage", "offline", "not reachable", "notfall", "nicht erreichbar"],
    respond_within: "1h",
    hours: "business" as const,
  },
  task: { keywords: [], respond_within: "1d", hours: "business" as const },
};

/** A message template, described with the placeholders it knows. */
function template(name: MessageName, what: string) {
  const known = MESSAGE_VARIABLES[name].map((variable) => `{{${variable}}}`).join(", ");
  return z.string().optional().describe(`${what} Placeholders: ${known}.`);
}

const messages = z
  .strictObject({
    acknowledge: template("acknowledge", "The first comment to the client."),
    project_work: template("project_work", "The comment when a ticket becomes project work."),
    back_to_support: template("back_to_support", "The comment when /support makes it a support ticket again."),
    refused: template("refused", "The answer to a command from someone who is not a team member."),
    reminder: template("reminder", "The reminder to the contact before the response is due."),
    escalation: template("escalation", "The comment when the response time has passed."),
  })
  .superRefine((written, ctx) => {
    for (const name of Object.keys(MESSAGE_VARIABLES) as MessageName[]) {
      const text = written[name];
      if (text === undefined) continue;
      for (const problem of checkPlaceholders(name, text)) {
        const hint = problem.suggestion === undefined ? undefined : `did you mean ${problem.suggestion}?`;
        ctx.addIssue({ code: "custom", path: [name], message: problem.detail, params: { needle: problem.written, hint } });
      }
    }
  })
  .describe("Replace built-in messages: text with {{placeholders}}, never code. Each message lists the placeholders it knows.");

/** The keys before `team`, in the order the examples and editors show them. */
const leading = {
  _extends: z
    .string()
    .optional()
    .describe("Inherit from another repository's file: repo, owner/repo or owner/repo:path (GitLab: group/project)."),
  $schema: z.string().optional().describe("The JSON Schema of this file, for editors."),
  client: z.string().optional().describe("The client's name, used in messages; default the repository name."),
  language: z.enum(["en", "de"]).default("en").describe("The language of messages to the client."),
  model: z
    .enum(["support-team", "client-team"])
    .default("support-team")
    .describe("support-team: project work is handed off; client-team: the same team keeps it."),
  enabled: z.boolean().default(true).describe("false pauses frontdesk in this repository."),
  ignore_authors: logins.default([]).describe("Logins whose issues are not tickets."),
};

/** The keys after `team`. */
const trailing = {
  urgency: z
    .strictObject({
      levels: z
        .record(z.string().min(1), level)
        .refine((levels) => Object.keys(levels).length > 0, { error: "at least one level is needed" })
        .default(DEFAULT_LEVELS)
        .describe("Urgency levels, most urgent first. A file that sets levels replaces the inherited levels as a whole."),
      default: z.string().optional().describe("The level when no rule applies; default the least urgent level."),
    })
    // Checked here rather than at the top so it is reported even when other keys are wrong.
    .superRefine((urgency, ctx) => {
      const levels = Object.keys(urgency.levels);
      if (urgency.default !== undefined && !levels.includes(urgency.default)) {
        ctx.addIssue({
          code: "custom",
          path: ["default"],
          message: `"${urgency.default}" is not a level; levels are ${quoteList(levels)}`,
        });
      }
    })
    .prefault({})
    .describe("How urgent a ticket is."),
  routing: z
    .strictObject({
      keywords: z
        .record(z.string().min(1), z.array(z.string().min(1)))
        .default({})
        .describe("function -> words or phrases that route a ticket there. A file that sets keywords replaces the inherited ones as a whole."),
      default: z.string().optional().describe("The function when no rule applies; default the first function."),
    })
    .prefault({})
    .describe("Which function a ticket needs."),
  project_work: z
    .strictObject({
      threshold: duration.default("4h").describe("Estimates above this make a ticket project work."),
      label: z.string().min(1).optional().describe("The label of project work, as labels.project_work (which wins when both are set); default from labels.project_work."),
      board: projectUrl.optional().describe("GitHub Projects v2 board that project work is added to."),
      column: z.string().min(1).optional().describe("The board's Status for new project work."),
      handoff: logins.default([]).describe("support-team model: who takes project work over."),
      sizes: z
        .record(z.string().min(1), duration)
        .default({})
        .describe("Size label -> estimate. A file that sets sizes replaces the inherited sizes as a whole."),
      hints: z
        .array(z.string().min(1))
        .default([])
        .describe('Words or phrases that add the "needs estimate" label at intake.'),
      move_to: z.string().min(1).optional().describe("GitLab only: group/project that project work moves to."),
    })
    .prefault({})
    .describe("Work too large for support."),
  support_board: projectUrl.optional().describe("GitHub Projects v2 board of support tickets, if any."),
  business_hours: z
    .strictObject({
      timezone: z
        .string()
        .refine(isValidTimeZone, { error: (issue) => explainTimeZone(issue.input) })
        .default("UTC")
        .describe("IANA time zone of the business hours and of times shown to the client."),
      days: z
        .array(z.enum(WEEKDAYS))
        .min(1)
        .default(["mon", "tue", "wed", "thu", "fri"])
        .describe("Working days."),
      hours: span
        .default("09:00-17:00")
        .describe('Working hours, "HH:MM-HH:MM" (up to 24:00), start before end.'),
      holidays: z.array(date).default([]).describe("Days without business hours."),
    })
    .prefault({})
    .describe("When the team works."),
  sla: z
    .strictObject({
      remind_at: share
        .default("80%")
        .describe("Remind the contact when this share of the response time has passed: 0% to 100%."),
    })
    .prefault({})
    .describe("Response-time promises."),
  messages: messages.prefault({}),
  labels: labelsSchema,
};

/** The configuration as it reaches the checks across keys; a shared file may lack a team. */
interface CrossInput {
  team?: z.output<typeof team> | undefined;
  routing: { keywords: Record<string, string[]>; default?: string | undefined };
  project_work: { handoff: string[] };
}

/** Routing must name functions the team has; checkable only where the team is known. */
function checkRouting(config: CrossInput, ctx: z.core.$RefinementCtx): void {
  if (config.team === undefined) return;
  const functions = [...new Set([...Object.keys(config.team.functions), ...Object.keys(config.team.bookable)])];
  if (config.routing.default !== undefined && !functions.includes(config.routing.default)) {
    ctx.addIssue({
      code: "custom",
      path: ["routing", "default"],
      message: `"${config.routing.default}" is not a function; functions are ${quoteList(functions)}`,
    });
  }
  for (const name of Object.keys(config.routing.keywords)) {
    if (!functions.includes(name)) {
      ctx.addIssue({
        code: "custom",
        path: ["routing", "keywords", name],
        message: `"${name}" is not a function in team.functions or team.bookable; functions are ${quoteList(functions)}`,
      });
    }
  }
}

/**
 * Per-person keys (team.away, team.on_call) must name someone in the roster.
 * No value-free hint: the login suggested is a value of the file, which check
 * runs must not show.
 */
function checkRoster(config: CrossInput, ctx: z.core.$RefinementCtx): void {
  for (const problem of checkPersonKeys(config as CrossInput & Record<string, unknown>)) {
    ctx.addIssue({ code: "custom", path: problem.path, message: problem.detail, params: { target: "key" } });
  }
}

const DESCRIPTION = "frontdesk configuration: .github/frontdesk.yml or .gitlab/frontdesk.yml";

/**
 * The checks across keys, for both kinds of file. zod skips refinements once
 * any key has an issue; these only need the keys they read intact.
 */
function withCrossKeyChecks<S extends z.ZodType<CrossInput & LabelsInput>>(schema: S): S {
  return schema
    .superRefine(checkRouting, { when: (payload) => !payload.issues.some((issue) => touches(issue, ["team"], ["routing"])) })
    .superRefine(checkRoster, { when: (payload) => !payload.issues.some((issue) => touches(issue, ["team"], ["project_work", "handoff"])) })
    .superRefine(checkDistinctLabels, { when: (payload) => !payload.issues.some((issue) => touches(issue, ["labels"], ["project_work"], ["language"])) });
}

/**
 * A file with the keys that a repository's configuration needs: the file of
 * a client repository (or what it inherits, merged).
 */
export const configSchema = withCrossKeyChecks(z.strictObject({ ...leading, team, ...trailing })).describe(DESCRIPTION);

/**
 * A shared file that repositories inherit with `_extends` (an agency's
 * defaults): the same keys, none required, since each repository sets its
 * own team.
 */
export const sharedConfigSchema = withCrossKeyChecks(z.strictObject({ ...leading, team: team.optional(), ...trailing })).describe(
  `${DESCRIPTION}, shared through _extends`,
);

/** The configuration as written (before defaults). */
export type ConfigInput = z.input<typeof configSchema>;
/** The configuration with every default filled in. */
export type Config = z.output<typeof configSchema>;
/** A shared file with its defaults filled in: a configuration that may lack a team. */
export type SharedConfig = z.output<typeof sharedConfigSchema>;
/** Which schema a file is checked against: a repository's own, or one that repositories inherit. */
export type FileKind = "client" | "shared";
export type Weekday = (typeof WEEKDAYS)[number];
export { WEEKDAYS };

/** The schema for a kind of file. */
export function schemaFor(kind: FileKind): typeof configSchema | typeof sharedConfigSchema {
  return kind === "client" ? configSchema : sharedConfigSchema;
}

/**
 * An issue that leaves a value the cross-key checks read unusable: at the
 * root (other than an unknown key), or under one of `prefixes`. The checks'
 * own findings (a login listed twice) leave the value intact.
 */
function touches(issue: z.core.$ZodRawIssue, ...prefixes: PropertyKey[][]): boolean {
  const path = issue.path ?? [];
  if (path.length === 0) return issue.code !== "unrecognized_keys";
  if (issue.code === "custom") return false;
  return prefixes.some((prefix) => prefix.every((segment, index) => path[index] === segment));
}


function quoteList(values: readonly string[]): string {
  return values.length === 0 ? "(none)" : values.map((value) => `"${value}"`).join(", ");
}
