import type { Server } from "node:http";
import type { Logger } from "pino";
import { readTenancyPolicy } from "./config/tenancy.js";
import type { Log } from "./desk/port.js";
import type { AppIdentity } from "./platforms/github/identity.js";
import { checkGitHubSettings, createGitHubHandler, createGitHubProbot, GITHUB_VARIABLES, isGitHubConfigured } from "./platforms/github/middleware.js";
import { createGitHubSweep } from "./platforms/github/sweep.js";
import { createGitLabDeps, createGitLabHandlerFromEnv, GITLAB_VARIABLES, isGitLabConfigured } from "./platforms/gitlab/middleware.js";
import { readGitLabProjects } from "./platforms/gitlab/seen-projects.js";
import { DEFAULT_GITLAB_URL, normalizeGitLabUrl, readGitLabSettings } from "./platforms/gitlab/settings.js";
import { createGitLabSweep } from "./platforms/gitlab/sweep.js";
import { createSweepRunnerFromEnv, type Sweep, type SweepRunner } from "./desk/sweep-runner.js";
import { BackgroundWork, type BackgroundOptions, type UnfinishedWork } from "./runtime/background.js";
import { withDeadline } from "./runtime/deadline.js";
import { GITHUB_LIMITS } from "./runtime/limits.js";
import { createLog, logBackgroundFailure } from "./runtime/log.js";
import { LogContext } from "./runtime/log-context.js";
import { RepoCache } from "./runtime/repo-cache.js";
import { readServerSettings } from "./runtime/settings.js";
import { readRedisUrl } from "./runtime/redis-url.js";
import { createProcessState, createSharedState, type SharedState } from "./runtime/shared-state.js";
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
  /**
   * The root logger, Probot's too; default: frontdesk's on stdout at LOG_LEVEL
   * (default info) in LOG_FORMAT (json, or pretty on a terminal), with the
   * running delivery's fields on every line.
   */
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
  /**
   * A shutdown without loss: stops taking deliveries (503, /healthz says
   * draining) and starting sweeps, waits up to `timeoutMs` for the work
   * already accepted, closes the server (a delivery it was still reading is
   * answered and its work waited for, within the same `timeoutMs`); resolves
   * with what was not finished.
   */
  shutdown(timeoutMs: number): Promise<UnfinishedWork[]>;
}

/**
 * Builds frontdesk from the environment: GitHub when its App variables are
 * set, GitLab when GITLAB_TOKEN and GITLAB_WEBHOOK_SECRET are, each with its
 * own caches and locks and the operator's tenancy policy, one queue and one
 * sweep runner for both, and the HTTP server. A platform left out is named
 * in a warning with the variables it needs.
 *
 * @throws a SettingsError (a subclass per platform) naming the first variable with a bad value.
 */
export async function createFrontdesk(env: NodeJS.ProcessEnv, overrides: FrontdeskOverrides = {}): Promise<Frontdesk> {
  const now = overrides.now ?? (() => new Date());
  const settings = readServerSettings(env, process.stdout.isTTY === true);
  const platforms = { github: isGitHubConfigured(env), gitlab: isGitLabConfigured(env) };
  // Every variable checked before anything is logged or built: a bad one is the only line.
  if (platforms.github) checkGitHubSettings(env);
  if (platforms.gitlab) readGitLabSettings(env);
  readRedisUrl(env);
  // One stream for frontdesk and Probot (its lines say name "probot"); no client text, no secrets.
  const context = new LogContext();
  const rootLog = overrides.log ?? createLog({ level: settings.logLevel, format: settings.logFormat, context });
  const log = rootLog.child({ name: "frontdesk" });
  const background = new BackgroundWork(logBackgroundFailure(log), { context, ...(overrides.queue || {}) });
  const queue = overrides.queue === false ? undefined : background;
  // Without REDIS_URL, in this process as always; with it, in Redis, where the replicas share it (runtime/shared-state.ts).
  const shared = await createSharedState(env, log, { background });
  if (shared.where === "redis") log.info("REDIS_URL is set: deliveries, locks, pacing, the sweep and what it keeps are shared through Redis");
  const sweeps = createSweepRunnerFromEnv(env, log, now, shared.sweepLease);
  const handlers: RequestHandler[] = [];

  if (platforms.github) {
    const { probot, deps } = createGitHubSide(env, rootLog, now, shared, overrides.identity);
    const options = { secret: env.WEBHOOK_SECRET ?? "", path: env.WEBHOOK_PATH || undefined, background: queue, ...(queue && shared.queue ? { queue: shared.queue } : {}) };
    handlers.push(await createGitHubHandler(probot, deps, options));
    sweeps.add(createGitHubSweep({ probot, ...deps }));
  } else {
    log.warn(`GitHub is not served: set ${GITHUB_VARIABLES.join(", ")} (and GHE_HOST for GitHub Enterprise Server)`);
  }
  if (platforms.gitlab) {
    handlers.push(createGitLabHandlerFromEnv(env, { log, now, background: queue, sweeps, shared: queue ? shared : { ...shared, queue: undefined } }));
  } else {
    log.warn(`GitLab is not served: set ${GITLAB_VARIABLES.join(" and ")} (and GITLAB_URL when self-managed)`);
  }

  let draining = false;
  const server = createServer({
    handlers,
    platforms,
    pending: () => background.pending,
    draining: () => draining,
    onError: (error) => log.error({ err: error }, "request failed"),
  });
  return {
    server,
    handlers,
    platforms,
    background,
    sweeps,
    log,
    listen: (port, host) => listen(server, port, host, log).then((bound) => (shared.start(), sweeps.start(), bound)),
    close: () => {
      sweeps.stop();
      return closeServer(server).finally(() => shared.close());
    },
    shutdown: async (timeoutMs) => {
      draining = true;
      sweeps.stop();
      shared.stopTaking();
      log.info({ pending: background.pending, timeoutMs }, "shutting down: finishing the deliveries accepted, taking no new ones");
      const deadline = Date.now() + timeoutMs;
      // The server answers (/healthz: draining) while the work is finished; a delivery
      // still being read when the work ran out is answered 202 before the server has
      // closed, so its work is waited for too, within what is left of the deadline.
      await idleWithin(background, timeoutMs);
      await closeServer(server);
      const finished = await idleWithin(background, deadline - Date.now());
      const unfinished = finished ? [] : background.unfinished();
      // With REDIS_URL, what was not finished stays queued: another replica takes it up.
      await shared.close();
      return unfinished;
    },
  };
}

/** True when nothing is waiting or running within `timeoutMs`. */
function idleWithin(background: BackgroundWork, timeoutMs: number): Promise<boolean> {
  return withDeadline(background.idle().then(() => true), timeoutMs, () => false);
}

/** What `frontdesk sweep` needs: where to log, and where Probot logs (stderr there, not stdout). */
export interface SweepsOptions {
  log: Log;
  /** Called only when GitHub is swept. */
  probotLog: () => Logger;
  now?: () => Date;
  /** Locks, pacing and what sweeps keep: with REDIS_URL the replicas' (default: this process's). */
  shared?: SharedState;
}

/**
 * The sweeps the environment configures, without a server, for `frontdesk
 * sweep`: GitHub with APP_ID and PRIVATE_KEY (no webhook secret needed),
 * GitLab with GITLAB_TOKEN: every project the token's user is a member of,
 * or only those in GITLAB_PROJECTS when it is set. Clients, pacing, caches and
 * tenancy policy are built as the server builds them.
 */
export function createSweeps(env: NodeJS.ProcessEnv, options: SweepsOptions): Sweep[] {
  const now = options.now ?? (() => new Date());
  const shared = options.shared ?? createProcessState();
  const sweeps: Sweep[] = [];
  if (env.APP_ID && (env.PRIVATE_KEY || env.PRIVATE_KEY_PATH)) {
    const { probot, deps } = createGitHubSide(env, options.probotLog(), now, shared);
    sweeps.push(createGitHubSweep({ probot, ...deps }));
  }
  const paths = readGitLabProjects(env);
  if (env.GITLAB_TOKEN) {
    const app = createGitLabDeps(env, { url: normalizeGitLabUrl(env.GITLAB_URL || DEFAULT_GITLAB_URL), token: env.GITLAB_TOKEN, log: options.log, now, shared });
    sweeps.push(createGitLabSweep({ app, paths, kept: shared.kept }));
  }
  return sweeps;
}

/** Probot with frontdesk's pacing per installation, and what the webhooks and the sweep share. */
function createGitHubSide(env: NodeJS.ProcessEnv, probotLog: Logger, now: () => Date, shared: SharedState, identity?: AppIdentity) {
  const probot = createGitHubProbot(env, shared.pacing("github", GITHUB_LIMITS), probotLog);
  const deps = {
    cache: new RepoCache(),
    locks: shared.locks,
    projects: new RepoCache(),
    now,
    policy: readTenancyPolicy(env),
    identity,
    load: shared.loadBook("github"),
    kept: shared.kept,
    broadcast: shared.broadcast,
  };
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
  const closed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  // Keep-alive connections with no request in flight would hold the close up until they time out;
  // a request still arriving a second later (a slow client) is cut off.
  server.closeIdleConnections();
  setTimeout(() => server.closeAllConnections(), 1_000).unref();
  return closed;
}
