import { knownFunctions } from "../core/classify.js";
import type { Language } from "../core/messages.js";
import { monthOf, normalMonth, weekOf, weeksOfMonth } from "./month.js";
import { median, percentile, share } from "./stats.js";
import { clientOf, ticketFacts, type PromiseOutcome, type RepositoryInput, type TicketFacts } from "./ticket-facts.js";
import { toTicketRow, type TicketRow } from "./ticket-row.js";

/**
 * The monthly report as data: plain tickets, comments and configurations in,
 * counts, medians and shares out. Pure: the month's tickets were read
 * before, and the time is an argument. Every format renders this.
 */

/** One person's work in the client-team model, where the same people do support and project work. */
export interface PersonSummary {
  login: string;
  /** Support tickets of the month assigned to them. */
  support: number;
  /** Tickets of the month that are project work, assigned to them. */
  projectWork: number;
  supportShare: number | null;
  projectShare: number | null;
  /** Support tickets assigned to them whose promise was missed. */
  late: number;
}

/** The figures of one client, or of the whole agency (`client: "agency"`). */
export interface ClientSummary {
  client: string;
  /** The repositories and projects it covers. */
  repos: string[];
  tickets: number;
  /** Tickets per urgency level, every configured level listed. */
  byUrgency: Record<string, number>;
  /** Tickets per function, every function of the roster listed. */
  byFunction: Record<string, number>;
  /**
   * Minutes from the ticket's opening to the team's first response, in
   * business minutes (wall-clock minutes for `hours: always` levels), over
   * the answered tickets: median and 90th percentile (nearest rank).
   */
  firstResponseMinutes: { median: number | null; p90: number | null; answered: number };
  /** Share (0..1) of the promises decided (kept or missed) that were kept; null when none was decided. */
  withinPromise: number | null;
  promises: Record<PromiseOutcome, number>;
  /** Tickets frontdesk reminded the contact of. */
  reminders: number;
  /** Tickets frontdesk escalated to the leads. */
  escalations: number;
  /** Tickets that are project work. */
  projectWork: number;
  /** Tickets per function booked from the agency pool. */
  booked: Record<string, number>;
  /** Per person, in the client-team model only. */
  people?: PersonSummary[];
}

/** Tickets opened in a week (Monday to Sunday, in each client's zone), per urgency level. */
export interface WeekVolume {
  /** The week's Monday, YYYY-MM-DD. */
  week: string;
  byUrgency: Record<string, number>;
}

/** How many first responses took how long; `upTo` null is the last, open-ended bucket. */
export interface ResponseBucket {
  /** Minutes, inclusive lower bound. */
  from: number;
  /** Minutes, exclusive upper bound; null for no bound. */
  upTo: number | null;
  tickets: number;
}

export interface Report {
  month: string;
  generatedAt: string;
  language: Language;
  clients: ClientSummary[];
  agency: ClientSummary;
  weeks: WeekVolume[];
  firstResponse: { buckets: ResponseBucket[]; unanswered: number };
  tickets: TicketRow[];
  /** Repositories the report could not include, and why. */
  notIncluded: { repo: string; reason: string }[];
}

export interface ReportInput {
  month: string;
  now: Date;
  repositories: readonly RepositoryInput[];
  /** The report's language; default the clients' `language` when they agree, else English. */
  language?: Language;
  notIncluded?: { repo: string; reason: string }[];
}

/** The name of the agency's total in `agency.client`. */
export const AGENCY = "agency";

/** Upper bounds of the first-response buckets in minutes: 1 h, 4 h, 8 h (a business day), 16 h, 40 h (a business week). */
export const BUCKET_BOUNDS = [60, 240, 480, 960, 2400] as const;

/** The report of a month over the repositories' tickets. */
export function computeReport(input: ReportInput): Report {
  // As parseMonth reads it, so " 2026-10" is October too.
  const month = normalMonth(input.month);
  const facts: TicketFacts[] = [];
  for (const repository of input.repositories) {
    const zone = repository.config.business_hours.timezone;
    for (const item of repository.tickets) {
      // Only the month's, in the client's zone, whatever the source listed.
      if (monthOf(item.ticket.createdAt, zone) !== month) continue;
      const found = ticketFacts(repository, item, input.now);
      if (found) facts.push(found);
    }
  }
  facts.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.repo.localeCompare(b.repo) || a.number - b.number);

  const levelsOf = (repos: readonly RepositoryInput[]) => unique(repos.flatMap((repository) => Object.keys(repository.config.urgency.levels)));
  const functionsOf = (repos: readonly RepositoryInput[]) => unique(repos.flatMap((repository) => knownFunctions(repository.config)));
  const byClient = new Map<string, RepositoryInput[]>();
  for (const repository of input.repositories) {
    const key = clientOf(repository.config, repository.repo);
    byClient.set(key, [...(byClient.get(key) ?? []), repository]);
  }
  const clients = [...byClient.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([client, repos]) =>
      summarize(client, repos.map((repository) => repository.repo), facts.filter((fact) => fact.client === client), levelsOf(repos), functionsOf(repos)),
    );
  const levels = levelsOf(input.repositories);
  const agency = summarize(AGENCY, input.repositories.map((repository) => repository.repo), facts, levels, functionsOf(input.repositories));
  return {
    month,
    generatedAt: input.now.toISOString(),
    language: input.language ?? agreedLanguage(input.repositories),
    clients,
    agency,
    weeks: weeklyVolume(month, facts, levels),
    firstResponse: responseBuckets(facts),
    tickets: facts.map(toTicketRow),
    notIncluded: input.notIncluded ?? [],
  };
}

function summarize(client: string, repos: string[], facts: readonly TicketFacts[], levels: string[], functions: string[]): ClientSummary {
  const minutes = facts.flatMap((fact) => (fact.firstResponseMinutes === undefined ? [] : [fact.firstResponseMinutes]));
  const promises: Record<PromiseOutcome, number> = { kept: 0, missed: 0, open: 0, exempt: 0 };
  for (const fact of facts) promises[fact.promise]++;
  const summary: ClientSummary = {
    client,
    repos: [...repos].sort(),
    tickets: facts.length,
    byUrgency: count(levels, facts.map((fact) => fact.urgency)),
    byFunction: count(functions, facts.flatMap((fact) => (fact.function === undefined ? [] : [fact.function]))),
    firstResponseMinutes: { median: median(minutes), p90: percentile(minutes, 90), answered: minutes.length },
    withinPromise: share(promises.kept, promises.kept + promises.missed),
    promises,
    reminders: facts.filter((fact) => fact.reminded).length,
    escalations: facts.filter((fact) => fact.escalated).length,
    projectWork: facts.filter((fact) => fact.projectWork).length,
    booked: count([], facts.flatMap((fact) => fact.booked)),
  };
  const clientTeam = facts.filter((fact) => fact.model === "client-team");
  if (clientTeam.length > 0) summary.people = people(clientTeam);
  return summary;
}

/** Per assignee of client-team tickets: support and project work, and the support tickets that ran late. */
function people(facts: readonly TicketFacts[]): PersonSummary[] {
  const byLogin = new Map<string, PersonSummary>();
  for (const fact of facts) {
    for (const login of unique(fact.assignees.map((name) => name.toLowerCase()))) {
      const person = byLogin.get(login) ?? { login, support: 0, projectWork: 0, supportShare: null, projectShare: null, late: 0 };
      if (fact.projectWork) person.projectWork++;
      else person.support++;
      if (!fact.projectWork && fact.promise === "missed") person.late++;
      byLogin.set(login, person);
    }
  }
  return [...byLogin.values()]
    .map((person) => ({
      ...person,
      supportShare: share(person.support, person.support + person.projectWork),
      projectShare: share(person.projectWork, person.support + person.projectWork),
    }))
    .sort((a, b) => a.login.localeCompare(b.login));
}

function weeklyVolume(month: string, facts: readonly TicketFacts[], levels: string[]): WeekVolume[] {
  const weeks = weeksOfMonth(month).map((week) => ({ week, urgencies: [] as string[] }));
  for (const fact of facts) {
    const week = weeks.find((entry) => entry.week === weekOf(fact.createdAt, fact.zone));
    if (week) week.urgencies.push(fact.urgency);
  }
  return weeks.map(({ week, urgencies }) => ({ week, byUrgency: count(levels, urgencies) }));
}

function responseBuckets(facts: readonly TicketFacts[]): Report["firstResponse"] {
  const bounds = [0, ...BUCKET_BOUNDS];
  const buckets: ResponseBucket[] = bounds.map((from, index) => ({ from, upTo: BUCKET_BOUNDS[index] ?? null, tickets: 0 }));
  let unanswered = 0;
  for (const fact of facts) {
    const minutes = fact.firstResponseMinutes;
    if (minutes === undefined) {
      unanswered++;
      continue;
    }
    const bucket = buckets.find((candidate) => candidate.upTo === null || minutes < candidate.upTo);
    if (bucket) bucket.tickets++;
  }
  return { buckets, unanswered };
}

/** Counts of `values`, with every one of `keys` listed first (0 when absent), then the others as they come. */
function count(keys: readonly string[], values: readonly string[]): Record<string, number> {
  // A Map, then own properties: a level or function named "__proto__" stays a key like any other.
  const counts = new Map<string, number>(keys.map((key) => [key, 0]));
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return Object.fromEntries(counts);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function agreedLanguage(repositories: readonly RepositoryInput[]): Language {
  const languages = unique(repositories.map((repository) => repository.config.language));
  return languages.length === 1 ? (languages[0] as Language) : "en";
}
