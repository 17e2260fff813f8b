import { describe, expect, it } from "vitest";
import { findCommandLines, joinOr, parseCommands } from "../../src/core/commands.js";
import { messageFor } from "../../src/core/messages.js";
import { specConfig } from "../helpers/core.js";

const config = specConfig();

describe("findCommandLines", () => {
  it.each([
    ["a command alone", "/estimate 2d", ["/estimate 2d"]],
    ["commands among text, each on its line", "Looked at it.\n/urgency emergency\nthanks\n  /project  ", ["/urgency emergency", "/project"]],
    ["CRLF line ends", "hi\r\n/support\r\n", ["/support"]],
    ["not in the middle of a line", "please run /project on this", []],
    ["not a longer word", "/projects\n/estimated 2d\n/supporting", []],
    ["not in a quote", "> /project\nagreed", []],
    ["not in a fenced code block", "```\n/project\n```\n~~~~\n/support\n~~~~\n/estimate 1h", ["/estimate 1h"]],
    ["a fence closes only with its own kind", "```\n~~~\n/project\n```\n/support", ["/support"]],
    ["unknown commands are someone else's", "/cc @bob\n/assign me", []],
    ["case-insensitive command word", "/Estimate 2d", ["/Estimate 2d"]],
  ])("%s", (_name, body, lines) => {
    expect(findCommandLines(body)).toEqual(lines);
  });
});

describe("parseCommands", () => {
  it("reads every command in order", () => {
    const body = "/urgency emergency\n/estimate 1d 4h\n/book SEO\n/project this is big\n/support";
    expect(parseCommands(config, body)).toEqual({
      commands: [
        { name: "urgency", level: "emergency", text: "/urgency emergency" },
        { name: "estimate", duration: "1d4h", text: "/estimate 1d 4h" },
        { name: "book", function: "seo", text: "/book SEO" },
        { name: "project", text: "/project this is big" },
        { name: "support", text: "/support" },
      ],
      malformed: [],
    });
  });

  it("accepts a level by its label", () => {
    expect(parseCommands(config, "/urgency Urgency: Task").commands).toEqual([
      { name: "urgency", level: "task", text: "/urgency Urgency: Task" },
    ]);
  });

  it.each([
    ["/estimate soon", "`/estimate 30m`, `/estimate 4h` or `/estimate 2d`"],
    ["/estimate", "`/estimate 30m`, `/estimate 4h` or `/estimate 2d`"],
    ["/estimate 0h", "`/estimate 30m`, `/estimate 4h` or `/estimate 2d`"],
    ["/urgency whenever", "`/urgency emergency` or `/urgency task`"],
    ["/book development", "`/book seo` or `/book marketing`"],
  ])("%s is malformed and says what is accepted", (text, accepted) => {
    const parsed = parseCommands(config, text);
    expect(parsed.commands).toEqual([]);
    expect(parsed.malformed).toEqual([{ name: text.split(" ")[0]?.slice(1), text, accepted }]);
  });

  it("makes a one-line reply out of a malformed command", () => {
    const [line] = parseCommands(config, "/urgency whenever").malformed;
    const reply = messageFor("malformed", config, { command: line!.text, accepted: line!.accepted });
    expect(reply).toBe("Sorry, I could not read `/urgency whenever`. Please use `/urgency emergency` or `/urgency task`.");
    expect(reply).not.toContain("\n");
  });

  it("says so in German, and when nothing can be booked", () => {
    const german = specConfig({ language: "de", team: { contacts: ["alice"], functions: { development: ["bob"] } }, routing: {} });
    expect(parseCommands(german, "/book seo").malformed[0]?.accepted).toBe(
      "`/book <function>` mit einer Funktion aus `team.bookable` (dort steht noch keine)",
    );
    expect(parseCommands(german, "/urgency bald").malformed[0]?.accepted).toBe("`/urgency emergency` oder `/urgency task`");
  });
});

describe("joinOr", () => {
  it.each([
    [[], ""],
    [["a"], "a"],
    [["a", "b"], "a or b"],
    [["a", "b", "c"], "a, b or c"],
  ])("%j", (values, text) => {
    expect(joinOr(values, "en")).toBe(text);
  });
});
