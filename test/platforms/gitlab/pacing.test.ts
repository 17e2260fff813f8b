import { GitbeakerRequestError, IssueNotes, Issues } from "@gitbeaker/rest";
import type { FormattedResponse } from "@gitbeaker/requester-utils";
import { describe, expect, it } from "vitest";
import { createGitLabPacers, createPacedRequesterFn, gitLabLane, rateLimitWait } from "../../../src/platforms/gitlab/pacing.js";
import { GITLAB_NOTE_LIMITS } from "../../../src/runtime/limits.js";
import type { PreparedRequest } from "../../../src/platforms/gitlab/send-request.js";
import type { PacerLimits } from "../../../src/runtime/pacer.js";
import { withPriority } from "../../../src/runtime/priority.js";
import { ManualClock } from "../../helpers/manual-clock.js";

const HOST = "https://gitlab.example.test";

interface Call {
  at: number;
  method: string;
  endpoint: string;
  query: string;
  body: unknown;
}

type Answer = FormattedResponse | { status: number; headers?: Record<string, string>; body?: unknown } | Error;

/** A GitLab error as gitbeaker throws it: the response is the error's cause. */
function failure(status: number, headers: Record<string, string> = {}, body: object = { message: "failed" }): Error {
  const response = new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
  return new GitbeakerRequestError("failed", { cause: { description: "failed", request: new Request(`${HOST}/api/v4/x`), response } });
}

/** Lets every pending promise settle (gitbeaker's pipeline takes more turns than flush() gives). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

const LIMITS: { requests: PacerLimits; notes: PacerLimits } = {
  requests: { concurrent: 10, writesPerMinute: 100, writesPerHour: 1_000, reserve: 0, backgroundReserve: 0 },
  notes: { concurrent: 10, writesPerMinute: 2, writesPerHour: 100, reserve: 0, backgroundReserve: 0 },
};

/** gitbeaker resources on the paced requester, with a scripted GitLab and a manual clock. */
function setup(answer: (call: Call, index: number) => Answer | Promise<Answer> = () => ({ status: 200, body: {} }), limits = LIMITS) {
  const clock = new ManualClock();
  const calls: Call[] = [];
  const sleeps: number[] = [];
  const send = async (endpoint: string, request: PreparedRequest): Promise<FormattedResponse> => {
    const call = {
      at: clock.now(),
      method: request.method ?? "GET",
      endpoint: new URL(endpoint, `${(request.prefixUrl ?? "").replace(/\/+$/u, "")}/`).pathname.replace(/^\/api\/v4\//u, ""),
      query: request.searchParams ?? "",
      body: typeof request.body === "string" ? JSON.parse(request.body) : undefined,
    };
    calls.push(call);
    const result = await answer(call, calls.length - 1);
    if (result instanceof Error) throw result;
    return { status: result.status, headers: result.headers ?? {}, body: (result.body ?? {}) as FormattedResponse["body"] };
  };
  const requesterFn = createPacedRequesterFn({
    pacers: createGitLabPacers(clock, limits),
    lane: gitLabLane(HOST, "token"),
    timeoutMs: 1_000,
    now: () => clock.now(),
    sleep: async (ms) => void sleeps.push(ms),
    send,
  });
  const settings = { host: HOST, token: "token", queryTimeout: 0, requesterFn, rateLimits: {} };
  return { clock, calls, sleeps, issues: new Issues(settings), notes: new IssueNotes(settings) };
}

describe("GitLab pacing", () => {
  it("waits out a 429 for its Retry-After and tries the write again, holding the whole lane meanwhile", async () => {
    const { clock, calls, issues } = setup((call, index) => (index === 0 ? failure(429, { "retry-after": "30" }) : { status: 200, body: { iid: 7 } }));
    const edit = issues.edit(42, 7, { addLabels: "support" });
    await settle();
    const read = issues.show(8, { projectId: 42 });
    await clock.advance(29_999);
    expect(calls.map((call) => call.at)).toEqual([0]);
    await clock.advance(1);
    await expect(edit).resolves.toEqual({ iid: 7 });
    await expect(read).resolves.toEqual({ iid: 7 });
    expect(calls.map((call) => [call.at, call.method, call.endpoint])).toEqual([
      [0, "PUT", "projects/42/issues/7"],
      [30_000, "PUT", "projects/42/issues/7"],
      [30_000, "GET", "projects/42/issues/8"],
    ]);
    expect(calls[1]!.body).toEqual({ add_labels: "support" });
  });

  it("reads RateLimit-Reset when there is no Retry-After, and waits a minute when there is neither", () => {
    expect(rateLimitWait(failure(429, { "ratelimit-reset": "1000045" }), 1_000_000_000)).toBe(45_000);
    expect(rateLimitWait(failure(429, { "retry-after": "Thu, 01 Jan 1970 00:16:50 GMT" }), 1_000_000)).toBe(10_000);
    expect(rateLimitWait(failure(429, { "retry-after": "999999" }), 0)).toBe(15 * 60_000);
    expect(rateLimitWait(failure(429), 0)).toBeUndefined();
  });

  it("pauses the lane before GitLab has to refuse when a response says the allowance is spent", async () => {
    const { clock, calls, issues } = setup((_call, index) =>
      index === 0 ? { status: 200, headers: { "ratelimit-remaining": "0", "ratelimit-reset": "20" }, body: {} } : { status: 200, body: {} },
    );
    await issues.show(1, { projectId: 42 });
    const next = issues.show(2, { projectId: 42 });
    await clock.advance(19_999);
    expect(calls).toHaveLength(1);
    await clock.advance(1);
    await next;
    expect(calls.map((call) => call.at)).toEqual([0, 20_000]);
  });

  it("tries reads and label edits again after a 502, with growing pauses", async () => {
    const { calls, sleeps, issues } = setup((_call, index) => (index < 2 ? failure(502) : { status: 200, body: { iid: 7 } }));
    await expect(issues.edit(42, 7, { removeLabels: "support" })).resolves.toEqual({ iid: 7 });
    expect(calls).toHaveLength(3);
    expect(sleeps).toEqual([500, 1_000]);
  });

  it("does not repeat a move that failed with a 5xx: it may have happened", async () => {
    const { calls, issues } = setup(() => failure(500));
    await expect(issues.move(42, 7, 43)).rejects.toThrow(GitbeakerRequestError);
    expect(calls).toHaveLength(1);
  });

  it("gives up after its retries and lets the error through", async () => {
    const { calls, issues } = setup(() => failure(503));
    await expect(issues.show(7, { projectId: 42 })).rejects.toThrow(GitbeakerRequestError);
    expect(calls).toHaveLength(4);
  });

  it("does not post a note again when the failed post was written after all", async () => {
    const body = "Thanks!\n\n<!-- frontdesk:ack {} -->";
    const { calls, notes } = setup((call) => {
      if (call.method === "POST") return failure(502);
      return { status: 200, body: [{ id: 5, body: "any news?", system: false }, { id: 6, body, system: false }] };
    });
    await expect(notes.create(42, 7, body)).resolves.toEqual({ id: 6, body, system: false });
    expect(calls.map((call) => `${call.method} ${call.endpoint}?${call.query}`)).toEqual([
      "POST projects/42/issues/7/notes?",
      "GET projects/42/issues/7/notes?sort=desc&order_by=created_at&per_page=20",
    ]);
  });

  it("posts a note again after a 502 when it is not there, once", async () => {
    const { calls, notes } = setup((call, index) => {
      if (call.method === "GET") return { status: 200, body: [{ id: 5, body: "Thanks!", system: true }] };
      return index === 0 ? failure(502) : { status: 201, body: { id: 9 } };
    });
    await expect(notes.create(42, 7, "Thanks!")).resolves.toEqual({ id: 9 });
    expect(calls.map((call) => call.method)).toEqual(["POST", "GET", "POST"]);
  });

  it("keeps notes within their own limit while other calls go on", async () => {
    const { clock, calls, notes, issues } = setup(() => ({ status: 201, body: {} }));
    const posted = [1, 2, 3].map((iid) => notes.create(42, iid, `note ${iid}`));
    await settle();
    await issues.show(4, { projectId: 42 });
    expect(calls.map((call) => `${call.at} ${call.method}`)).toEqual(["0 POST", "0 POST", "0 GET"]);
    await clock.advance(60_000);
    await Promise.all(posted);
    expect(calls.at(-1)).toMatchObject({ at: 60_000, method: "POST", endpoint: "projects/42/issues/3/notes" });
  });

  it("lets an emergency's calls go ahead of a queued burst", async () => {
    const limits = { ...LIMITS, requests: { ...LIMITS.requests, concurrent: 1 } };
    let release = () => {};
    const held = new Promise<Answer>((resolve) => (release = () => resolve({ status: 200, body: {} })));
    // The first call stays open, so that the others queue behind it.
    const { calls, issues } = setup((_call, index) => (index === 0 ? held : { status: 200, body: {} }), limits);
    const first = withPriority("normal", () => issues.show(1, { projectId: 42 }));
    await settle();
    const burst = [2, 3, 4].map((iid) => withPriority("normal", () => issues.show(iid, { projectId: 42 })));
    const emergency = withPriority("urgent", () => issues.show(99, { projectId: 42 }));
    await settle();
    release();
    await Promise.all([first, ...burst, emergency]);
    expect(calls.map((call) => call.endpoint)).toEqual([1, 99, 2, 3, 4].map((iid) => `projects/42/issues/${iid}`));
  });

  it("lets an emergency's note overtake notes that wait for a request slot", async () => {
    const limits = { requests: { ...LIMITS.requests, concurrent: 1 }, notes: GITLAB_NOTE_LIMITS };
    let release = () => {};
    const held = new Promise<Answer>((resolve) => (release = () => resolve({ status: 201, body: {} })));
    const { calls, notes } = setup((_call, index) => (index === 0 ? held : { status: 201, body: {} }), limits);
    const burst = Array.from({ length: 12 }, (_, index) => withPriority("normal", () => notes.create(42, index + 1, "Thanks!")));
    await settle();
    const emergency = withPriority("urgent", () => notes.create(42, 99, "Thanks!"));
    await settle();
    release();
    await Promise.all([...burst, emergency]);
    expect(calls.slice(0, 2).map((call) => call.endpoint)).toEqual(["projects/42/issues/1/notes", "projects/42/issues/99/notes"]);
  });

  it("names a lane by instance and token without showing the token", () => {
    const lane = gitLabLane(HOST, "glpat-secret");
    expect(lane).toMatch(/^gitlab:https:\/\/gitlab\.example\.test:[0-9a-f]{12}$/u);
    expect(lane).not.toContain("secret");
    expect(gitLabLane(HOST, "other")).not.toBe(lane);
  });
});
