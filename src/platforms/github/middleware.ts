import { createHmac } from "node:crypto";
import { createProbot, ProbotOctokit, type Probot } from "probot";
import type { RequestHandler } from "../../server.js";
import { BodyTooLargeError, header, readBody, safeEqual, sendJson } from "../shared/http.js";
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

export interface GitHubHandlerOptions {
  secret: string;
  path?: string;
}

/**
 * POST /api/github/webhooks: verifies the signature itself so that a bad one
 * is a 401 (Probot's middleware answers 400), then hands the event to Probot.
 */
export async function createGitHubHandler(
  probot: Probot,
  deps: GitHubAppDeps,
  options: GitHubHandlerOptions,
): Promise<RequestHandler> {
  await probot.load(createGitHubApp(deps));
  const path = options.path ?? "/api/github/webhooks";
  return async (request, response) => {
    if ((request.url ?? "").split("?")[0] !== path) return false;
    if (request.method !== "POST") {
      sendJson(response, 405, { error: "use POST" });
      return true;
    }
    const name = header(request, "x-github-event");
    const id = header(request, "x-github-delivery");
    const signature = header(request, "x-hub-signature-256");
    let body: string;
    try {
      body = await readBody(request);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      sendJson(response, 413, { error: error.message });
      return true;
    }
    if (!signature || !safeEqual(signature, sign(body, options.secret))) {
      sendJson(response, 401, { error: "signature does not match the webhook secret" });
      return true;
    }
    if (!name || !id) {
      sendJson(response, 400, { error: "x-github-event and x-github-delivery are required" });
      return true;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(body);
    } catch {
      sendJson(response, 400, { error: "the body is not valid JSON" });
      return true;
    }
    await probot.receive({ id, name, payload } as Parameters<Probot["receive"]>[0]);
    sendJson(response, 200, { ok: true });
    return true;
  };
}

function sign(body: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}
