import type { LoadElsewhere, OpenTickets } from "../core/types.js";

/**
 * People's open tickets per repository, across every repository or project
 * of one platform that frontdesk serves: what the sweep and each intake
 * already list, kept so that assignment in one client's repository sees a
 * person's tickets in the others without one more call. A repository's
 * counts are replaced whenever its open issues are listed, and adjusted
 * when frontdesk assigns or unassigns someone; after a start they fill in as
 * the first sweep visits each repository. Keys are lower-cased.
 */
export class LoadBook {
  readonly #repos = new Map<string, { name: string; counts: Map<string, number> }>();

  /** A repository's counts as just listed (support tickets and project work per lower-cased login). */
  record(repo: string, counts: OpenTickets): void {
    const kept = new Map<string, number>();
    for (const [login, count] of Object.entries(counts)) if (count > 0) kept.set(login.toLowerCase(), count);
    this.#repos.set(repo.toLowerCase(), { name: repo, counts: kept });
  }

  /** frontdesk assigned (`+1`) or unassigned (`-1`) someone on an open ticket of `repo`. */
  adjust(repo: string, login: string, delta: number): void {
    const key = repo.toLowerCase();
    const entry = this.#repos.get(key) ?? { name: repo, counts: new Map<string, number>() };
    const person = login.toLowerCase();
    const count = Math.max(0, (entry.counts.get(person) ?? 0) + delta);
    if (count === 0) entry.counts.delete(person);
    else entry.counts.set(person, count);
    this.#repos.set(key, entry);
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
