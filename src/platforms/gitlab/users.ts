import type { Users } from "@gitbeaker/rest";
import type { Log } from "../port.js";
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
  readonly #maxEntries: number;
  #self: Promise<SelfUser> | undefined;

  constructor(users: Users, options: Partial<UserDirectoryOptions> = {}) {
    this.#users = users;
    this.#maxEntries = options.maxEntries ?? 10_000;
  }

  /** The token's user (`GET /user`), asked once; a failed attempt is asked again next time. */
  currentUser(): Promise<SelfUser> {
    if (!this.#self) {
      const loading = this.#users.showCurrentUser().then((user) => {
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
    const ids = await Promise.all(
      usernames.map(async (username) => {
        const known = this.#ids.get(username.toLowerCase());
        if (known !== undefined) return known;
        const found = await this.#users.all({ username });
        const user = found.find((candidate) => candidate.username.toLowerCase() === username.toLowerCase());
        if (!user) {
          log.warn({ username }, "no GitLab user with this username: not assigned");
          return undefined;
        }
        this.remember([user]);
        return user.id;
      }),
    );
    return ids.filter((id): id is number => id !== undefined);
  }
}
