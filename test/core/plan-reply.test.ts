import { describe, expect, it } from "vitest";
import { writeMarker } from "../../src/core/marker.js";
import { hasReplied, planReply, REFUSAL_QUIET_MS, replyTarget, wasRefusedRecently, type ReplyLine } from "../../src/core/plan-reply.js";
import type { Actor, Comment } from "../../src/core/types.js";
import { specConfig } from "../helpers/core.js";

const config = specConfig();
const NOW = new Date("2026-11-26T13:00:00Z");
const SELF: Actor = { login: "frontdesk[bot]", isBot: true, isSelf: true };
const reply = (data: object, createdAt = NOW, author: Actor = SELF): Comment => ({ id: 90, author, body: `Sorry.\n\n${writeMarker("reply", data)}`, createdAt });
const MALFORMED: ReplyLine = { key: "malformed", vars: { command: "/urgency soon", accepted: "`/urgency emergency` or `/urgency task`" } };
const UNAVAILABLE: ReplyLine = { key: "unavailable", vars: { function: "seo" } };

describe("replyTarget and hasReplied", () => {
  it.each<[string, string, number | undefined]>([
    ["a reply names the comment it answers", `Sorry.\n\n${writeMarker("reply", { to: 42 })}`, 42],
    ["an acknowledgement answers no comment", `Thanks.\n\n${writeMarker("ack", { to: 42 })}`, undefined],
    ["a reply whose target is no number", `Sorry.\n\n${writeMarker("reply", { to: "42" })}`, undefined],
  ])("%s", (_name, body, expected) => {
    expect(replyTarget(body)).toBe(expected);
  });

  it("counts only frontdesk's own replies to that comment", () => {
    expect(hasReplied([reply({ to: 42 })], 42)).toBe(true);
    expect(hasReplied([reply({ to: 42 })], 43)).toBe(false);
    expect(hasReplied([reply({ to: 42 }, NOW, { login: "client-joe", isBot: false })], 42)).toBe(false);
  });
});

describe("planReply", () => {
  it("one line per message, then the marker naming the comment", () => {
    expect(planReply(config, [], 42, [MALFORMED, UNAVAILABLE])).toBe(
      "Sorry, I could not read `/urgency soon`. Please use `/urgency emergency` or `/urgency task`.\n" +
        "Nobody for `seo` is available right now (away or at capacity), so nobody was booked.\n\n" +
        '<!-- frontdesk:reply {"to":42} -->',
    );
  });

  it("a refusal names whom it refused", () => {
    const line: ReplyLine = { key: "refused", vars: { command: "/project", contact: "@ann", client: "ACME GmbH" } };
    expect(planReply(config, [], 42, [line], "client-joe")).toBe(
      'Thanks! `/project` is for our team only, so nothing has changed. @ann will take care of your request.\n\n<!-- frontdesk:reply {"to":42,"refused":"client-joe"} -->',
    );
  });

  it.each<[string, Comment[], ReplyLine[]]>([
    ["nothing to say", [], []],
    ["already answered", [reply({ to: 42 })], [MALFORMED]],
  ])("nothing when %s", (_name, comments, lines) => {
    expect(planReply(config, comments, 42, lines)).toBeUndefined();
  });
});

describe("wasRefusedRecently", () => {
  const ago = (ms: number) => new Date(NOW.getTime() - ms);
  it.each<[string, Comment[], string, boolean]>([
    ["refused a minute ago", [reply({ to: 1, refused: "client-joe" }, ago(60_000))], "client-joe", true],
    ["the login in another case", [reply({ to: 1, refused: "Client-Joe" }, ago(60_000))], "client-JOE", true],
    ["refused exactly an hour ago: the hour is over", [reply({ to: 1, refused: "client-joe" }, ago(REFUSAL_QUIET_MS))], "client-joe", false],
    ["refused someone else", [reply({ to: 1, refused: "client-ann" }, ago(60_000))], "client-joe", false],
    ["a reply that refused nobody", [reply({ to: 1 }, ago(60_000))], "client-joe", false],
    ["a refusal someone else wrote", [reply({ to: 1, refused: "client-joe" }, ago(60_000), { login: "mallory", isBot: false })], "client-joe", false],
  ])("%s", (_name, comments, login, expected) => {
    expect(wasRefusedRecently(comments, login, NOW)).toBe(expected);
  });
});
