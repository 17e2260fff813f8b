/**
 * A rate limit the pacer could not absorb ends a sweep: going on would only
 * collect more refusals and take budget from webhooks. What is left is done
 * by the next sweep, since every step is a reconciliation.
 */

type HttpLikeError = {
  status?: unknown;
  message?: unknown;
  response?: { status?: unknown; headers?: Record<string, unknown>; data?: unknown };
  cause?: { response?: { status?: unknown; headers?: unknown } };
};

/**
 * True for GitHub's primary and secondary limits (429, or 403 with
 * `retry-after`, `x-ratelimit-remaining: 0` or a message saying so) and
 * GitLab's 429 (gitbeaker keeps the response in `cause`). A 403 for a
 * missing permission is not a rate limit.
 */
export function isRateLimitError(error: unknown): boolean {
  if (error === null || typeof error !== "object") return false;
  const http = error as HttpLikeError;
  const status = http.status ?? http.response?.status ?? http.cause?.response?.status;
  if (status === 429) return true;
  if (status !== 403) return false;
  const headers = http.response?.headers ?? {};
  if (headers["retry-after"] !== undefined || String(headers["x-ratelimit-remaining"]) === "0") return true;
  const text = `${String(http.message ?? "")} ${JSON.stringify(http.response?.data ?? "")}`;
  return /rate limit/iu.test(text);
}

