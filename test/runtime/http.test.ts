import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { BodyTooLargeError, header, MAX_BODY_BYTES, readBody, safeEqual, sendJson } from "../../src/runtime/http.js";

/** A request carrying `chunks` as its body; `pulled` says whether any of it was read. */
function request(chunks: Buffer[], headers: IncomingMessage["headers"] = {}) {
  const state = { pulled: false };
  let index = 0;
  const stream = new Readable({
    read() {
      state.pulled = true;
      this.push(index < chunks.length ? chunks[index++] : null);
    },
  });
  return { request: Object.assign(stream, { headers }) as unknown as IncomingMessage, state };
}

const bytes = (count: number, fill = "a") => Buffer.alloc(count, fill);

describe("safeEqual", () => {
  it.each([
    { a: "sha256=abc123", b: "sha256=abc123", equal: true },
    { a: "", b: "", equal: true },
    { a: "sha256=abc123", b: "sha256=abc124", equal: false },
    { a: "sha256=abc123", b: "SHA256=abc123", equal: false },
    { a: "secret", b: "secret-and-more", equal: false },
    { a: "secret-and-more", b: "secret", equal: false },
    { a: "secret", b: "", equal: false },
    { a: "ü", b: "u", equal: false },
  ])("$a vs $b: $equal", ({ a, b, equal }) => {
    expect(safeEqual(a, b)).toBe(equal);
    expect(safeEqual(b, a)).toBe(equal);
  });
});

describe("readBody", () => {
  it("joins the chunks, a character split between two of them included", async () => {
    const text = Buffer.from('{"title":"Grüße"}');
    const split = text.indexOf(0xc3) + 1; // inside the two bytes of "ü"
    const { request: body } = request([text.subarray(0, split), text.subarray(split)]);
    expect(await readBody(body)).toBe('{"title":"Grüße"}');
  });

  it("reads an empty body as the empty string", async () => {
    expect(await readBody(request([]).request)).toBe("");
  });

  it.each([
    { name: "a body of exactly the limit is read", chunks: [bytes(6), bytes(4)], read: "a".repeat(10) },
    { name: "one byte over the limit, in the last chunk, is refused", chunks: [bytes(6), bytes(5)], error: "body is over 10 bytes" },
    { name: "one chunk over the limit is refused", chunks: [bytes(11)], error: "body is over 10 bytes" },
  ])("streamed without a length: $name", async ({ chunks, read, error }) => {
    const reading = readBody(request(chunks).request, 10);
    if (error === undefined) expect(await reading).toBe(read);
    else {
      await expect(reading).rejects.toBeInstanceOf(BodyTooLargeError);
      await expect(reading).rejects.toThrow(error);
    }
  });

  it("refuses a declared length over the limit before reading anything", async () => {
    const { request: body, state } = request([bytes(5)], { "content-length": "11" });
    const reading = readBody(body, 10);
    await expect(reading).rejects.toThrow(new BodyTooLargeError("body of 11 bytes is over 10"));
    await expect(reading).rejects.toMatchObject({ name: "BodyTooLargeError" });
    expect(state.pulled).toBe(false);
  });

  it("counts the bytes that arrive, whatever length was declared", async () => {
    const { request: body } = request([bytes(11)], { "content-length": "3" });
    await expect(readBody(body, 10)).rejects.toThrow("body is over 10 bytes");
  });

  it("limits to 1 MiB by default", async () => {
    expect(MAX_BODY_BYTES).toBe(1_048_576);
    const { request: over, state } = request([], { "content-length": String(MAX_BODY_BYTES + 1) });
    await expect(readBody(over)).rejects.toThrow(`body of ${MAX_BODY_BYTES + 1} bytes is over ${MAX_BODY_BYTES}`);
    expect(state.pulled).toBe(false);
    expect(await readBody(request([bytes(MAX_BODY_BYTES)]).request)).toHaveLength(MAX_BODY_BYTES);
  });
});

describe("header", () => {
  it.each([
    { name: "a single value", headers: { "x-github-event": "issues" }, value: "issues" },
    { name: "the first of a repeated header", headers: { "set-cookie": ["a=1", "b=2"] }, value: "a=1" },
    { name: "undefined when absent", headers: {}, value: undefined },
  ])("$name", ({ headers, value }) => {
    const name = Object.keys(headers)[0] ?? "x-gitlab-token";
    expect(header({ headers } as unknown as IncomingMessage, name)).toBe(value);
  });
});

describe("sendJson", () => {
  it("writes the status, a JSON content type and the serialised body", () => {
    const calls: unknown[][] = [];
    const response = {
      writeHead: (...args: unknown[]) => calls.push(["writeHead", ...args]),
      end: (...args: unknown[]) => calls.push(["end", ...args]),
    } as unknown as ServerResponse;
    sendJson(response, 413, { error: "too large" });
    expect(calls).toEqual([
      ["writeHead", 413, { "content-type": "application/json" }],
      ["end", '{"error":"too large"}'],
    ]);
  });
});
