import { describe, expect, it } from "vitest";
import { classifyFunction, classifyUrgency } from "../../src/core/classify.js";
import { findCommandLines, MAX_COMMAND_LINES, MAX_QUOTED_LENGTH, parseCommands } from "../../src/core/commands.js";
import { findKeyword, readFormField } from "../../src/core/text-match.js";
import { specConfig, ticket } from "../helpers/core.js";

/**
 * What clients and team members type, at its worst: keywords that look like
 * catastrophic regular expressions, titles of 100 kB, right-to-left text,
 * headings built to make a regular expression backtrack, commands with
 * 10,000 arguments. Each is handled correctly and within a time bound.
 */

/** Runs `task` and returns its result with the time it took, in ms. */
function timed<T>(task: () => T): [T, number] {
  const started = performance.now();
  const result = task();
  return [result, performance.now() - started];
}

describe("keywords", () => {
  it("treats a keyword that is a catastrophic regular expression as text, on a 100 kB title, within 50 ms", () => {
    const config = specConfig({
      urgency: { levels: { emergency: { label: "urgency: emergency", keywords: ["(a+)+$", "(.*a){20}"], respond_within: "1h" }, task: { label: "urgency: task", keywords: [], respond_within: "1d" } }, default: "task" },
      routing: { keywords: { development: ["(a+)+$"], design: ["^(a|aa)+$"] }, default: "development" },
    });
    const title = `${"a".repeat(100_000)}!`;
    classifyUrgency(config, ticket({ title: "warm-up" }));
    const [urgency, ms] = timed(() => classifyUrgency(config, ticket({ title, body: title })));
    expect(urgency).toEqual({ value: "task", rule: "default", detail: "task" });
    expect(ms).toBeLessThan(50);
    // Written out, the keyword is found: it was escaped, not interpreted.
    expect(classifyUrgency(config, ticket({ title: "site says (a+)+$ in red" })).detail).toBe("(a+)+$");
    expect(classifyFunction(config, ticket({ title: "it printed ^(a|aa)+$" }))?.value).toBe("design");
  });

  it("matches whole words and phrases in right-to-left, combining and astral text", () => {
    const keywords = ["لا يعمل", "nicht erreichbar", "down", "ünïcödé", "日本"];
    expect(findKeyword("الموقع لا يعمل منذ الصباح", keywords)).toBe("لا يعمل");
    expect(findKeyword("Seite \u202Bnicht\u00A0erreichbar\u202C!", keywords)).toBe("nicht erreichbar");
    expect(findKeyword("\u202Edown\u202C 🚨", keywords)).toBe("down");
    expect(findKeyword("ÜNÏCÖDÉ everywhere", keywords)).toBe("ünïcödé");
    expect(findKeyword("breakdown", keywords)).toBeUndefined();
    expect(findKeyword("downtown", keywords)).toBeUndefined();
    expect(findKeyword("日本語", keywords)).toBeUndefined();
  });

  it("finds the first keyword in the list's order, across chunks of the list", () => {
    const many = Array.from({ length: 1_000 }, (_, index) => `filler${index}`);
    const keywords = [...many.slice(0, 600), "reachable", ...many.slice(600), "not reachable", "dow"];
    expect(findKeyword("the shop is not reachable", keywords)).toBe("reachable");
    expect(findKeyword("the shop is not\treachable", ["dow", "not reachable", "reachable"])).toBe("not reachable");
    expect(findKeyword("filler999 and filler3", keywords)).toBe("filler3");
    expect(findKeyword("down", keywords)).toBeUndefined();
    expect(findKeyword("anything", ["", "  "])).toBeUndefined();
  });

  it("classifies against 10,000 keywords without holding the process (once to compile, then at once)", () => {
    const keywords = Array.from({ length: 10_000 }, (_, index) => `keyword${index} phrase`);
    const config = specConfig({ routing: { keywords: { development: ["php"], seo: keywords }, default: "development" } });
    const text = `Please look at keyword9999 phrase ${"lorem ipsum ".repeat(1_000)}`;
    const [first, compile] = timed(() => classifyFunction(config, ticket({ title: text })));
    const [again, match] = timed(() => classifyFunction(config, ticket({ title: `${text}!` })));
    expect([first?.detail, again?.detail]).toEqual(["keyword9999 phrase", "keyword9999 phrase"]);
    expect(compile).toBeLessThan(3_000);
    expect(match).toBeLessThan(100);
  });
});

describe("issue forms", () => {
  it.each([
    ["spaces then hashes", `# a${" ".repeat(200_000)}${"#".repeat(200_000)}b`],
    ["a lone carriage return", `# ${" ".repeat(200_000)}${"a".repeat(200_000)}\rx`],
    ["a hundred thousand headings", "### x\n".repeat(100_000)],
  ])("reads a body of %s in linear time", (_name, body) => {
    const [, ms] = timed(() => readFormField(body, ["Urgency"]));
    expect(ms).toBeLessThan(500);
  });

  it("still reads headings as GitHub renders them", () => {
    expect(readFormField("### Urgency\n\nemergency\n\n### Area\n\nDesign", ["Urgency"])).toBe("emergency");
    expect(readFormField("## Urgency ##\nemergency", ["urgency"])).toBe("emergency");
    expect(readFormField("### Urgency#\n_No response_", ["Urgency"])).toBeUndefined();
    expect(readFormField("####### Urgency\nemergency", ["Urgency"])).toBeUndefined();
  });
});

describe("commands", () => {
  const config = specConfig();

  it("answers a command with 10,000 arguments in one short line, quoting only its beginning", () => {
    const line = `/urgency ${Array.from({ length: 10_000 }, (_, index) => `arg${index}`).join(" ")}`;
    const [parsed, ms] = timed(() => parseCommands(config, line));
    expect(ms).toBeLessThan(50);
    expect(parsed.commands).toEqual([]);
    expect(parsed.malformed).toHaveLength(1);
    expect(parsed.malformed[0]!.text).toHaveLength(MAX_QUOTED_LENGTH);
    expect(parsed.malformed[0]!.text).toMatch(/^\/urgency arg0 arg1 .*…$/u);
  });

  it("reads at most a few command lines from one comment", () => {
    const body = "/urgency nonsense\n".repeat(10_000);
    const [parsed, ms] = timed(() => parseCommands(config, body));
    expect(parsed.malformed).toHaveLength(MAX_COMMAND_LINES);
    expect(ms).toBeLessThan(100);
  });

  it("finds a command in a long line with a lone carriage return in linear time", () => {
    const [lines, ms] = timed(() => findCommandLines(`/urgency${" ".repeat(200_000)}${"a".repeat(200_000)}\rx`));
    expect(lines).toHaveLength(1);
    expect(ms).toBeLessThan(200);
  });

  it("quotes by whole characters, so that an emoji is never cut in half", () => {
    const parsed = parseCommands(config, `/book ${"🚨".repeat(200)}`);
    const quoted = parsed.malformed[0]!.text;
    expect(quoted.endsWith("…")).toBe(true);
    expect(quoted.length).toBeLessThanOrEqual(MAX_QUOTED_LENGTH);
    expect(quoted.slice(0, -1)).toMatch(/^\/book (?:🚨)+$/u);
  });
});
