import { describe, expect, it } from "vitest";
import { createLog } from "../../src/runtime/log.js";
import { LogContext } from "../../src/runtime/log-context.js";
import { formatPretty, prettyDestination } from "../../src/runtime/log-pretty.js";

const TIME = Date.UTC(2026, 10, 26, 9, 14, 3, 512);

describe("formatPretty", () => {
  it("writes time, level, message and the other fields on one line", () => {
    const line = JSON.stringify({ level: 30, time: TIME, pid: 1, hostname: "h", name: "frontdesk", msg: "frontdesk listening on port 3000", address: { port: 3000 } });
    expect(formatPretty(line)).toBe('09:14:03.512 INFO  frontdesk listening on port 3000  address={"port":3000}\n');
  });

  it("names a logger other than frontdesk's, and puts an error's type, call and stack below", () => {
    const err = { type: "RequestError", message: "fault", status: 500, stack: "HttpError: fault\n    at fetchWrapper (x.js:1:1)", request: { method: "POST", url: "/repos/a/b/issues/7/comments" } };
    const line = JSON.stringify({ level: 50, time: TIME, name: "probot", delivery: "d-1", repo: "acme/site", issue: 7, err, msg: "fault" });
    expect(formatPretty(line).split("\n")).toEqual([
      "09:14:03.512 ERROR [probot] fault  delivery=d-1 repo=acme/site issue=7",
      "             RequestError: fault POST /repos/a/b/issues/7/comments",
      "             at fetchWrapper (x.js:1:1)",
      "",
    ]);
  });

  it("leaves a line that is not JSON as it is", () => {
    expect(formatPretty("plain text")).toBe("plain text\n");
  });
});

describe("createLog", () => {
  it("pretty: through the same serializers and redaction as JSON", () => {
    const out: string[] = [];
    const log = createLog({ format: "pretty" }, { write: (text: string) => void out.push(text) });
    log.info({ token: "ghs_secret", repo: "acme/site" }, "hello");
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} INFO  hello {2}token=\[redacted\] repo=acme\/site\n$/u);
    expect(prettyDestination({ write: () => true })).toHaveProperty("write");
  });

  it("adds the running delivery's fields to every line, the line's own fields first", async () => {
    const lines: Record<string, unknown>[] = [];
    const context = new LogContext();
    const log = createLog({ context }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    log.info("outside");
    await context.run({ delivery: "d-1", event: "issues", repo: "acme/site", issue: 7 }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      log.child({ name: "probot" }).warn({ repo: "acme/other" }, "inside");
    });
    expect(lines[0]).not.toHaveProperty("delivery");
    expect(lines[1]).toMatchObject({ delivery: "d-1", event: "issues", repo: "acme/other", issue: 7, msg: "inside" });
  });
});
