import { describe, expect, it } from "vitest";
import { parseCommands } from "../../src/core/commands.js";
import { writeMarker } from "../../src/core/marker.js";
import { answer, planRefusal } from "../../src/core/plan-refusal.js";
import { emptyChanges } from "../../src/core/plan.js";
import type { Trigger } from "../../src/core/plan-project.js";
import type { Comment } from "../../src/core/types.js";
import { specConfig, ticket } from "../helpers/core.js";

/** The client side's command: one polite answer naming the contact, at most one per person, ticket and hour. */

const config = specConfig();
const NOW = new Date("2026-11-26T13:00:00Z");
const SELF = { login: "frontdesk[bot]", isBot: true, isSelf: true };
const ACK: Comment = { id: 1, author: SELF, body: `Thanks!\n\n${writeMarker("ack", { urgency: "task", due: "2026-11-27T09:00:00.000Z", contact: "ann" })}`, createdAt: NOW };

function byClient(body: string, internal = false): Extract<Trigger, { kind: "comment" }> {
  return { kind: "comment", commentId: 50, parsed: parseCommands(config, body), authorized: false, author: "client-joe", internal };
}

describe("planRefusal", () => {
  it("answers once, quoting the command neutralised and mentioning the record's contact, and changes nothing else", () => {
    const result = planRefusal({ config, ticket: ticket(), comments: [ACK], trigger: byClient("/urgency `emergency` @all"), now: NOW }, byClient("/urgency `emergency` @all"));
    expect(result).toEqual({
      kind: "plan",
      plan: {
        changes: {
          ...emptyChanges(),
          comments: [
            `Thanks! \`/urgency \u02CBemergency\u02CB @\u200Ball\` is for our team only, so nothing has changed. @ann will take care of your request.\n\n${writeMarker("reply", { to: 50, refused: "client-joe" })}`,
          ],
        },
        board: [],
        reasons: ["refused: client-joe is the client side, not in the roster"],
      },
    });
  });

  it.each<[string, Comment[], Date, string]>([
    ["within the hour of the last refusal", [ACK, { id: 2, author: SELF, body: writeMarker("reply", { to: 40, refused: "client-joe" }), createdAt: new Date(NOW.getTime() - 59 * 60_000) }], NOW, "client-joe was refused within the hour"],
    ["a comment it already answered", [ACK, { id: 2, author: SELF, body: writeMarker("reply", { to: 50 }), createdAt: new Date("2026-11-25T09:00:00Z") }], NOW, "already answered"],
  ])("stays quiet for %s", (_name, comments, now, reason) => {
    expect(planRefusal({ config, ticket: ticket(), comments, trigger: byClient("/project"), now }, byClient("/project"))).toEqual({ kind: "skip", reason });
  });
});

describe("answer", () => {
  it("puts the reply where the command was: an internal note is answered internally", () => {
    const internal = emptyChanges();
    answer(internal, byClient("/project", true), "reply");
    expect(internal).toEqual({ ...emptyChanges(), internalComments: ["reply"] });
    const open = emptyChanges();
    answer(open, byClient("/project"), "reply");
    expect(open).toEqual({ ...emptyChanges(), comments: ["reply"] });
  });
});
