import type { LoadElsewhere, OpenTickets } from "../core/types.js";

/**
 * People's open tickets per repository, across every repository or project
 * of one platform that frontdesk serves: what the sweep and each intake
 * already list, kept so that assignment in one client's repository sees a
 * person's tickets in the others without one more call, and so that intake
 * need not list a repository's open issues to count them. A repository's
 * counts are replaced whenever its open issues are listed (or the sweep's
 * kept listing changes), and adjusted when frontdesk assigns or unassigns
 * someone; after a start they fill in as the first sweep visits each
 * repository. Keys are lower-cased.
 *
 * With REDIS_URL every replica keeps the same book: changes go to Redis and
 * to the other replicas (runtime/redis/load-book.ts), each reads its copy.
 */
export class LoadBook {
  readonly #repos = new Map<string, { name: string; counts: Map<string, number>; listed: boolean }>();
  /** Told of every change made here (not of those applied from elsewhere). */
  onChange?: (change: LoadChange) => void;

  /** A repository's counts as just listed (support tickets and project work per lower-cased login). */
  record(repo: string, counts: OpenTickets): void {
    this.apply({ kind: "record", repo, counts });
    this.onChange?.({ kind: "record", repo, counts });
  }

  /** frontdesk assigned (`+1`) or unassigned (`-1`) someone on an open ticket of `repo`. */
  adjust(repo: string, login: string, delta: number): void {
    this.apply({ kind: "adjust", repo, login, delta });
    this.onChange?.({ kind: "adjust", repo, login, delta });
  }

  /** A change made here or by another replica. */
  apply(change: LoadChange): void {
    const key = change.repo.toLowerCase();
    if (change.kind === "record") {
      const kept = new Map<string, number>();
      for (const [login, count] of Object.entries(change.counts)) if (count > 0) kept.set(login.toLowerCase(), count);
      this.#repos.set(key, { name: change.repo, counts: kept, listed: true });
      return;
    }
    const entry = this.#repos.get(key) ?? { name: change.repo, counts: new Map<string, number>(), listed: false };
    const person = change.login.toLowerCase();
    const count = Math.max(0, (entry.counts.get(person) ?? 0) + change.delta);
    if (count === 0) entry.counts.delete(person);
    else entry.counts.set(person, count);
    this.#repos.set(key, entry);
  }

  /**
   * The repository's own counts, when its open issues were listed since the
   * start (by the sweep or an intake) and kept up to date since; undefined
   * when they never were, so that the caller lists them.
   */
  countsOf(repo: string): OpenTickets | undefined {
    const entry = this.#repos.get(repo.toLowerCase());
    return entry?.listed ? Object.fromEntries(entry.counts) : undefined;
  }

  /** Everyone's open tickets in every repository but `repo`, by repository. */
  elsewhere(repo: string): LoadElsewhere {
    const here = repo.toLowerCase();
    const result: Record<string, Record<string, number>> = {};
    for (const [key, { name, counts }] of this.#repos) {
      if (key === here) continue;
      for (const [login, count] of counts) (result[login] ??= {})[name] = count;
    }
    return result;
  }
}

/** One change to the book: a repository's counts replaced, or one person's adjusted. */
export type LoadChange = { kind: "record"; repo: string; counts: OpenTickets } | { kind: "adjust"; repo: string; login: string; delta: number };
