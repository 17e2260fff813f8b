import type { PathSegment } from "./errors.js";
import { findNearest } from "./suggest.js";

/**
 * Names checked across the roster: a login listed twice, an absence of
 * someone who is nowhere in the team (`bbo` for `bob`, and bob is assigned
 * while away), and leads or hand-off people outside the roster, which may be
 * deliberate and so are only noted.
 */

/** The parts of a configuration the roster checks read; a shared file may have no team. */
export interface RosterInput {
  team?:
    | {
        contacts: readonly string[];
        functions: Readonly<Record<string, readonly string[]>>;
        bookable: Readonly<Record<string, readonly string[]>>;
        leads: readonly string[];
        agency?: readonly string[] | undefined;
      }
    | undefined;
  project_work?: { handoff: readonly string[] } | undefined;
}

/**
 * A key whose entries name people: the keys of a mapping (`team.away: { bob:
 * [...] }`), the items of a list, or a single login. `*` in the path stands
 * for every entry of a list or mapping (`team.on_call.shifts.*.login`). Each
 * name must be someone of the team (with `agency`, or an agency colleague
 * of `team.agency`), else the setting silently does nothing. A new
 * per-person key is one more entry in {@link PERSON_KEYS}.
 */
export interface PersonKey {
  path: readonly string[];
  names: "keys" | "items" | "value";
  /** Whether logins of `team.agency` count as well. */
  agency?: boolean;
}

export const PERSON_KEYS: readonly PersonKey[] = [
  { path: ["team", "away"], names: "keys" },
  { path: ["team", "on_call", "rotation"], names: "items", agency: true },
  { path: ["team", "on_call", "shifts", "*", "login"], names: "value", agency: true },
];

/** One name that points nowhere, at its key path. */
export interface RosterProblem {
  path: PathSegment[];
  detail: string;
  /** The login suggested, for value-free hints. */
  suggestion: string | undefined;
}

const ROSTER_LISTS = "contacts, functions, bookable, leads, handoff";

/** Everyone frontdesk assigns tickets to: contacts, functions and bookable. */
export function listAssignable(config: RosterInput): string[] {
  const team = config.team;
  if (!team) return [];
  return unique([...team.contacts, ...Object.values(team.functions).flat(), ...Object.values(team.bookable).flat()]);
}

/** Everyone a per-person key may name: the assignable people, the leads and the hand-off people. */
export function listRoster(config: RosterInput): string[] {
  return unique([...listAssignable(config), ...(config.team?.leads ?? []), ...(config.project_work?.handoff ?? [])]);
}

/** Names in per-person keys ({@link PERSON_KEYS}) that are nobody in the roster: errors. */
export function checkPersonKeys(config: RosterInput & Record<string, unknown>, keys: readonly PersonKey[] = PERSON_KEYS): RosterProblem[] {
  if (!config.team) return [];
  const roster = listRoster(config);
  const agency = (config.team.agency ?? []).filter((entry) => !entry.startsWith("@"));
  const problems: RosterProblem[] = [];
  for (const key of keys) {
    const people = key.agency ? [...roster, ...agency] : roster;
    const known = new Set(people.map((login) => login.toLowerCase()));
    const lists = key.agency ? `${ROSTER_LISTS}, agency` : ROSTER_LISTS;
    for (const [path, name] of listNames(config, key)) {
      if (known.has(name.toLowerCase())) continue;
      const nearest = findNearest(name, people);
      const detail =
        nearest === undefined
          ? `"${name}" is not in the roster (${lists}), so this setting changes nothing; add them to the team or remove it`
          : `"${name}" is not in the roster (${lists}); did you mean "${nearest}"?`;
      problems.push({ path, detail, suggestion: nearest });
    }
  }
  return problems;
}

/** Each name a per-person key holds, with its key path; `*` steps into every entry. */
function listNames(config: unknown, key: PersonKey): [PathSegment[], string][] {
  let places: [PathSegment[], unknown][] = [[[], config]];
  for (const segment of key.path) {
    places = places.flatMap(([path, value]): [PathSegment[], unknown][] => {
      if (segment !== "*") return Object.hasOwn(asRecord(value), segment) ? [[[...path, segment], asRecord(value)[segment]]] : [];
      if (Array.isArray(value)) return value.map((item, index) => [[...path, index], item]);
      return Object.entries(asRecord(value)).map(([name, item]) => [[...path, name], item]);
    });
  }
  return places.flatMap(([path, value]): [PathSegment[], string][] => {
    if (key.names === "keys") return Object.keys(asRecord(value)).map((name) => [[...path, name], name]);
    if (key.names === "items") return (Array.isArray(value) ? value : []).map((name, index) => [[...path, index], String(name)]);
    return typeof value === "string" ? [[path, value]] : [];
  });
}

/**
 * Leads and hand-off people whom frontdesk never assigns a ticket: allowed
 * (an agency's head of support, a project team), so `validate` lists them as
 * notes, not errors, with the nearest assignable login in case of a typo.
 */
export function findRosterNotes(config: RosterInput): RosterProblem[] {
  if (!config.team) return [];
  const assignable = listAssignable(config);
  const known = new Set(assignable.map((login) => login.toLowerCase()));
  const lists: [PathSegment[], readonly string[], string][] = [
    [["team", "leads"], config.team.leads, "fine if deliberate, since leads get escalations, not tickets"],
    [["project_work", "handoff"], config.project_work?.handoff ?? [], "fine if deliberate, since project work is handed over to them"],
  ];
  const notes: RosterProblem[] = [];
  for (const [path, logins, why] of lists) {
    logins.forEach((login, index) => {
      if (known.has(login.toLowerCase())) return;
      const nearest = findNearest(login, assignable);
      const guess = nearest === undefined ? "" : `; did you mean "${nearest}"?`;
      notes.push({ path: [...path, index], detail: `"${login}" is not in team.contacts, team.functions or team.bookable: ${why}${guess}`, suggestion: nearest });
    });
  }
  return notes;
}

/** Logins listed more than once (ignoring case, as GitHub and GitLab do): each later one with the index of the first. */
export function findDuplicates(logins: readonly string[]): { index: number; first: number }[] {
  const seen = new Map<string, number>();
  const duplicates: { index: number; first: number }[] = [];
  logins.forEach((login, index) => {
    const key = login.toLowerCase();
    const first = seen.get(key);
    if (first === undefined) seen.set(key, index);
    else duplicates.push({ index, first });
  });
  return duplicates;
}

function unique(logins: readonly string[]): string[] {
  const seen = new Set<string>();
  return logins.filter((login) => {
    const key = login.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
