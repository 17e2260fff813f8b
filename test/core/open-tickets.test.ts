import { describe, expect, it } from "vitest";
import { countOpenTickets } from "../../src/core/open-tickets.js";
import { ticket } from "../helpers/core.js";

describe("countOpenTickets", () => {
  it.each<[string, Parameters<typeof countOpenTickets>[0], number | undefined, Record<string, number>]>([
    ["nothing open", [], undefined, {}],
    [
      "support tickets per lower-cased assignee",
      [ticket({ number: 1, labels: ["support"], assignees: ["Ann", "bob"] }), ticket({ number: 2, labels: ["SUPPORT"], assignees: ["ann"] })],
      undefined,
      { ann: 2, bob: 1 },
    ],
    ["the ticket being triaged is left out", [ticket({ number: 1, labels: ["support"], assignees: ["ann"] }), ticket({ number: 2, labels: ["support"], assignees: ["ann"] })], 2, { ann: 1 }],
    ["issues with neither the support nor the project-work label do not count", [ticket({ number: 1, labels: ["needs estimate", "bug"], assignees: ["ann"] })], undefined, {}],
    ["pull requests do not count", [ticket({ number: 1, labels: ["support"], assignees: ["ann"], isPullRequest: true })], undefined, {}],
    ["closed issues do not count", [ticket({ number: 1, labels: ["support"], assignees: ["ann"], state: "closed" })], undefined, {}],
  ])("%s", (_name, tickets, except, expected) => {
    expect(countOpenTickets(tickets, except, "project-work", "support")).toEqual(expected);
  });

  it("counts project work as load too, under its label", () => {
    const tickets = [ticket({ number: 1, labels: ["Project-Work"], assignees: ["ann"] }), ticket({ number: 2, labels: ["support"], assignees: ["ann"] })];
    expect(countOpenTickets(tickets, undefined, "project-work", "support")).toEqual({ ann: 2 });
  });

  it("counts the labels under the names it is given, never under default ones", () => {
    const tickets = [
      ticket({ number: 1, labels: ["Kundenanfrage"], assignees: ["ann"] }),
      ticket({ number: 2, labels: ["Projektarbeit"], assignees: ["ann"] }),
      ticket({ number: 3, labels: ["support", "project-work"], assignees: ["bob"] }),
    ];
    expect(countOpenTickets(tickets, undefined, "Projektarbeit", "Kundenanfrage")).toEqual({ ann: 2 });
    // @ts-expect-error the names are the configuration's: there is no default to fall back on
    countOpenTickets(tickets, undefined);
  });
});
