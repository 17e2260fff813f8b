import { RequestError } from "@octokit/request-error";
import { describe, expect, it } from "vitest";
import { createLog, logBackgroundFailure } from "../../src/runtime/log.js";

/** Client text that must never reach the log, and a token that must not either. */
const MARKER = "CLIENT-TEXT-7f3a";
const TOKEN = "ghs_SECRET_TOKEN_9c1e";

function capture(level = "debug") {
  const lines: string[] = [];
  const log = createLog({ level }, { write: (line: string) => void lines.push(line) });
  return { log, lines, parsed: () => lines.map((line) => JSON.parse(line) as Record<string, any>) };
}

/** The error Octokit throws when posting a comment fails: request and response both quote the client. */
function failedCommentWrite() {
  return new RequestError(`Server Error`, 500, {
    request: {
      method: "POST",
      url: `https://api.github.com/repos/acme/site/issues/7/comments?note=${MARKER}`,
      headers: { authorization: `token ${TOKEN}` },
      body: { body: `Thanks! You wrote: ${MARKER}` },
    },
    response: { status: 500, url: "", headers: { "x-github-request-id": "1" }, data: { message: "boom", echo: MARKER } },
  });
}

/** What @octokit/webhooks does to a handler's error: the whole delivery attached. */
function withEvent<T extends Error>(error: T): T {
  const event = { id: "delivery-42", name: "issues", payload: { action: "opened", issue: { body: MARKER }, repository: { full_name: "acme/site" } } };
  return Object.assign(error, { event });
}

describe("frontdesk's log", () => {
  it("keeps what failed and where from a failed API call, drops the request's and response's text and headers", () => {
    const { log, lines, parsed } = capture();
    log.error({ err: withEvent(failedCommentWrite()) }, "delivery failed");
    expect(lines.join("\n")).not.toContain(MARKER);
    expect(lines.join("\n")).not.toContain(TOKEN);
    const { err } = parsed()[0]!;
    expect(err).toMatchObject({
      type: "RequestError",
      message: "Server Error",
      status: 500,
      request: { method: "POST", url: "https://api.github.com/repos/acme/site/issues/7/comments" },
      event: { id: "delivery-42", name: "issues", action: "opened", repo: "acme/site" },
    });
    expect(err.stack).toMatch(/^HttpError: Server Error\n.*failedCommentWrite/su);
    expect(Object.keys(err).sort()).toEqual(["event", "message", "request", "stack", "status", "type"]);
  });

  it("logs each error of an AggregateError (as @octokit/webhooks throws) without its payload, and an error logged as it is", () => {
    const { log, lines, parsed } = capture();
    const aggregate = withEvent(new AggregateError([withEvent(failedCommentWrite()), withEvent(new TypeError("x is undefined"))], "two failed"));
    logBackgroundFailure(log)(aggregate, "github issues delivery-42");
    // Probot's error handler logs the error itself as the first argument.
    log.child({ name: "event", id: "delivery-42" }).error(withEvent(failedCommentWrite()));
    expect(lines.join("\n")).not.toContain(MARKER);
    const [first, second] = parsed();
    expect(first).toMatchObject({ work: "github issues delivery-42", msg: "background work failed", err: { type: "AggregateError", event: { id: "delivery-42" } } });
    expect(first!.err.errors.map((error: { type: string }) => error.type)).toEqual(["RequestError", "TypeError"]);
    expect(second).toMatchObject({ id: "delivery-42", msg: "Server Error", err: { status: 500 } });
  });

  it("follows causes, keeps a GitLab client's description only, and cuts long messages", () => {
    const { log, lines, parsed } = capture();
    const gitlab = new Error("Bad Request", { cause: { description: "title is too long", request: { body: MARKER }, response: { body: MARKER } } });
    const wrapped = new Error("intake failed", { cause: gitlab });
    log.error({ err: wrapped, error: new Error(`echo: ${"x".repeat(600)}${MARKER}`) }, "failed");
    expect(lines.join("\n")).not.toContain(MARKER);
    const line = parsed()[0]!;
    expect(line.err.cause).toMatchObject({ message: "Bad Request", cause: { description: "title is too long" } });
    expect(line.error.message).toMatch(/^echo: x+… \(\d+ more characters\)$/u);
  });

  it("logs a delivery by id and name only, and leaves a plain event name alone", () => {
    const { log, lines, parsed } = capture();
    log.debug({ event: { id: "delivery-1", name: "issues", payload: { action: "opened", issue: { body: MARKER } } } }, "Webhook received");
    log.warn({ event: "Issue Hook", problem: "no project" }, "payload not understood: ignored");
    expect(lines.join("\n")).not.toContain(MARKER);
    expect(parsed().map((line) => line.event)).toEqual([{ id: "delivery-1", name: "issues", action: "opened" }, "Issue Hook"]);
  });

  it("redacts tokens and secrets wherever they are logged as they are", () => {
    const { log, lines } = capture();
    log.info({ token: TOKEN, auth: { token: TOKEN, authorization: `Bearer ${TOKEN}` }, options: { headers: { authorization: TOKEN } }, env: { PRIVATE_KEY: TOKEN } }, "x");
    log.info({ client: { secret: TOKEN, privateKey: TOKEN } }, "y");
    expect(lines).toHaveLength(2);
    expect(lines.join("\n")).not.toContain(TOKEN);
    expect(lines.join("\n")).toContain("[redacted]");
  });
});
