import type { Probot } from "probot";
import type { FailedListing } from "../../desk/sweep-platform.js";
import type { KeptState } from "../../runtime/kept-state.js";
import { listIfChanged } from "./conditional.js";
import type { GitHubOctokit } from "./octokit.js";

/** A repository an installation grants, as the sweep and the report need it. */
export interface InstalledRepository {
  name: string;
  full_name: string;
  owner: { login: string };
  archived?: boolean;
  disabled?: boolean;
}

/** One installation, authenticated, with the repositories it grants. */
export interface Installation {
  octokit: GitHubOctokit;
  repositories: InstalledRepository[];
}

/**
 * Every installation that is not suspended, with its repositories: what the
 * sweep and the report walk. The listings are asked for conditionally and
 * kept in `kept` (GitHub's 304 for an unchanged one does not count against
 * the rate limit). An installation whose token or listing fails is yielded
 * as a failed listing, and the walk goes on with the next.
 */
export async function* listInstallations(probot: Pick<Probot, "auth">, kept: KeptState): AsyncIterable<Installation | FailedListing> {
  const app = await probot.auth();
  const installations = await listIfChanged(app, "GET /app/installations", { per_page: 100 }, kept, "github:installations", (data) =>
    (data as { id: number; suspended_at?: string | null }[]).map(({ id, suspended_at }) => ({ id, suspended_at: suspended_at ?? null })),
  );
  for (const installation of installations) {
    if (installation.suspended_at) continue;
    let listed: Installation;
    try {
      const octokit = (await probot.auth(installation.id)) as GitHubOctokit;
      const repositories = await listIfChanged(octokit, "GET /installation/repositories", { per_page: 100 }, kept, `github:installation:${installation.id}`, (data) =>
        ((data as { repositories?: InstalledRepository[] }).repositories ?? []).map(({ name, full_name, owner, archived, disabled }) => ({ name, full_name, owner: { login: owner.login }, archived, disabled })),
      );
      listed = { octokit, repositories };
    } catch (error) {
      yield { failed: `installation ${installation.id}`, error };
      continue;
    }
    yield listed;
  }
}
