import { describe, expect, it } from "vitest";
import { checkPersonKeys, findDuplicates, findRosterNotes, PERSON_KEYS, type PersonKey } from "../../src/config/roster.js";

const TEAM = {
  contacts: ["alice", "ann"],
  functions: { development: ["bob"] },
  bookable: { seo: ["erin"] },
  leads: ["lena"],
  agency: ["max", "@acme/support"],
};

describe("checkPersonKeys", () => {
  it("checks the keys of team.away against the roster, leads and hand-off people included", () => {
    const config = { team: { ...TEAM, away: { bob: [], lena: [], hank: [], bbo: [], max: [] } }, project_work: { handoff: ["hank"] } };
    expect(checkPersonKeys(config).map(({ path, suggestion }) => [path, suggestion])).toEqual([
      [["team", "away", "bbo"], "bob"],
      // An agency colleague is not someone frontdesk assigns, so an absence of theirs changes nothing.
      [["team", "away", "max"], undefined],
    ]);
  });

  it("takes a new per-person key as one more entry of the list, for lists, mappings and single logins", () => {
    const keys: PersonKey[] = [...PERSON_KEYS, { path: ["team", "backup"], names: "items" }, { path: ["team", "duty", "*", "who"], names: "value", agency: true }];
    const config = { team: { ...TEAM, away: {}, backup: ["ann", "anne"], duty: { weekend: { who: "maxx" }, night: { who: "max" } } } };
    expect(checkPersonKeys(config, keys).map(({ path, suggestion }) => [path, suggestion])).toEqual([
      [["team", "backup", 1], "ann"],
      [["team", "duty", "weekend", "who"], "max"],
    ]);
  });

  it("checks team.on_call's rotation and shifts, where agency colleagues may stand in", () => {
    const on_call = { rotation: ["alice", "max", "mxa"], shifts: [{ login: "erin" }, { login: "zed" }] };
    const team = { ...TEAM, on_call };
    const problems = checkPersonKeys({ team });
    expect(problems.map(({ path }) => path)).toEqual([
      ["team", "on_call", "rotation", 2],
      ["team", "on_call", "shifts", 1, "login"],
    ]);
    expect(problems[0]?.detail).toBe('"mxa" is not in the roster (contacts, functions, bookable, leads, handoff, agency); did you mean "max"?');
  });

  it("checks nothing in a shared file without a team", () => {
    expect(checkPersonKeys({ project_work: { handoff: ["hank"] } })).toEqual([]);
  });
});

describe("findRosterNotes", () => {
  it("notes leads and hand-off people nobody assigns, with a near login", () => {
    const notes = findRosterNotes({ team: TEAM, project_work: { handoff: ["bob", "erni"] } });
    expect(notes.map(({ path, suggestion }) => [path, suggestion])).toEqual([
      [["team", "leads", 0], undefined],
      [["project_work", "handoff", 1], "erin"],
    ]);
  });
});

describe("findDuplicates", () => {
  it("finds later entries of a login, ignoring case", () => {
    expect(findDuplicates(["alice", "bob", "Alice", "alice"])).toEqual([
      { index: 2, first: 0 },
      { index: 3, first: 0 },
    ]);
    expect(findDuplicates(["alice", "bob"])).toEqual([]);
  });
});
