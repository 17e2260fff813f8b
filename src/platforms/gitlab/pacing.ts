import { createHash } from "node:crypto";
import { createRequesterFn, type FormattedResponse, type RequesterType, type ResourceOptions } from "@gitbeaker/requester-utils";
import type { Log } from "../../desk/port.js";
import { GITLAB_NOTE_LIMITS, GITLAB_REQUEST_LIMITS } from "../../runtime/limits.js";
import { Pacer, type PacerClock, type PacerLimits, type Pacing } from "../../runtime/pacer.js";
import { currentPriority } from "../../runtime/priority.js";
import { sendRequest, type PreparedRequest, type SendRequest } from "./send-request.js";

/**
 * frontdesk's pacing of GitLab API calls, at gitbeaker's request boundary
 * (the GitLab side of github/pacing.ts). GitLab limits requests per user, not
 * writes (docs/gitlab-limits.md), so every call counts in a lane per instance
 * and token; note creation has its own, smaller lane on top. A 429 pauses the
 * lane for as long as GitLab says and the call is tried again; a 5xx is tried
 * again only where repeating cannot do a thing twice, and a note is first
 * looked for before it is posted again.
 */

/** The two pacers of one process: share them between every client of the same token. */
export interface GitLabPacers {
  requests: Pacing;
  notes: Pacing;
}

/** Pacers with frontdesk's GitLab limits (or others, for a self-managed instance or a test). */
export function createGitLabPacers(
  clock?: PacerClock,
  limits: { requests: PacerLimits; notes: PacerLimits } = { requests: GITLAB_REQUEST_LIMITS, notes: GITLAB_NOTE_LIMITS },
): GitLabPacers {
  return { requests: new Pacer(limits.requests, clock), notes: new Pacer(limits.notes, clock) };
}

/** The lane of an instance and token; the token itself never appears in a lane name or a log. */
export function gitLabLane(url: string, token: string): string {
  return `gitlab:${url}:${createHash("sha256").update(token).digest("hex").slice(0, 12)}`;
}

export interface PacedRequesterOptions {
  pacers: GitLabPacers;
  lane: string;
  /** Bound for one attempt once it is sent (pacing waits do not count). */
  timeoutMs: number;
  /** How often one call is tried again after a 429. */
  rateLimitRetries?: number;
  /** How often one call is tried again after a 5xx or a broken connection, where that is safe. */
  serverErrorRetries?: number;
  /** Base delay between tries after a server error, in ms; doubles each time. */
  backoffMs?: number;
  /** Wait when a 429 says nothing about how long, in ms. */
  defaultPauseMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  log?: Log;
  /** One HTTP attempt; tests replace it. */
  send?: SendRequest;
}

/** A gitbeaker `requesterFn` whose calls are paced, and retried as described above. */
export function createPacedRequesterFn(options: PacedRequesterOptions): (resourceOptions: ResourceOptions) => RequesterType {
  const handle = createPacedHandler(options);
  return createRequesterFn(async (_resource, request) => request, (endpoint, request) => handle(endpoint, (request ?? {}) as PreparedRequest));
}

const NOTE_CREATION = /^projects\/[^/]+\/(issues|merge_requests)\/\d+\/notes$/u;

/** The path under `/api/v4/` a request goes to (resources such as IssueNotes put part of it in `prefixUrl`). */
function apiPath(endpoint: string, request: PreparedRequest): string {
  const base = request.prefixUrl ? `${request.prefixUrl.replace(/\/+$/u, "")}/` : "http://gitlab.invalid/api/v4/";
  const path = new URL(endpoint, base).pathname;
  const at = path.indexOf("/api/v4/");
  return at >= 0 ? path.slice(at + "/api/v4/".length) : path.replace(/^\//u, "");
}

function createPacedHandler(options: PacedRequesterOptions) {
  const { pacers, lane } = options;
  const send = options.send ?? sendRequest;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const rateLimitRetries = options.rateLimitRetries ?? 8;
  const serverErrorRetries = options.serverErrorRetries ?? 3;
  const backoffMs = options.backoffMs ?? 500;

  const paced = async (endpoint: string, request: PreparedRequest): Promise<FormattedResponse> => {
    const priority = currentPriority();
    const attempt = () => pacers.requests.run(lane, { write: true, priority }, () => send(endpoint, request, options.timeoutMs));
    const response = isNoteCreation(request.method ?? "GET", apiPath(endpoint, request)) ? await pacers.notes.run(lane, { write: true, priority }, attempt) : await attempt();
    // GitLab says when the minute's allowance is spent: wait before it has to refuse.
    const reset = response.headers["ratelimit-remaining"] === "0" ? resetWait(response.headers["ratelimit-reset"], now()) : undefined;
    if (reset !== undefined) pacers.requests.pause(lane, reset);
    return response;
  };

  return async function handle(endpoint: string, request: PreparedRequest): Promise<FormattedResponse> {
    const method = (request.method ?? "GET").toUpperCase();
    const path = apiPath(endpoint, request);
    const noteCreation = isNoteCreation(method, path);
    let limited = 0;
    let failed = 0;
    // After a failed note creation the note may exist all the same: look before posting it again.
    let check = false;
    for (;;) {
      try {
        if (check) {
          const posted = await findPostedNote(paced, endpoint, request);
          if (posted) return posted;
          check = false;
        }
        return await paced(endpoint, request);
      } catch (error) {
        const status = statusOfError(error);
        if (status === 429 && limited < rateLimitRetries) {
          limited++;
          const wait = rateLimitWait(error, now()) ?? options.defaultPauseMs ?? 60_000;
          const notesOnly = noteCreation && !isInstanceThrottle(error);
          options.log?.warn({ lane, method, path, wait, notesOnly }, "GitLab rate limit (429): lane paused, the call is tried again");
          (notesOnly ? pacers.notes : pacers.requests).pause(lane, wait);
          continue;
        }
        if (!isTransient(error, status) || failed >= serverErrorRetries) throw error;
        if (noteCreation) check = true;
        else if (!isSafeToRepeat(method, path)) throw error;
        options.log?.warn({ lane, method, path, status: status ?? "no answer", attempt: failed + 1 }, "GitLab call failed: tried again");
        await sleep(backoffMs * 2 ** failed);
        failed++;
      }
    }
  };
}

function isNoteCreation(method: string, path: string): boolean {
  return method.toUpperCase() === "POST" && NOTE_CREATION.test(path);
}

/**
 * Calls whose repetition leaves GitLab as one call would: reads, PUTs and
 * DELETEs (labels are added and removed by name, assignees set as a list), a
 * label (a second one is a 409 the tracker expects) and a commit status (the
 * same state again). Not a move: the issue would already be elsewhere.
 */
function isSafeToRepeat(method: string, path: string): boolean {
  if (method === "GET" || method === "HEAD" || method === "PUT" || method === "DELETE") return true;
  return method === "POST" && (/^projects\/[^/]+\/labels$/u.test(path) || /^projects\/[^/]+\/statuses\/[^/]+$/u.test(path));
}

/** A 5xx, or no answer at all because the connection broke; a timeout is not repeated (the call may be stuck). */
function isTransient(error: unknown, status: number | undefined): boolean {
  if (status !== undefined) return status >= 500;
  const name = (error as { name?: string } | undefined)?.name;
  return name === "TypeError" || (error as { code?: string } | undefined)?.code === "ECONNRESET";
}

/** The newest notes on the issue, for one with this body that is not a system note. */
async function findPostedNote(
  paced: (endpoint: string, request: PreparedRequest) => Promise<FormattedResponse>,
  endpoint: string,
  request: PreparedRequest,
): Promise<FormattedResponse | undefined> {
  const body = typeof request.body === "string" ? (JSON.parse(request.body) as { body?: unknown }).body : undefined;
  if (typeof body !== "string") return undefined;
  const { method: _method, body: _body, searchParams: _search, ...rest } = request;
  const listing = await paced(endpoint, { ...rest, method: "GET", searchParams: "sort=desc&order_by=created_at&per_page=20" });
  const notes = Array.isArray(listing.body) ? (listing.body as { body?: unknown; system?: unknown }[]) : [];
  const found = notes.find((note) => note.body === body && note.system !== true);
  return found ? { body: found as Record<string, unknown>, headers: listing.headers, status: 201 } : undefined;
}

/** GitLab names its instance-wide throttles (`RateLimit-Name: throttle_authenticated_api`); the notes limit has none. */
function isInstanceThrottle(error: unknown): boolean {
  const headers = (error as { cause?: { response?: { headers?: Headers } } } | undefined)?.cause?.response?.headers;
  return headers?.get("ratelimit-name")?.startsWith("throttle_") ?? false;
}

function statusOfError(error: unknown): number | undefined {
  const status = (error as { cause?: { response?: { status?: unknown } } } | undefined)?.cause?.response?.status;
  return typeof status === "number" ? status : undefined;
}

/** How long a 429 asks to wait: `Retry-After` (seconds or a date), else `RateLimit-Reset` (epoch seconds). */
export function rateLimitWait(error: unknown, now: number): number | undefined {
  const headers = (error as { cause?: { response?: { headers?: Headers } } } | undefined)?.cause?.response?.headers;
  const retryAfter = headers?.get("retry-after");
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return clampWait(seconds * 1_000);
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return clampWait(date - now);
  }
  return resetWait(headers?.get("ratelimit-reset") ?? undefined, now);
}

function resetWait(reset: string | undefined, now: number): number | undefined {
  const at = Number(reset) * 1_000;
  return reset && Number.isFinite(at) && at > 0 ? clampWait(at - now) : undefined;
}

/** At least a second (GitLab counts in seconds), at most a quarter of an hour (a wrong header must not stop a lane for good). */
function clampWait(ms: number): number {
  return Math.min(MAX_PAUSE_MS, Math.max(1_000, ms));
}

const MAX_PAUSE_MS = 15 * 60_000;
