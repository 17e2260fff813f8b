import type { Server } from "node:http";
import type { Logger } from "pino";
import { readTenancyPolicy } from "./config/tenancy.js";
import type { Log } from "./desk/port.js";
import type { AppIdentity } from "./platforms/github/identity.js";
import { createGitHubHandler, createGitHubProbot, GITHUB_VARIABLES, isGitHubConfigured } from "./platforms/github/middleware.js";
import { createGitHubSweep } from "./platforms/github/sweep.js";
import { createGitLabClient } from "./platforms/gitlab/client.js";
import { ConfigDependents } from "./platforms/gitlab/config-dependents.js";
import { createGitLabHandlerFromEnv, GITLAB_VARIABLES, isGitLabConfigured } from "./platforms/gitlab/middleware.js";
import { readGitLabProjects } from "./platforms/gitlab/seen-projects.js";
import { DEFAULT_GITLAB_URL, normalizeGitLabUrl } from "./platforms/gitlab/settings.js";
import { createGitLabSweep } from "./platforms/gitlab/sweep.js";
import { UserDirectory } from "./platforms/gitlab/users.js";
import { createSweepRunnerFromEnv, type Sweep, type SweepRunner } from "./desk/sweep-runner.js";
import { BackgroundWork, type BackgroundOptions } from "./runtime/background.js";
import { KeyedLock } from "./runtime/keyed-lock.js";
import { GITHUB_LIMITS } from "./runtime/limits.js";
import { createLog, logBackgroundFailure } from "./runtime/log.js";
import { Pacer } from "./runtime/pacer.js";
import { RepoCache } from "./runtime/repo-cache.js";
import { createServer, type RequestHandler } from "./server.js";

/**
 * The one place where frontdesk is wired: the environment in, a server with
 * both platforms' endpoints, the delivery queue and the periodic sweep out.
 * `npm start` (main.ts), `frontdesk sweep` and the tests build frontdesk here,
 * so what they run is what the server runs.
 */

/** What tests (and only tests) replace; everything else comes from the environment. */
export interface FrontdeskOverrides {
  /** The clock of the workflows and the sweep; default: the system's. */
  now?: () => Date;
  /** The root logger, Probot's too; default: JSON lines on stdout at LOG_LEVEL (default info). */
  log?: Logger;
  /**
   * The delivery queue's options; `false`: no queue, each delivery is worked on
   * before it is answered, so that a test sees the outcome with the answer.
   */
  queue?: Partial<BackgroundOptions> | false;
  /** frontdesk's own GitHub bot user, when the API at hand does not serve `GET /app`. */
  identity?: AppIdentity;
}

/** A wired frontdesk: listening starts the periodic sweep, closing stops it. */
export interface Frontdesk {
  server: Server;
  /** The platforms' endpoints, in the order the server tries them. */
  handlers: RequestHandler[];
  /** Which platforms are served (what /healthz reports). */
  platforms: { github: boolean; gitlab: boolean };
  /** Deliveries accepted and still being worked on. */
  background: BackgroundWork;
  /** The periodic sweep, every SWEEP_INTERVAL, over every platform served. */
  sweeps: SweepRunner;
  /** frontdesk's own log (name "frontdesk"). */
  log: Logger;
  /** Listens on `port` (0: any free one), logs where, starts the sweep; resolves with the port. */
  listen(port: number, host?: string): Promise<number>;
  /** Stops the sweep and the server; resolves when the server has closed. */
  close(): Promise<void>;
}

/**
 * Builds frontdesk from the environment: GitHub when its App variables are
 * set, GitLab when GITLAB_TOKEN and GITLAB_WEBHOOK_SECRET are, each with its
 * own caches and locks and the operator's tenancy policy, one queue and one
 * sweep runner for both, and the HTTP server. A platform left out is named
 * in a warning with the variables it needs.
 *
 * @throws SweepIntervalError for a bad SWEEP_INTERVAL, GitLabSettingsError for a bad GitLab variable.
 */
export async function createFrontdesk(env: NodeJS.ProcessEnv, overrides: FrontdeskOverrides = {}): Promise<Frontdesk> {
  const now = overrides.now ?? (() => new Date());
  // One stream for frontdesk and Probot (its lines say name "probot"); no client text, no secrets.
  const rootLog = overrides.log ?? createLog({ level: env.LOG_LEVEL ?? "info" });
  const log = rootLog.child({ name: "frontdesk" });
  const background = new BackgroundWork(logBackgroundFailure(log), overrides.queue || {});
  const queue = overrides.queue === false ? undefined : background;
  const sweeps = createSweepRunnerFromEnv(env, log, now);
  const handlers: RequestHandler[] = [];
  const platforms = { github: isGitHubConfigured(env), gitlab: isGitLabConfigured(env) };

  if (platforms.github) {
    const { probot, deps } = createGitHubSide(env, rootLog, now, overrides.identity);
    const options = { secret: env.WEBHOOK_SECRET ?? "", path: env.WEBHOOK_PATH || undefined, background: queue };
    handlers.push(await createGitHubHandler(probot, deps, options));
    sweeps.add(createGitHubSweep({ probot, ...deps }));
  } else {
    log.warn(`GitHub is not served: set ${GITHUB_VARIABLES.join(", ")} (and GHE_HOST for GitHub Enterprise Server)`);
  }
  if (platforms.gitlab) {
    handlers.push(createGitLabHandlerFromEnv(env, { log, now, background: queue, sweeps }));
  } else {
    log.warn(`GitLab is not served: set ${GITLAB_VARIABLES.join(" and ")} (and GITLAB_URL when self-managed)`);
  }

  const server = createServer({
    handlers,
    platforms,
    pending: () => background.pending,
    onError: (error) => log.error({ err: error }, "request failed"),
  });
  return {
    server,
    handlers,
    platforms,
    background,
    sweeps,
    log,
    listen: (port, host) => listen(server, port, host, log).then((bound) => (sweeps.start(), bound)),
    close: () => {
      sweeps.stop();
      return closeServer(server);
    },
  };
}

/** What `frontdesk sweep` needs: where to log, and where Probot logs (stderr there, not stdout). */
export interface SweepsOptions {
  log: Log;
  /** Called only when GitHub is swept. */
  probotLog: () => Logger;
  now?: () => Date;
}

/**
 * The sweeps the environment configures, without a server, for `frontdesk
 * sweep`: GitHub with APP_ID and PRIVATE_KEY (no webhook secret needed),
 * GitLab with GITLAB_TOKEN and the projects in GITLAB_PROJECTS (without
 * webhooks there is no other way to learn them). Clients, pacing, caches and
 * tenancy policy are built as the server builds them.
 */
export function createSweeps(env: NodeJS.ProcessEnv, options: SweepsOptions): Sweep[] {
  const now = options.now ?? (() => new Date());
  const sweeps: Sweep[] = [];
  if (env.APP_ID && (env.PRIVATE_KEY || env.PRIVATE_KEY_PATH)) {
    const { probot, deps } = createGitHubSide(env, options.probotLog(), now);
    sweeps.push(createGitHubSweep({ probot, ...deps }));
  }
  const paths = readGitLabProjects(env);
  if (env.GITLAB_TOKEN && paths.length > 0) {
    const client = createGitLabClient({ url: normalizeGitLabUrl(env.GITLAB_URL || DEFAULT_GITLAB_URL), token: env.GITLAB_TOKEN, log: options.log });
    const app = {
      client,
      cache: new RepoCache(),
      locks: new KeyedLock(),
      users: new UserDirectory(client.users),
      dependents: new ConfigDependents(),
      now,
      policy: readTenancyPolicy(env),
    };
    sweeps.push(createGitLabSweep({ app, paths }));
  } else if (env.GITLAB_TOKEN) {
    options.log.warn("GitLab is not swept: frontdesk sweep knows GitLab projects only from GITLAB_PROJECTS");
  }
  return sweeps;
}

/** Probot with frontdesk's pacing per installation, and what the webhooks and the sweep share. */
function createGitHubSide(env: NodeJS.ProcessEnv, probotLog: Logger, now: () => Date, identity?: AppIdentity) {
  const probot = createGitHubProbot(env, new Pacer(GITHUB_LIMITS), probotLog);
  const deps = { cache: new RepoCache(), locks: new KeyedLock(), projects: new RepoCache(), now, policy: readTenancyPolicy(env), identity };
  return { probot, deps };
}

function listen(server: Server, port: number, host: string | undefined, log: Logger): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const address = server.address();
      const bound = typeof address === "object" && address ? address.port : port;
      log.info({ address }, `frontdesk listening on port ${bound}`);
      resolve(bound);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}
