import { createNodeMiddleware, createProbot, ProbotOctokit, type Probot } from "probot";
import type { RequestHandler } from "../../server.js";
import { createGitHubApp, type GitHubAppDeps } from "./app.js";

/** The GitHub App variables that must be set for frontdesk to serve GitHub. */
export const GITHUB_VARIABLES = ["APP_ID", "PRIVATE_KEY or PRIVATE_KEY_PATH", "WEBHOOK_SECRET"] as const;

export function isGitHubConfigured(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.APP_ID && (env.PRIVATE_KEY || env.PRIVATE_KEY_PATH) && env.WEBHOOK_SECRET);
}

/** Probot from Probot's own variables (APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, GHE_HOST, GHE_PROTOCOL, LOG_LEVEL). */
export function createGitHubProbot(env: NodeJS.ProcessEnv): Probot {
  return createProbot({ env, defaults: { Octokit: ProbotOctokit } });
}

/** Probot's webhook middleware at WEBHOOK_PATH (default /api/github/webhooks), as a server handler. */
export async function createGitHubHandler(
  probot: Probot,
  deps: GitHubAppDeps,
  webhooksPath = "/api/github/webhooks",
): Promise<RequestHandler> {
  const middleware = await createNodeMiddleware(createGitHubApp(deps), { probot, webhooksPath });
  return async (request, response) => (await middleware(request, response, () => undefined)) === true;
}
