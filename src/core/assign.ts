import type { Config } from "../config/schema.js";
import { isWithinDates } from "../config/values.js";
import type { LoadElsewhere, OpenTickets } from "./types.js";

/**
 * Picking people: skip who is away today or at capacity, take the fewest
 * open tickets across every client frontdesk serves, and rotate ties
 * deterministically by the ticket number so that work is spread without
 * any stored state.
 */

export type SkipReason = "away" | "at capacity" | "at this client's capacity";

/** A person's load: the total across clients, what of it is here, and where the rest is. */
export interface Load {
  login: string;
  /** Open support tickets and project work, in this repository and elsewhere. */
  openTickets: number;
  /** Of those, in this repository. */
  here: number;
  /** The rest, by repository; absent when there is none. */
  elsewhere?: Readonly<Record<string, number>>;
}

export interface Skipped extends Load {
  reason: SkipReason;
}

export interface Pick {
  login?: string;
  /** Who was considered, with their load, in roster order. */
  candidates: Load[];
  skipped: Skipped[];
}

export interface PickInput {
  config: Config;
  candidates: readonly string[];
  /** Open tickets in this repository. */
  openTickets: OpenTickets;
  /** Open tickets in the other repositories frontdesk serves, as far as it has counted them. */
  elsewhere?: LoadElsewhere;
  /** Today in the configured time zone, YYYY-MM-DD. */
  today: string;
  /** Spreads ties: the ticket number. */
  seed: number;
}

export function pickPerson({ config, candidates, openTickets, elsewhere, today, seed }: PickInput): Pick {
  const skipped: Skipped[] = [];
  const available: Load[] = [];
  const { capacity, client_capacity: clientCapacity } = config.team;
  for (const login of new Set(candidates)) {
    const load = loadOf(login, openTickets, elsewhere);
    if (isWithinDates(today, config.team.away[login] ?? [])) skipped.push({ ...load, reason: "away" });
    else if (load.openTickets >= capacity) skipped.push({ ...load, reason: "at capacity" });
    else if (clientCapacity !== undefined && load.here >= clientCapacity) skipped.push({ ...load, reason: "at this client's capacity" });
    else available.push(load);
  }
  const fewest = Math.min(...available.map((candidate) => candidate.openTickets));
  const tied = available.filter((candidate) => candidate.openTickets === fewest);
  const login = tied.length > 0 ? tied[Math.abs(seed) % tied.length]?.login : undefined;
  return { login, candidates: available, skipped };
}

function loadOf(login: string, here: OpenTickets, elsewhere: LoadElsewhere | undefined): Load {
  const key = login.toLowerCase();
  const count = here[key] ?? 0;
  const other = elsewhere?.[key];
  const total = count + Object.values(other ?? {}).reduce((sum, value) => sum + value, 0);
  return other && total > count ? { login, openTickets: total, here: count, elsewhere: other } : { login, openTickets: total, here: count };
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
