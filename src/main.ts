import { readTenancyPolicy } from "./config/tenancy.js";
import { createServer, type RequestHandler } from "./server.js";
import { createGitHubHandler, createGitHubProbot, GITHUB_VARIABLES, isGitHubConfigured } from "./platforms/github/middleware.js";
import { createGitLabHandlerFromEnv, GITLAB_VARIABLES, isGitLabConfigured } from "./platforms/gitlab/middleware.js";
import { BackgroundWork } from "./platforms/shared/background.js";
import { createLog, logBackgroundFailure } from "./platforms/shared/log.js";
import { KeyedLock } from "./platforms/shared/keyed-lock.js";
import { GITHUB_LIMITS, Pacer } from "./platforms/shared/pacer.js";
import { RepoCache } from "./platforms/shared/repo-cache.js";
import { createSweepRunnerFromEnv } from "./platforms/shared/sweep-runner.js";
import { createGitHubSweep } from "./platforms/github/sweep.js";

// The entry point: read the environment, wire the parts, listen. No logic here.
const env = process.env;
// One stream for frontdesk and Probot (its lines say name "probot"); no client text, no secrets.
const rootLog = createLog({ level: env.LOG_LEVEL ?? "info" });
const log = rootLog.child({ name: "frontdesk" });
const handlers: RequestHandler[] = [];
const github = isGitHubConfigured(env);
const gitlab = isGitLabConfigured(env);

const background = new BackgroundWork(logBackgroundFailure(log));
const sweeps = createSweepRunnerFromEnv(env, log);

if (github) {
  const probot = createGitHubProbot(env, new Pacer(GITHUB_LIMITS), rootLog);
  const deps = { cache: new RepoCache(), locks: new KeyedLock(), projects: new RepoCache(), now: () => new Date(), policy: readTenancyPolicy(env) };
  const options = { secret: env.WEBHOOK_SECRET ?? "", path: env.WEBHOOK_PATH || undefined, background };
  handlers.push(await createGitHubHandler(probot, deps, options));
  sweeps.add(createGitHubSweep({ probot, ...deps }));
} else {
  log.warn(`GitHub is not served: set ${GITHUB_VARIABLES.join(", ")} (and GHE_HOST for GitHub Enterprise Server)`);
}
if (gitlab) {
  handlers.push(createGitLabHandlerFromEnv(env, { log, now: () => new Date(), background, sweeps }));
} else {
  log.warn(`GitLab is not served: set ${GITLAB_VARIABLES.join(" and ")} (and GITLAB_URL when self-managed)`);
}

const server = createServer({
  handlers,
  platforms: { github, gitlab },
  pending: () => background.pending,
  onError: (error) => log.error({ err: error }, "request failed"),
});
const port = Number(env.PORT || 3000);
const host = env.HOST || undefined;
server.listen(port, host, () => {
  const address = server.address();
  log.info({ address }, `frontdesk listening on port ${typeof address === "object" && address ? address.port : port}`);
  sweeps.start();
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    sweeps.stop();
    server.close(() => process.exit(0));
  });
}
