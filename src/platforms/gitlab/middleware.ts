import { readTenancyPolicy } from "../../config/tenancy.js";
import type { Log } from "../../desk/port.js";
import { RepoCache } from "../../runtime/repo-cache.js";
import type { SweepRegistry } from "../../desk/sweep-runner.js";
import { createGitLabApp } from "./app.js";
import { createGitLabClient } from "./client.js";
import { ConfigDependents } from "./config-dependents.js";
import type { GitLabAppDeps } from "./context.js";
import { prioritizeGitLabDelivery } from "./delivery-priority.js";
import { GITLAB_NOTE_LIMITS, GITLAB_REQUEST_LIMITS } from "../../runtime/limits.js";
import { createProcessState, type SharedState } from "../../runtime/shared-state.js";
import { gitLabLane, type GitLabPacers } from "./pacing.js";
import { readGitLabProjects, recordSeenProjects, SeenProjects } from "./seen-projects.js";
import { readGitLabSettings } from "./settings.js";
import { createGitLabSweep } from "./sweep.js";
import { UserDirectory } from "./users.js";
import { createGitLabHandler, type BackgroundTasks, type GitLabWebhookHandler } from "./webhook.js";

export { GITLAB_VARIABLES, isGitLabConfigured } from "./settings.js";

/** What the process hands the GitLab side: its logger, clock and background-work count. */
export interface GitLabRuntime {
  log: Log;
  now: () => Date;
  /**
   * Where deliveries are worked on after their 202 (the server's
   * BackgroundWork); without it each is worked on before its answer (tests).
   */
  background?: BackgroundTasks;
  /** The GitLab pacers, when something else in the process (a sweep) calls GitLab with the same token. */
  pacers?: GitLabPacers;
  /** Where the GitLab sweep is registered (the server's runner); it shares this handler's client, caches and locks. */
  sweeps?: SweepRegistry;
  /** Locks, pacing, load counts, the deliveries record and queue: with REDIS_URL the replicas' (default: this process's). */
  shared?: SharedState;
}

/** What createGitLabDeps needs besides the environment's tenancy policy. */
export interface GitLabDepsOptions {
  /** The instance, normalized (normalizeGitLabUrl), and the token. */
  url: string;
  token: string;
  log: Log;
  now: () => Date;
  shared: SharedState;
  /** Default: the shared pacing of GitLab's request and note limits. */
  pacers?: GitLabPacers | undefined;
}

/**
 * What GitLab's webhooks and its sweep share: the client with its pacing,
 * caches, locks, the tenancy policy, load counts and broadcast. The server and
 * `frontdesk sweep` (createSweeps) both build them here.
 */
export function createGitLabDeps(env: NodeJS.ProcessEnv, options: GitLabDepsOptions): GitLabAppDeps {
  const { shared } = options;
  const pacers = options.pacers ?? { requests: shared.pacing("gitlab-requests", GITLAB_REQUEST_LIMITS), notes: shared.pacing("gitlab-notes", GITLAB_NOTE_LIMITS) };
  const client = createGitLabClient({ url: options.url, token: options.token, pacers, log: options.log });
  return {
    client,
    cache: new RepoCache(),
    locks: shared.locks,
    users: new UserDirectory(client.users),
    dependents: new ConfigDependents(),
    now: options.now,
    policy: readTenancyPolicy(env),
    load: shared.loadBook("gitlab"),
    broadcast: shared.broadcast,
  };
}

/**
 * The GitLab endpoint from GITLAB_URL, GITLAB_TOKEN and GITLAB_WEBHOOK_SECRET,
 * with its own caches (GitLab paths may equal GitHub's owner/repo). Throws
 * GitLabSettingsError when a variable is missing or GITLAB_URL is no URL.
 */
export function createGitLabHandlerFromEnv(env: NodeJS.ProcessEnv, runtime: GitLabRuntime): GitLabWebhookHandler {
  const settings = readGitLabSettings(env);
  const shared = runtime.shared ?? createProcessState();
  const deps = createGitLabDeps(env, { url: settings.url, token: settings.token, log: runtime.log, now: runtime.now, shared, pacers: runtime.pacers });
  // GitLab has no installations: the sweep covers the projects webhooks came from, and GITLAB_PROJECTS.
  const seen = new SeenProjects();
  const app = recordSeenProjects(createGitLabApp(deps), seen);
  runtime.sweeps?.add(createGitLabSweep({ app: deps, seen, paths: readGitLabProjects(env), kept: shared.kept }));
  // The scopes, never the secrets: an operator sees how the list was read.
  const scopes = settings.webhookSecrets.map((entry) => entry.scope ?? "(every project)");
  runtime.log.info({ url: settings.url, secrets: scopes }, "GitLab served at POST /api/gitlab/webhooks");
  const prioritize = (event: string, payload: Record<string, unknown>) => prioritizeGitLabDelivery(deps.cache, event, payload);
  const lane = gitLabLane(settings.url, settings.token);
  const secrets = settings.webhookSecrets;
  const replicas = { ...(shared.deliveries ? { deliveries: shared.deliveries } : {}), ...(shared.queue ? { queue: shared.queue } : {}) };
  return createGitLabHandler({ secrets, app, log: runtime.log, background: runtime.background, prioritize, lane, instance: settings.url, ...replicas });
}
