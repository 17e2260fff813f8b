import { describe, expect, it } from "vitest";
import { createCliLog } from "../../src/cli/io.js";
import { createMemoryIo } from "./memory-io.js";

/** The log that `frontdesk report` and `frontdesk sweep` share: one line per warning or error on stderr. */
describe("createCliLog", () => {
  it("writes warnings and errors with the repository, the issue and the error's message", () => {
    const io = createMemoryIo();
    const log = createCliLog(io);
    log.warn({ repo: "acme/site", issue: 12 }, "could not label");
    log.error({ where: "acme/app", err: new Error("502 Bad Gateway") }, "sweep failed");
    log.warn("plain text");
    log.info({ repo: "acme/site" }, "acknowledged");
    log.debug({}, "detail");
    expect(io.err).toBe("warn: could not label (acme/site#12)\nerror: sweep failed (acme/app): 502 Bad Gateway\nwarn: plain text\n");
    expect(io.out).toBe("");
  });

  it("writes info lines too when verbose", () => {
    const io = createMemoryIo();
    createCliLog(io, true).info({ repo: "acme/site", issue: 3 }, "acknowledged");
    expect(io.err).toBe("info: acknowledged (acme/site#3)\n");
  });
});
