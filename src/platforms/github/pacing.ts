import type { Pacing } from "../../runtime/pacer.js";
import { currentPriority } from "../../runtime/priority.js";
import type { GitHubOctokit } from "./octokit.js";

/**
 * An Octokit plugin that replaces Probot's throttling (one write a second for
 * the whole app, and a secondary limit only logged, the write lost) with a
 * lane per installation: calls are paced by a {@link Pacing}, a secondary-limit
 * answer pauses the lane for its `retry-after` and the call is tried again,
 * and a 5xx is retried for calls that are safe to repeat.
 */

export interface PacingOptions {
  pacer: Pacing;
  /** How often a call is tried again after a secondary limit or a server error. */
  retries?: number;
  /** Base delay between tries after a server error, in ms. */
  backoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

type RequestOptions = { method: string; url: string; body?: unknown; [key: string]: unknown };
type HttpError = Error & { status?: number; response?: { headers?: Record<string, string | undefined>; data?: unknown } };

export function createPacingPlugin(options: PacingOptions) {
  const retries = options.retries ?? 4;
  const backoffMs = options.backoffMs ?? 500;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  return (octokit: Pick<GitHubOctokit, "hook" | "log">, octokitOptions: { auth?: { installationId?: number | string } }) => {
    const installation = octokitOptions.auth?.installationId;
    if (installation === undefined) return;
    const lane = `github:${installation}`;
    octokit.hook.wrap("request", async (request, requestOptions) => {
      const call = requestOptions as unknown as RequestOptions;
      const write = isWrite(call);
      const priority = currentPriority();
      for (let attempt = 0; ; attempt++) {
        try {
          return await options.pacer.run(lane, { write, priority }, async () => request(requestOptions));
        } catch (error) {
          const wait = secondaryLimitWait(error as HttpError);
          if (wait !== undefined && attempt < retries) {
            octokit.log.warn(`secondary rate limit on ${call.method} ${call.url}: lane paused ${wait} ms, then tried again`);
            options.pacer.pause(lane, wait);
            continue;
          }
          if (isServerError(error as HttpError) && isSafeToRepeat(call) && attempt < retries) {
            await sleep(backoffMs * 2 ** attempt);
            continue;
          }
          throw error;
        }
      }
    });
  };
}

/** Content-creating calls: everything but reads, and GraphQL mutations. */
function isWrite(call: RequestOptions): boolean {
  if (call.method === "GET" || call.method === "HEAD") return false;
  if (call.url.endsWith("/graphql")) {
    const query = typeof call.query === "string" ? call.query : "";
    return /^\s*mutation\b/u.test(query);
  }
  return !call.url.includes("/access_tokens");
}

/** A POST of a comment that failed may still have been written: the caller checks instead of a blind repeat. */
function isSafeToRepeat(call: RequestOptions): boolean {
  return !(call.method === "POST" && /\/comments$/u.test(call.url));
}

function isServerError(error: HttpError): boolean {
  return error.status === undefined || error.status >= 500;
}

/** GitHub answers a secondary limit with 403 (or 429) and retry-after, or a message saying so. */
function secondaryLimitWait(error: HttpError): number | undefined {
  if (error.status !== 403 && error.status !== 429) return undefined;
  const headers = error.response?.headers ?? {};
  const retryAfter = Number(headers["retry-after"]);
  if (Number.isFinite(retryAfter) && retryAfter > 0) return retryAfter * 1000;
  const message = JSON.stringify(error.response?.data ?? error.message);
  if (/secondary rate limit/iu.test(message)) return 60_000;
  if (headers["x-ratelimit-remaining"] === "0") {
    const reset = Number(headers["x-ratelimit-reset"]) * 1000;
    return Number.isFinite(reset) ? Math.max(1000, reset - Date.now()) : 60_000;
  }
  return undefined;
}
