import { createHmac } from "node:crypto";
import type { Logger } from "pino";
import { createProbot, ProbotOctokit, type Probot } from "probot";
import type { RequestHandler } from "../../server.js";
import type { BackgroundWork } from "../../runtime/background.js";
import { BodyTooLargeError, header, readBody, safeEqual, sendJson } from "../../runtime/http.js";
import { createLog } from "../../runtime/log.js";
import type { Pacer } from "../../runtime/pacer.js";
import { createGitHubApp, type GitHubAppDeps } from "./app.js";
import { prioritizeDelivery } from "./delivery-priority.js";
import { createPacingPlugin } from "./pacing.js";

/** The GitHub App variables that must be set for frontdesk to serve GitHub. */
export const GITHUB_VARIABLES = ["APP_ID", "PRIVATE_KEY or PRIVATE_KEY_PATH", "WEBHOOK_SECRET"] as const;

export function isGitHubConfigured(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.APP_ID && (env.PRIVATE_KEY || env.PRIVATE_KEY_PATH) && env.WEBHOOK_SECRET);
}

/**
 * Probot from Probot's own variables (APP_ID, PRIVATE_KEY, WEBHOOK_SECRET,
 * GHE_HOST, GHE_PROTOCOL), with frontdesk's pacing per installation in place
 * of Probot's throttling and retries, logging through `log` (frontdesk's
 * logger; without it one at LOG_LEVEL, default warn as Probot's): Probot's
 * own error handler logs every failed delivery with the error @octokit/webhooks
 * gave it, payload included, and only frontdesk's serializer keeps that out.
 */
export function createGitHubProbot(env: NodeJS.ProcessEnv, pacer: Pacer, log: Logger = createLog({ level: env.LOG_LEVEL || "warn" })): Probot {
  const Octokit = ProbotOctokit.plugin(createPacingPlugin({ pacer })).defaults(
    // A function, so that it runs after Probot merged its own throttle options in.
    (options: Record<string, unknown>) => ({
      ...options,
      throttle: { ...(options.throttle as object), enabled: false },
      retry: { enabled: false },
    }),
  );
  return createProbot({ env, defaults: { Octokit }, overrides: { log } });
}

export interface GitHubHandlerOptions {
  secret: string;
  path?: string;
  /** Where deliveries are processed after the answer; without it, before (tests). */
  background?: BackgroundWork;
}

/**
 * POST /api/github/webhooks: verifies the signature itself so that a bad one
 * is a 401 (Probot's middleware answers 400), answers 202 at once and hands
 * the event to Probot in the background.
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
      // The rest of the body is still on its way: the connection cannot carry another request.
      response.setHeader("connection", "close");
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
    if (payload === null || typeof payload !== "object" || Array.isArray(payload)) {
      sendJson(response, 400, { error: "the body is not a JSON object" });
      return true;
    }
    const event = { id, name, payload } as Parameters<Probot["receive"]>[0];
    if (!options.background) {
      await probot.receive(event);
      sendJson(response, 200, { ok: true });
    } else if (options.background.start(`github ${name} ${id}`, () => probot.receive(event), prioritizeDelivery(deps.cache, name, payload), laneOf(payload))) {
      sendJson(response, 202, { accepted: id });
    } else {
      sendJson(response, 503, { error: "too much work in progress; GitHub will show the delivery as failed" });
    }
    return true;
  };
}

/**
 * Deliveries of one installation share a lane, and the installation is the
 * tenant whose share of the queue they fill: a burst or a flood in one never
 * holds up another.
 */
function laneOf(payload: unknown): string {
  const installation = (payload as { installation?: { id?: number } }).installation?.id;
  return installation === undefined ? "github" : `github:${installation}`;
}

function sign(body: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}
