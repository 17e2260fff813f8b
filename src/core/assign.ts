import type { Config } from "../config/schema.js";
import { isWithinDates } from "../config/values.js";
import type { OpenTickets } from "./types.js";

/**
 * Picking people (SPEC section 2, step 4): skip who is away today or at
 * capacity, take the fewest open tickets, and rotate ties deterministically
 * by the ticket number so that work is spread without any stored state.
 */

export type SkipReason = "away" | "at capacity";

export interface Skipped {
  login: string;
  reason: SkipReason;
  openTickets: number;
}

export interface Pick {
  login?: string;
  /** Who was considered, with their open tickets, in roster order. */
  candidates: { login: string; openTickets: number }[];
  skipped: Skipped[];
}

export interface PickInput {
  config: Config;
  candidates: readonly string[];
  openTickets: OpenTickets;
  /** Today in the configured time zone, YYYY-MM-DD. */
  today: string;
  /** Spreads ties: the ticket number. */
  seed: number;
}

export function pickPerson({ config, candidates, openTickets, today, seed }: PickInput): Pick {
  const skipped: Skipped[] = [];
  const available: { login: string; openTickets: number }[] = [];
  for (const login of new Set(candidates)) {
    const count = openTickets[login.toLowerCase()] ?? 0;
    if (isWithinDates(today, config.team.away[login] ?? [])) skipped.push({ login, reason: "away", openTickets: count });
    else if (count >= config.team.capacity) skipped.push({ login, reason: "at capacity", openTickets: count });
    else available.push({ login, openTickets: count });
  }
  const fewest = Math.min(...available.map((candidate) => candidate.openTickets));
  const tied = available.filter((candidate) => candidate.openTickets === fewest);
  const login = tied.length > 0 ? tied[Math.abs(seed) % tied.length]?.login : undefined;
  return { login, candidates: available, skipped };
}

export interface Assignment {
  contact: Pick;
  implementer: Pick;
  /** The implementer came from the agency pool: the ticket gets `booked: <function>`. */
  booked: boolean;
}

/** One contact and one implementer for the function, booked from the pool when the team has nobody. */
export function pickAssignees(input: Omit<PickInput, "candidates"> & { functionName?: string }): Assignment {
  const { config, functionName } = input;
  const contact = pickPerson({ ...input, candidates: config.team.contacts });
  if (functionName === undefined) {
    return { contact, implementer: { candidates: [], skipped: [] }, booked: false };
  }
  const team = pickPerson({ ...input, candidates: config.team.functions[functionName] ?? [] });
  if (team.login !== undefined) return { contact, implementer: team, booked: false };
  const pool = pickPerson({ ...input, candidates: config.team.bookable[functionName] ?? [] });
  if (pool.login !== undefined) {
    return { contact, implementer: { ...pool, skipped: [...team.skipped, ...pool.skipped] }, booked: true };
  }
  return { contact, implementer: { candidates: [], skipped: [...team.skipped, ...pool.skipped] }, booked: false };
}
