import { z } from "zod";
import { isValidDate, isValidDuration, isValidTimeZone, parseDateRange, parseHours } from "./values.js";

/**
 * The one source of truth for frontdesk.yml: keys, types, defaults and the
 * descriptions that editors show. Everything else (types, JSON Schema, docs)
 * is derived from it.
 */

const LOGIN = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,254}$/;

const login = z
  .string()
  // A regex rather than a refine, so that the JSON Schema carries it as a pattern for editors.
  .regex(LOGIN, {
    error: (issue) =>
      typeof issue.input === "string" && issue.input.startsWith("@")
        ? `"${issue.input}" is not a login: write it without the "@"`
        : `${JSON.stringify(issue.input)} cannot be a login (letters, digits, "-", "_" and ".")`,
  })
  .describe("A GitHub login or GitLab username, without @.");

const logins = z.array(login);

/** `@org/team-slug`: a GitHub organisation team. */
const TEAM_SLUG = /^@[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

const agencyMember = z
  .string()
  .regex(new RegExp(`(${LOGIN.source})|(${TEAM_SLUG.source})`), {
    error: (issue) =>
      `${JSON.stringify(issue.input)} is neither a login (letters, digits, "-", "_" and ".", no "@") nor a GitHub team written as @org/team-slug`,
  })
  .describe("A login, or on GitHub an organisation team as @org/team-slug.");

const duration = z
  .string()
  .refine(isValidDuration, {
    error: (issue) => `${JSON.stringify(issue.input)} is not a duration: use 30m, 4h or 2d (d is one business day)`,
  })
  .describe("A duration in business time: 30m, 4h, 2d (a day is one business day), or parts like 1d4h.");

const date = z
  .string()
  .refine(isValidDate, {
    error: (issue) => `${JSON.stringify(issue.input)} is not a date: use YYYY-MM-DD`,
  })
  .describe("A calendar date, YYYY-MM-DD.");

const dateOrRange = z
  .string()
  .refine((value) => isValidDate(value) || parseDateRange(value) !== undefined, {
    error: (issue) =>
      `${JSON.stringify(issue.input)} is not a date or range: use YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD (start before end)`,
  })
  .describe("A date YYYY-MM-DD or an inclusive range YYYY-MM-DD..YYYY-MM-DD.");

const PROJECT_URL = /^https?:\/\/[^/\s]+\/(orgs|users)\/[A-Za-z0-9-]+\/projects\/\d+\/?$/;

const projectUrl = z
  .string()
  .regex(PROJECT_URL, {
    error: (issue) =>
      `${JSON.stringify(issue.input)} is not a Projects v2 URL: use https://github.com/orgs/<org>/projects/<number> or https://github.com/users/<user>/projects/<number>`,
  })
  .describe("A GitHub Projects v2 board: https://github.com/orgs/<org>/projects/<n> or /users/<user>/projects/<n>.");

const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

const level = z
  .strictObject({
    label: z.string().min(1).optional().describe('The label for this level; default "urgency: <level>".'),
    keywords: z
      .array(z.string().min(1))
      .default([])
      .describe("Words or phrases (whole words, case-insensitive) in the title or body that mean this level."),
    respond_within: duration.describe("The first response is due this much business time after the ticket arrives."),
  })
  .describe("One urgency level.");

const DEFAULT_LEVELS = {
  emergency: {
    label: "urgency: emergency",
    keywords: ["down", "outage", "offline", "not reachable", "notfall", "nicht erreichbar"],
    respond_within: "1h",
  },
  task: { label: "urgency: task", keywords: [], respond_within: "1d" },
};

const messages = z
  .strictObject({
    acknowledge: z.string().optional().describe("The first comment to the client."),
    project_work: z.string().optional().describe("The comment when a ticket becomes project work."),
    back_to_support: z.string().optional().describe("The comment when /support makes it a support ticket again."),
    refused: z.string().optional().describe("The answer to a command from someone who is not a team member."),
    reminder: z.string().optional().describe("The reminder to the contact before the response is due."),
    escalation: z.string().optional().describe("The comment when the response time has passed."),
  })
  .describe(
    "Replace built-in messages. Templates know {{client}}, {{contact}}, {{implementer}}, {{urgency}}, {{due}}, {{estimate}}, {{threshold}}, {{handoff}}, {{function}}.",
  );

export const configSchema = z
  .strictObject({
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
    team: z
      .strictObject({
        contacts: logins.min(1).describe("The communication layer: who talks to the client and owns the ticket."),
        functions: z
          .record(z.string().min(1), logins.min(1))
          .default({})
          .describe("The implementation layer: function -> logins."),
        bookable: z
          .record(z.string().min(1), logins.min(1))
          .default({})
          .describe("The agency pool for functions this team lacks: function -> logins."),
        leads: logins.default([]).describe("Who escalations go to."),
        away: z
          .record(login, z.array(dateOrRange))
          .default({})
          .describe("Absences per login: dates or inclusive ranges."),
        capacity: z
          .int()
          .positive()
          .default(10)
          .describe("Open tickets in this repository a person may hold before being skipped."),
        agency: z
          .array(agencyMember)
          .default([])
          .describe(
            "Agency colleagues who are not in this client's roster but may run commands and answer tickets: logins, or on GitHub @org/team-slug. Everyone outside the roster and this list is the client side.",
          ),
      })
      .describe("The roster."),
    urgency: z
      .strictObject({
        levels: z
          .record(z.string().min(1), level)
          .refine((levels) => Object.keys(levels).length > 0, { error: "at least one level is needed" })
          .default(DEFAULT_LEVELS)
          .describe("Urgency levels, most urgent first."),
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
          .describe("function -> words or phrases that route a ticket there."),
        default: z.string().optional().describe("The function when no rule applies; default the first function."),
      })
      .prefault({})
      .describe("Which function a ticket needs."),
    project_work: z
      .strictObject({
        threshold: duration.default("4h").describe("Estimates above this make a ticket project work."),
        label: z.string().min(1).default("project-work").describe("The label of project work."),
        board: projectUrl.optional().describe("GitHub Projects v2 board that project work is added to."),
        column: z.string().min(1).optional().describe("The board's Status for new project work."),
        handoff: logins.default([]).describe("support-team model: who takes project work over."),
        sizes: z.record(z.string().min(1), duration).default({}).describe("Size label -> estimate."),
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
          .refine(isValidTimeZone, {
            error: (issue) => `${JSON.stringify(issue.input)} is not an IANA time zone (for example Europe/Berlin)`,
          })
          .default("UTC")
          .describe("IANA time zone of the business hours and of times shown to the client."),
        days: z
          .array(z.enum(WEEKDAYS))
          .min(1)
          .default(["mon", "tue", "wed", "thu", "fri"])
          .describe("Working days."),
        hours: z
          .string()
          .refine((value) => parseHours(value) !== undefined, {
            error: (issue) => `${JSON.stringify(issue.input)} is not a span of hours: use "09:00-17:00" (start before end)`,
          })
          .default("09:00-17:00")
          .describe('Working hours, "HH:MM-HH:MM".'),
        holidays: z.array(date).default([]).describe("Days without business hours."),
      })
      .prefault({})
      .describe("When the team works."),
    sla: z
      .strictObject({
        remind_at: z
          .string()
          .regex(/^(100|[1-9]?\d)%$/, { error: (issue) => `${JSON.stringify(issue.input)} is not a share: use 80%` })
          .default("80%")
          .describe("Remind the contact when this share of the response time has passed."),
      })
      .prefault({})
      .describe("Response-time promises."),
    messages: messages.prefault({}),
  })
  .superRefine(
    (config, ctx) => {
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
    },
    // zod skips refinements once any key has an issue; these only need team and routing intact.
    { when: (payload) => !payload.issues.some(isRoutingInputIssue) },
  )
  .describe("frontdesk configuration: .github/frontdesk.yml or .gitlab/frontdesk.yml");

/** The configuration as written (before defaults). */
export type ConfigInput = z.input<typeof configSchema>;
/** The configuration with every default filled in. */
export type Config = z.output<typeof configSchema>;
export type Weekday = (typeof WEEKDAYS)[number];
export { WEEKDAYS };

/** An issue that leaves team or routing (or the whole file) unusable for the routing checks. */
function isRoutingInputIssue(issue: z.core.$ZodRawIssue): boolean {
  const [head] = issue.path ?? [];
  if (head === undefined) return issue.code !== "unrecognized_keys";
  return head === "team" || head === "routing";
}

function quoteList(values: readonly string[]): string {
  return values.length === 0 ? "(none)" : values.map((value) => `"${value}"`).join(", ");
}
