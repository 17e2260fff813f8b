import { describe, expect, it } from "vitest";
import { emptyChanges, isEmpty, type Changes } from "../../src/core/plan.js";

describe("emptyChanges and isEmpty", () => {
  it("each empty plan is a fresh object: filling one leaves the next empty", () => {
    const first = emptyChanges();
    first.addLabels.push("support");
    expect(emptyChanges()).toEqual({ addLabels: [], removeLabels: [], assign: [], unassign: [], comments: [] });
    expect(isEmpty(emptyChanges())).toBe(true);
  });

  it.each<[keyof Changes, string]>([
    ["addLabels", "support"],
    ["removeLabels", "needs estimate"],
    ["assign", "ann"],
    ["unassign", "lena"],
    ["comments", "Thanks"],
    ["internalComments", "Only for the team"],
  ])("one entry in %s is a change", (field, value) => {
    const changes: Changes = { ...emptyChanges(), [field]: [value] };
    expect(isEmpty(changes)).toBe(false);
  });
});
