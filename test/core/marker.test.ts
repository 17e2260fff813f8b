import { describe, expect, it } from "vitest";
import { findOwnComment, readMarker, replaceMarker, writeMarker } from "../../src/core/marker.js";
import type { Comment } from "../../src/core/types.js";

const SELF = { login: "frontdesk[bot]", isBot: true, isSelf: true };
const own = (id: number, body: string): Comment => ({ id, author: SELF, body, createdAt: new Date("2026-11-26T09:00:00Z") });

describe("writeMarker and readMarker", () => {
  it("writes a hidden comment that reads back as written", () => {
    const marker = writeMarker("ack", { urgency: "task", project: true });
    expect(marker).toBe('<!-- frontdesk:ack {"urgency":"task","project":true} -->');
    expect(readMarker(`Thanks.\n\n${marker}`)).toEqual({ kind: "ack", data: { urgency: "task", project: true } });
  });

  it("a value containing --> cannot end the comment early, and reads back whole", () => {
    const marker = writeMarker("reply", { note: "a --> b" });
    expect(marker.indexOf("-->")).toBe(marker.length - 3);
    expect(readMarker(marker)).toEqual({ kind: "reply", data: { note: "a --> b" } });
  });

  it.each([
    ["on the last line, with trailing whitespace", 'Text\n<!-- frontdesk:reminder {"due":"x"} -->\n  ', { kind: "reminder", data: { due: "x" } }],
    ["not on the last line", '<!-- frontdesk:ack {"urgency":"task"} -->\nP.S. more text', undefined],
    ["broken JSON", "<!-- frontdesk:ack {urgency:task} -->", undefined],
    ["a kind with characters frontdesk never writes", '<!-- frontdesk:Ack {"a":1} -->', undefined],
    ["someone else's HTML comment", '<!-- renovate:ack {"a":1} -->', undefined],
    ["no marker at all", "Thanks", undefined],
  ])("readMarker: %s", (_name, body, expected) => {
    expect(readMarker(body)).toEqual(expected);
  });
});

describe("replaceMarker", () => {
  it.each([
    ["replaces the trailing marker, keeping the text", `Thanks.\n\n${writeMarker("ack", { urgency: "task" })}`, `Thanks.\n\n${writeMarker("ack", { urgency: "emergency" })}`],
    ["appends one to a body without", "Thanks.", `Thanks.\n\n${writeMarker("ack", { urgency: "emergency" })}`],
  ])("%s", (_name, body, expected) => {
    expect(replaceMarker(body, "ack", { urgency: "emergency" })).toBe(expected);
  });

  it("a replacement value with $& is not expanded", () => {
    const body = replaceMarker(`Thanks.\n\n${writeMarker("ack", { urgency: "task" })}`, "ack", { note: "$&$1" });
    expect(readMarker(body)).toEqual({ kind: "ack", data: { note: "$&$1" } });
  });
});

describe("findOwnComment", () => {
  it("the first of frontdesk's comments with a marker of that kind", () => {
    const comments = [own(1, `Hi\n\n${writeMarker("reply", { to: 3 })}`), own(2, `Ack\n\n${writeMarker("ack", { n: 1 })}`), own(3, `Ack\n\n${writeMarker("ack", { n: 2 })}`)];
    expect(findOwnComment(comments, "ack")).toEqual({ comment: comments[1], marker: { kind: "ack", data: { n: 1 } } });
    expect(findOwnComment(comments, "escalation")).toBeUndefined();
  });

  it("a comment by frontdesk's login without the self flag does not count", () => {
    const impostor: Comment = { ...own(1, writeMarker("ack", { n: 1 })), author: { login: "frontdesk[bot]", isBot: true } };
    expect(findOwnComment([impostor], "ack")).toBeUndefined();
  });
});
