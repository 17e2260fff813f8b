import { describe, expect, it } from "vitest";
import { locatePath } from "../../src/config/locate.js";

const TEXT = `# comment
team:
  contacts: [alice, ann]
  functions:
    development:
      - bob
      - carol
  leads:
urgency: &u
  default: task
copy: *u
"size: S": 1h
`;

describe("locatePath", () => {
  it.each([
    { path: [], target: "value", at: { line: 2, col: 1 } },
    { path: ["team"], target: "value", at: { line: 2, col: 1 } },
    { path: ["team", "contacts"], target: "value", at: { line: 3, col: 13 } },
    { path: ["team", "contacts"], target: "key", at: { line: 3, col: 3 } },
    { path: ["team", "contacts", 1], target: "value", at: { line: 3, col: 21 } },
    { path: ["team", "functions", "development", 1], target: "value", at: { line: 7, col: 9 } },
    { path: ["team", "functions"], target: "value", at: { line: 4, col: 3 } },
    { path: ["team", "leads"], target: "value", at: { line: 8, col: 3 } },
    { path: ["team", "capacity"], target: "value", at: { line: 2, col: 1 } },
    { path: ["team", "contacts", 5], target: "value", at: { line: 3, col: 3 } },
    { path: ["nothing", "here"], target: "value", at: { line: 2, col: 1 } },
    { path: ["copy", "default"], target: "value", at: { line: 10, col: 12 } },
    { path: ["size: S"], target: "key", at: { line: 12, col: 1 } },
  ] as const)("$path ($target) is at $at.line:$at.col", ({ path, target, at }) => {
    expect(locatePath(TEXT, path, target)).toEqual(at);
  });

  it("falls back to 1:1 for an empty text", () => {
    expect(locatePath("", ["team"])).toEqual({ line: 1, col: 1 });
  });
});
