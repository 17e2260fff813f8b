import type { ServerResponse } from "node:http";
import type { RequestHandler } from "../../server.js";
import type { Log } from "../port.js";
import type { Priority } from "../shared/pacer.js";
import { BodyTooLargeError, header, MAX_BODY_BYTES, readBody, safeEqual } from "../shared/http.js";
import type { EventOutcome, GitLabApp } from "./app.js";
import { deliveryKeys, RecentDeliveries } from "./deliveries.js";

/** The endpoint GitLab posts to (SPEC section 6). */
export const GITLAB_WEBHOOK_PATH = "/api/gitlab/webhooks";
export { MAX_BODY_BYTES };

/** The handler's collaborators and limits; everything but `secret`, `app` and `log` has a default. */
export interface GitLabHandlerOptions {
  /** GITLAB_WEBHOOK_SECRET: what GitLab sends as `X-Gitlab-Token`. */
  secret: string;
  app: GitLabApp;
  log: Log;
  path?: string;
  maxBodyBytes?: number;
  deliveries?: RecentDeliveries;
  /**
   * Where the work goes after the answer (the server's BackgroundWork). With
   * it, a delivery is answered 202 as soon as it is verified and parsed;
   * without it (tests), the work is awaited and its outcome answered.
   */
  background?: BackgroundTasks;
  /** How urgent a delivery is, from what is known without a call (an emergency is taken up first). */
  prioritize?: (event: string, payload: Record<string, unknown>) => Priority;
  /** The background lane of this instance and token: its deliveries are worked on a few at a time. */
  lane?: string;
}

/** The part of the server's background-work tracker this handler uses. */
export interface BackgroundTasks {
  start(label: string, task: () => Promise<unknown>, priority?: Priority, lane?: string): boolean;
}

/** The handler, and a way to wait for work that outlived its answer (tests, shutdown). */
export type GitLabWebhookHandler = RequestHandler & { settled(): Promise<void> };

/** A request refused before any work: the status says why. */
export class WebhookRequestError extends Error {
  override readonly name = "WebhookRequestError";
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
  }
}

/**
 * `POST /api/gitlab/webhooks`. Refuses a wrong token (401, nothing read or
 * called), a body over the limit (413) and one that is not JSON (400);
 * answers a delivery seen before with 200 at once, and a new one with 202
 * right after these checks, the work going on in the background: pacing may
 * hold a call back for longer than GitLab's 10 s, and an emergency must not
 * wait for the answer to a burst. Failures are logged with the delivery id,
 * never answered as errors: GitLab does not retry a failed delivery, and a
 * group hook that GitLab disables after failures in one project would stop
 * every other project too. The sweep catches what is missed. Only when the
 * background is full is a delivery refused (503).
 */
export function createGitLabHandler(options: GitLabHandlerOptions): GitLabWebhookHandler {
  const path = options.path ?? GITLAB_WEBHOOK_PATH;
  const deliveries = options.deliveries ?? new RecentDeliveries();
  const inflight = new Set<Promise<unknown>>();

  const handler: RequestHandler = async (request, response) => {
    if ((request.url ?? "/").split("?")[0] !== path) return false;
    if (request.method !== "POST") {
      send(response, 405, { error: "use POST" }, { allow: "POST" });
      return true;
    }
    if (!isValidToken(header(request, "x-gitlab-token"), options.secret)) {
      request.resume();
      options.log.warn({ event: header(request, "x-gitlab-event") }, "GitLab delivery with a wrong or missing X-Gitlab-Token: 401");
      send(response, 401, { error: "wrong or missing X-Gitlab-Token" });
      return true;
    }
    let payload: Record<string, unknown>;
    try {
      payload = parseObject(await readLimitedBody(request, options.maxBodyBytes ?? MAX_BODY_BYTES));
    } catch (error) {
      if (!(error instanceof WebhookRequestError)) throw error;
      send(response, error.status, { error: error.message }, error.status === 413 ? { connection: "close" } : {});
      return true;
    }

    const event = header(request, "x-gitlab-event") ?? "";
    const delivery = header(request, "x-gitlab-event-uuid") ?? header(request, "idempotency-key");
    const log = withFields(options.log, { delivery, event });
    const keys = deliveryKeys(request.headers, event, payload);
    if (!deliveries.claim(keys)) {
      log.debug({}, "delivery seen before: ignored");
      send(response, 200, { status: "duplicate" });
      return true;
    }
    const run = () => {
      const work = runEvent(options.app, event, payload, log).then((outcome) => {
        if (outcome.status === "failed") deliveries.release(keys);
        return outcome;
      });
      inflight.add(work);
      void work.finally(() => inflight.delete(work));
      return work;
    };
    if (!options.background) {
      send(response, 200, await run());
    } else if (options.background.start(`GitLab ${event} ${delivery ?? ""}`.trim(), run, options.prioritize?.(event, payload) ?? "normal", options.lane ?? "gitlab")) {
      send(response, 202, { status: "accepted" });
    } else {
      deliveries.release(keys);
      log.warn({}, "too much work in progress: delivery refused (503)");
      send(response, 503, { error: "too much work in progress; the sweep will find this issue" });
    }
    return true;
  };

  const settled = async (): Promise<void> => {
    while (inflight.size > 0) await Promise.allSettled([...inflight]);
  };
  return Object.assign(handler, { settled });
}

type Outcome = EventOutcome | { status: "failed"; reason: string };

async function runEvent(app: GitLabApp, event: string, payload: unknown, log: Log): Promise<Outcome> {
  try {
    const outcome = await app(event, payload, log);
    log[outcome.status === "done" ? "info" : "debug"]({ outcome: outcome.status, reason: outcome.reason }, "delivery handled");
    return outcome;
  } catch (error) {
    log.error({ err: error }, "delivery failed");
    return { status: "failed", reason: "see frontdesk's log for this delivery" };
  }
}

/** Constant-time (shared/http's safeEqual hashes both sides first); an empty secret admits nobody. */
export function isValidToken(token: string | undefined, secret: string): boolean {
  return token !== undefined && secret !== "" && safeEqual(token, secret);
}

async function readLimitedBody(request: Parameters<typeof readBody>[0], limit: number): Promise<string> {
  try {
    return await readBody(request, limit);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new WebhookRequestError(413, `the body is larger than ${limit} bytes`);
    throw error;
  }
}

function parseObject(body: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new WebhookRequestError(400, "the body is not JSON");
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new WebhookRequestError(400, "the body is not a JSON object");
  }
  return value as Record<string, unknown>;
}

function send(response: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}

/** A logger that adds the delivery's fields to every line. */
function withFields(log: Log, fields: Record<string, unknown>): Log {
  const wrap =
    (level: keyof Log) =>
    (obj: object | string, msg?: string): void => {
      if (typeof obj === "string") log[level](fields, obj);
      else log[level]({ ...fields, ...obj }, msg);
    };
  return { debug: wrap("debug"), info: wrap("info"), warn: wrap("warn"), error: wrap("error") };
}
