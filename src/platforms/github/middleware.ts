import { createHmac, createPrivateKey } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Logger } from "pino";
import { createProbot, ProbotOctokit, type Probot } from "probot";
import type { RequestHandler } from "../../server.js";
import type { BackgroundWork } from "../../runtime/background.js";
import type { DeliveryQueue } from "../../runtime/delivery-queue.js";
import { BodyTooLargeError, header, readBody, safeEqual, sendJson } from "../../runtime/http.js";
import { createLog } from "../../runtime/log.js";
import type { LogFields } from "../../runtime/log-context.js";
import type { Pacing } from "../../runtime/pacer.js";
import { SettingsError } from "../../runtime/settings.js";
import { createGitHubApp, type GitHubAppDeps } from "./app.js";
import { prioritizeDelivery } from "./delivery-priority.js";
import { createPacingPlugin } from "./pacing.js";

/** The GitHub App variables that must be set for frontdesk to serve GitHub. */
export const GITHUB_VARIABLES = ["APP_ID", "PRIVATE_KEY or PRIVATE_KEY_PATH", "WEBHOOK_SECRET"] as const;

export function isGitHubConfigured(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.APP_ID && (env.PRIVATE_KEY || env.PRIVATE_KEY_PATH) && env.WEBHOOK_SECRET);
}

/** A GitHub App variable frontdesk cannot use; the message never shows the key or the secret. */
export class GitHubSettingsError extends SettingsError {
  override readonly name = "GitHubSettingsError";
}

/**
 * Checks the GitHub App's variables before anything is built from them, so
 * that a bad one stops the start with one line rather than failing at the
 * first delivery: APP_ID a number, the private key a PEM key Node can read
 * (PRIVATE_KEY as the file's text, with its newlines or as `\n`, or base64;
 * or the file at PRIVATE_KEY_PATH), GHE_PROTOCOL http or https.
 *
 * @throws GitHubSettingsError naming the variable.
 */
export function checkGitHubSettings(env: NodeJS.ProcessEnv): void {
  if (!/^\d+$/u.test(env.APP_ID?.trim() ?? "")) throw new GitHubSettingsError(`APP_ID=${JSON.stringify(env.APP_ID)} is not a GitHub App id: use the number on the app's settings page`);
  const protocol = env.GHE_PROTOCOL?.trim();
  if (protocol && protocol !== "http" && protocol !== "https") throw new GitHubSettingsError(`GHE_PROTOCOL=${JSON.stringify(protocol)} is not http or https`);
  const [name, text] = env.PRIVATE_KEY ? ["PRIVATE_KEY", normalizePem(env.PRIVATE_KEY)] : ["PRIVATE_KEY_PATH", readKeyFile(env.PRIVATE_KEY_PATH ?? "")];
  try {
    if (!/-----BEGIN (RSA )?PRIVATE KEY-----/u.test(text)) throw new Error("no BEGIN line");
    createPrivateKey(text);
  } catch {
    const what = name === "PRIVATE_KEY" ? "PRIVATE_KEY is not a PEM private key" : `PRIVATE_KEY_PATH=${JSON.stringify(env.PRIVATE_KEY_PATH)} is not a PEM private key file`;
    throw new GitHubSettingsError(`${what}: use the .pem file GitHub generated for the app (-----BEGIN RSA PRIVATE KEY----- ...)`);
  }
}

function readKeyFile(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new GitHubSettingsError(`PRIVATE_KEY_PATH=${JSON.stringify(path)} cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
}

/** PRIVATE_KEY as Probot reads it: base64, or the PEM with `\n` for its newlines, or all on one line. */
function normalizePem(value: string): string {
  let text = value.trim();
  if (!text.includes("-----BEGIN") && Buffer.from(text, "base64").toString("base64") === text) text = Buffer.from(text, "base64").toString("utf8");
  text = text.replace(/\\n/gu, "\n");
  const match = /^(-----BEGIN [A-Z ]+-----)\s*([\s\S]*?)\s*(-----END [A-Z ]+-----)$/u.exec(text.trim());
  return match ? `${match[1]}\n${match[2]!.replace(/\s+/gu, "\n")}\n${match[3]}\n` : text;
}

/**
 * Probot from Probot's own variables (APP_ID, PRIVATE_KEY, WEBHOOK_SECRET,
 * GHE_HOST, GHE_PROTOCOL), with frontdesk's pacing per installation in place
 * of Probot's throttling and retries, logging through `log` (frontdesk's
 * logger; without it one at LOG_LEVEL, default warn as Probot's): Probot's
 * own error handler logs every failed delivery with the error @octokit/webhooks
 * gave it, payload included, and only frontdesk's serializer keeps that out.
 */
export function createGitHubProbot(env: NodeJS.ProcessEnv, pacer: Pacing, log: Logger = createLog({ level: env.LOG_LEVEL || "warn" })): Probot {
  const Octokit = ProbotOctokit.plugin(createPacingPlugin({ pacer })).defaults(
    // A function, so that it runs after Probot merged its own throttle options in.
    (options: Record<string, unknown>) => ({
      ...options,
      throttle: { ...(options.throttle as object), enabled: false },
      retry: { enabled: false },
    }),
  );
  // frontdesk paces itself: REDIS_URL is frontdesk's, not a request for Probot's Bottleneck cluster.
  return createProbot({ env, defaults: { Octokit }, overrides: { log, redisConfig: undefined } });
}

export interface GitHubHandlerOptions {
  secret: string;
  path?: string;
  /** Where deliveries are processed after the answer; without it, before (tests). */
  background?: BackgroundWork;
  /** With REDIS_URL: the replicas' queue, which the deliveries go to instead of `background`. */
  queue?: DeliveryQueue;
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
  options.queue?.register("github", (delivery) => probot.receive(delivery.data as Parameters<Probot["receive"]>[0]));
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
    if (options.queue) {
      const queued = { platform: "github", id, label: `github ${name} ${id}`, priority: prioritizeDelivery(deps.cache, name, payload), lane: laneOf(payload), tenant: laneOf(payload), fields: logFields(id, name, payload), data: event };
      if (await options.queue.submit(queued)) sendJson(response, 202, { accepted: id });
      else sendJson(response, 503, { error: "the delivery cannot be queued now; GitHub will show it as failed" });
    } else if (!options.background) {
      await probot.receive(event);
      sendJson(response, 200, { ok: true });
    } else if (options.background.start(`github ${name} ${id}`, () => probot.receive(event), prioritizeDelivery(deps.cache, name, payload), laneOf(payload), undefined, logFields(id, name, payload))) {
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

/** The delivery as every line of its work names it: id, event, and the repository and issue its payload names. */
function logFields(delivery: string, event: string, payload: object): LogFields {
  const { repository, issue, pull_request: pull } = payload as { repository?: { full_name?: unknown }; issue?: { number?: unknown }; pull_request?: { number?: unknown } };
  const fields: LogFields = { delivery, event };
  if (typeof repository?.full_name === "string") fields.repo = repository.full_name;
  const number = issue?.number ?? pull?.number;
  if (typeof number === "number") fields.issue = number;
  return fields;
}

function sign(body: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}
