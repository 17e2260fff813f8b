import type { Probot } from "probot";

/**
 * frontdesk's own identity on GitHub: the app's bot user, `<slug>[bot]`.
 * Only comments by this user carry records frontdesk trusts; any other bot,
 * and any person, can write text that looks like a marker.
 */
export interface AppIdentity {
  /** The bot user's login, learned once from the app (`GET /app`). */
  login(): Promise<string>;
}

/** An identity that is known in advance (tests, or a caller that already asked). */
export function fixedIdentity(login: string): AppIdentity {
  return { login: () => Promise.resolve(login) };
}

/**
 * The identity of the app behind `probot`: one `GET /app` with the app's
 * own token the first time it is needed, then kept for the life of the
 * process. A failed look-up is not kept, so the next delivery asks again.
 */
export function appIdentity(probot: Pick<Probot, "auth">): AppIdentity {
  let known: Promise<string> | undefined;
  return {
    login() {
      known ??= (async () => {
        const app = await probot.auth();
        const { data } = await app.request("GET /app");
        const slug = (data as { slug?: string } | null)?.slug;
        if (!slug) throw new Error("GET /app answered without the app's slug");
        return `${slug}[bot]`;
      })();
      known.catch(() => {
        known = undefined;
      });
      return known;
    },
  };
}
