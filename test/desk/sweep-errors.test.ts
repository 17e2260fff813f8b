import { describe, expect, it } from "vitest";
import { isRateLimitError } from "../../src/desk/sweep-errors.js";

/** Shaped like Octokit's RequestError: status on the error, the response beside it. */
const octokit = (status: number, headers: Record<string, unknown> = {}, message = "", data: unknown = undefined) =>
  Object.assign(new Error(message), { status, response: { status, headers, data } });

/** Shaped like gitbeaker's errors: the response is kept in `cause`. */
const gitbeaker = (status: number) => new Error("request failed", { cause: { response: { status, headers: {} } } });

describe("isRateLimitError", () => {
  it.each<{ name: string; error: unknown; rateLimited: boolean }>([
    { name: "GitHub 429", error: octokit(429), rateLimited: true },
    { name: "GitHub 403 with retry-after (secondary limit)", error: octokit(403, { "retry-after": "60" }), rateLimited: true },
    { name: "GitHub 403 with x-ratelimit-remaining 0 (primary limit)", error: octokit(403, { "x-ratelimit-remaining": "0" }), rateLimited: true },
    { name: "x-ratelimit-remaining as the number 0", error: octokit(403, { "x-ratelimit-remaining": 0 }), rateLimited: true },
    { name: "403 whose message says so", error: octokit(403, {}, "API rate limit exceeded for installation ID 1"), rateLimited: true },
    {
      name: "403 whose body says so",
      error: octokit(403, {}, "Forbidden", { message: "You have exceeded a secondary Rate Limit." }),
      rateLimited: true,
    },
    { name: "a status only in the response", error: { response: { status: 429 } }, rateLimited: true },
    { name: "GitLab 429, kept in cause", error: gitbeaker(429), rateLimited: true },
    { name: "403 for a missing permission", error: octokit(403, { "x-ratelimit-remaining": "4999" }, "Resource not accessible by integration"), rateLimited: false },
    { name: "GitLab 403", error: gitbeaker(403), rateLimited: false },
    { name: "404 that mentions a rate limit", error: octokit(404, { "retry-after": "60" }, "rate limit"), rateLimited: false },
    { name: "500", error: octokit(500), rateLimited: false },
    { name: "a status as text", error: { status: "429" }, rateLimited: false },
    { name: "an error without a status", error: new Error("rate limit"), rateLimited: false },
    { name: "null", error: null, rateLimited: false },
    { name: "a string", error: "429", rateLimited: false },
    { name: "a number", error: 429, rateLimited: false },
  ])("$name: $rateLimited", ({ error, rateLimited }) => {
    expect(isRateLimitError(error)).toBe(rateLimited);
  });
});
