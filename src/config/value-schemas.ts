import { z } from "zod";
import {
  DATE_OR_RANGE_PATTERN,
  DATE_PATTERN,
  DURATION_PATTERN,
  explainDate,
  explainDateOrRange,
  explainDuration,
  explainHours,
  explainPercent,
  HOURS_PATTERN,
  PERCENT_PATTERN,
} from "./formats.js";
import { findDuplicates } from "./roster.js";
import { parseDateRange, parseHours } from "./values.js";

/**
 * The schemas of single values in frontdesk.yml (logins, durations, dates,
 * boards), shared by the keys of schema.ts. Written forms are regexes, so
 * that the JSON Schema carries them as patterns for editors.
 */

export const LOGIN = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,254}$/;

export const login = z
  .string()
  // A regex rather than a refine, so that the JSON Schema carries it as a pattern for editors.
  .regex(LOGIN, {
    error: (issue) =>
      typeof issue.input === "string" && issue.input.startsWith("@")
        ? `"${issue.input}" is not a login: write it without the "@"`
        : `${JSON.stringify(issue.input)} cannot be a login (letters, digits, "-", "_" and ".")`,
  })
  .describe("A GitHub login or GitLab username, without @.");

/** A list of logins, each at most once: a second `alice` is a mistake that only looks harmless. */
export const logins = z.array(login).superRefine(rejectDuplicates);

/** `@org/team-slug`: a GitHub organisation team. */
const TEAM_SLUG = /^@[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

export const agencyMember = z
  .string()
  .regex(new RegExp(`(${LOGIN.source})|(${TEAM_SLUG.source})`), {
    error: (issue) =>
      `${JSON.stringify(issue.input)} is neither a login (letters, digits, "-", "_" and ".", no "@") nor a GitHub team written as @org/team-slug`,
  })
  .describe("A login, or on GitHub an organisation team as @org/team-slug.");

/**
 * Text of a written form (a duration, a date): the form is a regex, so that
 * the JSON Schema carries it as a pattern for editors, and a number where
 * text belongs gets the same explanation (`80` for `80%`, `4` for `4h`).
 */
export function formatted(pattern: RegExp, explain: (value: unknown) => string) {
  return z
    .string({ error: (issue) => (typeof issue.input === "number" ? explain(issue.input) : undefined) })
    .regex(pattern, { error: (issue) => explain(issue.input) });
}

export const duration = formatted(DURATION_PATTERN, explainDuration).describe(
  "A duration in business time: 30m, 4h, 2d (a day is one business day), or parts like 1d4h.",
);

export const date = formatted(DATE_PATTERN, explainDate).describe("A calendar date, YYYY-MM-DD.");

export const dateOrRange = formatted(DATE_OR_RANGE_PATTERN, explainDateOrRange)
  // The pattern cannot compare the two days; a range that is no range at all is the pattern's to report.
  .refine((value) => !DATE_OR_RANGE_PATTERN.test(value) || !value.includes("..") || parseDateRange(value) !== undefined, {
    error: (issue) => explainDateOrRange(issue.input),
  })
  .describe("A date YYYY-MM-DD or an inclusive range YYYY-MM-DD..YYYY-MM-DD.");

const PROJECT_URL = /^https?:\/\/[^/\s]+\/(orgs|users)\/[A-Za-z0-9-]+\/projects\/\d+\/?$/;

export const projectUrl = z
  .string()
  .regex(PROJECT_URL, {
    error: (issue) =>
      `${JSON.stringify(issue.input)} is not a Projects v2 URL: use https://github.com/orgs/<org>/projects/<number> or https://github.com/users/<user>/projects/<number>`,
  })
  .describe("A GitHub Projects v2 board: https://github.com/orgs/<org>/projects/<n> or /users/<user>/projects/<n>.");

/** Working hours, "HH:MM-HH:MM"; only the parser can compare the two times. */
export const span = formatted(HOURS_PATTERN, explainHours).refine((value) => !HOURS_PATTERN.test(value) || parseHours(value) !== undefined, {
  error: (issue) => explainHours(issue.input),
});

/** A share of the response time: 0% to 100%. */
export const share = formatted(PERCENT_PATTERN, explainPercent);

/** An issue for each login listed a second time (ignoring case). */
export function rejectDuplicates(logins: readonly string[], ctx: z.core.$RefinementCtx): void {
  for (const { index, first } of findDuplicates(logins)) {
    const where = logins[first] === logins[index] ? `at [${first}]` : `as "${logins[first]}" at [${first}] (logins ignore case)`;
    ctx.addIssue({ code: "custom", path: [index], message: `"${logins[index]}" is listed twice, first ${where}; remove one` });
  }
}
