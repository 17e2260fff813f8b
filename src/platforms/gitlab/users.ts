import type { Users } from "@gitbeaker/rest";
import type { Log } from "../../desk/port.js";
import { withPriority } from "../../runtime/priority.js";
import type { GitLabUser, SelfUser } from "./mapper.js";

/** Bounds of the directory. */
export interface UserDirectoryOptions {
  /** How many usernames to remember; the oldest is forgotten first. */
  maxEntries: number;
}

/**
 * Who is who on one GitLab instance: the token's own user (resolved once)
 * and usernames resolved to the ids that `assignee_ids` needs. Ids never
 * change for a username, so they are kept for the life of the process,
 * learnt from every listing for free and asked for only when unknown.
 */
export class UserDirectory {
  readonly #users: Users;
  readonly #ids = new Map<string, number>();
  /** Lookups under way: a burst of tickets for the same contact asks GitLab once. */
  readonly #pending = new Map<string, Promise<number | undefined>>();
  readonly #maxEntries: number;
  #self: Promise<SelfUser> | undefined;

  constructor(users: Users, options: Partial<UserDirectoryOptions> = {}) {
    this.#users = users;
    this.#maxEntries = options.maxEntries ?? 10_000;
  }

  /** The token's user (`GET /user`), asked once; a failed attempt is asked again next time. */
  currentUser(): Promise<SelfUser> {
    if (!this.#self) {
      const loading = withPriority("urgent", () => this.#users.showCurrentUser()).then((user) => {
        this.remember([user]);
        return { id: user.id, username: user.username };
      });
      loading.catch(() => {
        if (this.#self === loading) this.#self = undefined;
      });
      this.#self = loading;
    }
    return this.#self;
  }

  /** Learn ids from users a payload or listing already carried. */
  remember(users: readonly GitLabUser[]): void {
    for (const user of users) {
      if (user.id === undefined) continue;
      const key = user.username.toLowerCase();
      this.#ids.delete(key);
      this.#ids.set(key, user.id);
      if (this.#ids.size > this.#maxEntries) {
        const oldest = this.#ids.keys().next();
        if (!oldest.done) this.#ids.delete(oldest.value);
      }
    }
  }

  /**
   * Ids for usernames (`GET /users?username=`), in the order given. A
   * username GitLab does not know (a typo in the roster) is left out and
   * logged: the rest of the plan still applies.
   */
  async resolveIds(usernames: readonly string[], log: Log): Promise<number[]> {
    const ids = await Promise.all(usernames.map((username) => this.#resolve(username, log)));
    return ids.filter((id): id is number => id !== undefined);
  }

  #resolve(username: string, log: Log): Promise<number | undefined> {
    const key = username.toLowerCase();
    const known = this.#ids.get(key);
    if (known !== undefined) return Promise.resolve(known);
    let pending = this.#pending.get(key);
    if (!pending) {
      // Shared by every ticket that waits for it, an emergency's among them: it goes first.
      pending = withPriority("urgent", () => this.#users.all({ username }))
        .then((found) => {
          const user = found.find((candidate) => candidate.username.toLowerCase() === key);
          if (user) this.remember([user]);
          else log.warn({ username }, "no GitLab user with this username: not assigned");
          return user?.id;
        })
        .finally(() => this.#pending.delete(key));
      this.#pending.set(key, pending);
    }
    return pending;
  }
}
