import { createHash, randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import type { RequestHandler } from "../../server.js";
import type { Log } from "../../desk/port.js";
import type { DeliveryQueue } from "../../runtime/delivery-queue.js";
import type { LogFields } from "../../runtime/log-context.js";
import type { Priority } from "../../runtime/pacer.js";
import { BodyTooLargeError, header, MAX_BODY_BYTES, readBody, safeEqual } from "../../runtime/http.js";
import type { DeliveryContext, EventOutcome, GitLabApp } from "./app.js";
import { deliveryKeys, RecentDeliveries, type DeliveryRecord } from "./deliveries.js";
import { isWithinScope, type WebhookSecret } from "./settings.js";

/** The endpoint GitLab posts to. */
export const GITLAB_WEBHOOK_PATH = "/api/gitlab/webhooks";
export { MAX_BODY_BYTES };

/** The handler's collaborators and limits; everything but `secrets`, `app` and `log` has a default. */
export interface GitLabHandlerOptions {
  /** GITLAB_WEBHOOK_SECRET: what GitLab may send as `X-Gitlab-Token`, each for every project or one namespace. */
  secrets: readonly WebhookSecret[];
  app: GitLabApp;
  log: Log;
  path?: string;
  maxBodyBytes?: number;
  /** Deliveries taken so far (with REDIS_URL, every replica's). */
  deliveries?: DeliveryRecord;
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
  /** The instance (GITLAB_URL), for the background's tenants: `gitlab:<instance>:<top-level group>`. */
  instance?: string;
  /** With REDIS_URL: the replicas' queue, which deliveries go to instead of `background`. */
  queue?: DeliveryQueue;
}

/** A GitLab delivery as the replicas' queue keeps it. */
interface QueuedGitLabEvent {
  event: string;
  delivery?: string;
  payload: Record<string, unknown>;
  admission: DeliveryContext;
  keys: string[];
}

/** The part of the server's background-work tracker this handler uses. */
export interface BackgroundTasks {
  /** `tenant`: the unit the background shares its room between, so that one flooding group cannot fill it for the others. */
  start(label: string, task: () => Promise<unknown>, priority?: Priority, lane?: string, tenant?: string, fields?: LogFields): boolean;
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
 * called), a body over the limit (413), one that is not JSON (400), and a
 * group's secret for a project the payload places outside that group (401);
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
    const matched = matchSecrets(header(request, "x-gitlab-token"), options.secrets);
    if (matched.length === 0) {
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
    const claimedPath = claimedProjectPath(payload);
    const admission = admit(matched, claimedPath);
    if (!admission) {
      const scopes = matched.map((entry) => entry.scope);
      options.log.warn({ delivery, event, scopes }, "a group's X-Gitlab-Token for a project outside that group: 401");
      send(response, 401, { error: "wrong or missing X-Gitlab-Token" });
      return true;
    }
    const log = withFields(options.log, { delivery, event });
    const keys = deliveryKeys(request.headers, event, payload);
    let fresh: boolean;
    try {
      fresh = await deliveries.claim(keys);
    } catch (error) {
      log.warn({ err: error }, "the record of deliveries cannot be read now: delivery refused (503)");
      send(response, 503, { error: "the delivery cannot be taken now; deliver it again later" });
      return true;
    }
    if (!fresh) {
      log.debug({}, "delivery seen before: ignored");
      send(response, 200, { status: "duplicate" });
      return true;
    }
    const run = () => work({ event, delivery, payload, admission, keys });
    if (options.queue) {
      const id = keys.length > 0 ? createHash("sha256").update(keys.join("\n")).digest("hex").slice(0, 32) : randomUUID();
      const data: QueuedGitLabEvent = { event, ...(delivery ? { delivery } : {}), payload, admission, keys };
      const queued = { platform: "gitlab", id, label: `GitLab ${event} ${delivery ?? ""}`.trim(), priority: options.prioritize?.(event, payload) ?? "normal", lane: options.lane ?? "gitlab", tenant: gitLabTenant(options.instance ?? "", claimedPath), fields: logFields(delivery, event, claimedPath, payload), data };
      if (await options.queue.submit(queued)) send(response, 202, { status: "accepted" });
      else {
        void Promise.resolve(deliveries.release(keys)).catch(() => undefined);
        send(response, 503, { error: "the delivery cannot be queued now; deliver it again later" });
      }
    } else if (!options.background) {
      send(response, 200, await run());
    } else if (options.background.start(`GitLab ${event} ${delivery ?? ""}`.trim(), run, options.prioritize?.(event, payload) ?? "normal", options.lane ?? "gitlab", gitLabTenant(options.instance ?? "", claimedPath), logFields(delivery, event, claimedPath, payload))) {
      send(response, 202, { status: "accepted" });
    } else {
      void Promise.resolve(deliveries.release(keys)).catch(() => undefined);
      log.warn({}, "too much work in progress: delivery refused (503)");
      send(response, 503, { error: "too much work in progress; the sweep will find this issue" });
    }
    return true;
  };

  /** One delivery's work, here or on whichever replica took it from the queue. */
  function work(job: QueuedGitLabEvent): Promise<Outcome> {
    const log = withFields(options.log, { delivery: job.delivery, event: job.event });
    const running = runEvent(options.app, job.event, job.payload, log, job.admission).then(async (outcome) => {
      if (outcome.status === "failed") await Promise.resolve(deliveries.release(job.keys)).catch(() => undefined);
      return outcome;
    });
    inflight.add(running);
    void running.finally(() => inflight.delete(running));
    return running;
  }
  options.queue?.register("gitlab", (queued) => work(queued.data as QueuedGitLabEvent));

  const settled = async (): Promise<void> => {
    while (inflight.size > 0) await Promise.allSettled([...inflight]);
  };
  return Object.assign(handler, { settled });
}

type Outcome = EventOutcome | { status: "failed"; reason: string };

async function runEvent(app: GitLabApp, event: string, payload: unknown, log: Log, delivery: DeliveryContext): Promise<Outcome> {
  try {
    const outcome = await app(event, payload, log, delivery);
    log[outcome.status === "done" ? "info" : "debug"]({ outcome: outcome.status, reason: outcome.reason }, "delivery handled");
    return outcome;
  } catch (error) {
    log.error({ err: error }, "delivery failed");
    return { status: "failed", reason: "see frontdesk's log for this delivery" };
  }
}

/** Constant-time (runtime/http's safeEqual hashes both sides first); an empty secret admits nobody. */
export function isValidToken(token: string | undefined, secret: string): boolean {
  return token !== undefined && secret !== "" && safeEqual(token, secret);
}

/**
 * The entries whose secret is `token`. Every entry is compared, each in
 * constant time, whatever matched before: how long this takes says how many
 * entries there are, not which one matched.
 */
export function matchSecrets(token: string | undefined, secrets: readonly WebhookSecret[]): WebhookSecret[] {
  const matched: WebhookSecret[] = [];
  for (const entry of secrets) {
    const equal = isValidToken(token, entry.secret);
    if (equal) matched.push(entry);
  }
  return matched;
}

/**
 * Whether the matched entries admit a delivery for the project at
 * `claimedPath` (the payload's word, checked against the API's later), and
 * under which scope: none when a secret for every project matched, else the
 * first matched namespace that holds the path. Undefined: refused.
 */
export function admit(matched: readonly WebhookSecret[], claimedPath: string | undefined): DeliveryContext | undefined {
  if (matched.some((entry) => entry.scope === undefined)) return {};
  if (claimedPath === undefined) return undefined;
  const entry = matched.find((candidate) => isWithinScope(claimedPath, candidate.scope));
  return entry ? { scope: entry.scope } : undefined;
}

/** The fairness unit of a delivery: its instance and the top-level group its payload names, lower-cased. */
export function gitLabTenant(instance: string, claimedPath: string | undefined): string {
  const group = claimedPath?.split("/")[0]?.toLowerCase() || "(no project)";
  return `gitlab:${instance}:${group}`;
}

/** What every line of the delivery's work names (and a shutdown that could not finish it): the payload's word, for the log only. */
function logFields(delivery: string | undefined, event: string, repo: string | undefined, payload: Record<string, unknown>): LogFields {
  const attributes = payload.object_attributes as { iid?: unknown } | undefined;
  const iid = payload.object_kind === "note" ? (payload.issue as { iid?: unknown } | undefined)?.iid : attributes?.iid;
  return { ...(delivery ? { delivery } : {}), event, ...(repo ? { repo } : {}), ...(typeof iid === "number" ? { issue: iid } : {}) };
}

/** `project.path_with_namespace` as the payload claims it. */
function claimedProjectPath(payload: Record<string, unknown>): string | undefined {
  const project = payload.project as Record<string, unknown> | null | undefined;
  const path = project && typeof project === "object" ? project.path_with_namespace : undefined;
  return typeof path === "string" && path !== "" ? path : undefined;
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
