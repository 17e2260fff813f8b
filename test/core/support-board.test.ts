import { describe, expect, it } from "vitest";
import { planIntake } from "../../src/core/plan-intake.js";
import { specConfig, ticket } from "../helpers/core.js";

const AT = new Date("2026-11-26T09:00:00Z");

function intake(config = specConfig()) {
  const result = planIntake({ config, ticket: ticket({ title: "Website is down", createdAt: AT }), comments: [], openTickets: {}, clockStart: AT, now: AT });
  if (result.kind !== "triage") throw new Error(result.reason);
  return result;
}

describe("the support board as the live view", () => {
  it("puts a new ticket on support_board after everything else, with its Urgency, Due, Client and Function", () => {
    const result = intake();
    expect(result.board ?? []).toEqual([]);
    expect(result.boardLater).toEqual([
      {
        kind: "add",
        board: "https://github.com/orgs/acme-agency/projects/6",
        fields: [
          { name: "Urgency", values: ["emergency", "urgency: emergency"] },
          { name: "Due", values: ["2026-11-26"] },
          { name: "Client", values: ["ACME GmbH"] },
          { name: "Function", values: ["development", "function: development"] },
        ],
      },
    ]);
  });

  it("plans no board without support_board", () => {
    const { support_board: _none, ...config } = specConfig();
    expect(intake(config).boardLater).toBeUndefined();
  });
});
