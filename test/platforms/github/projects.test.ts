import nock from "nock";
import { beforeEach, describe, expect, it } from "vitest";
import type { BoardAction } from "../../../src/core/plan-project.js";
import { parseBoardUrl, ProjectBoards } from "../../../src/platforms/github/projects.js";
import { RepoCache } from "../../../src/runtime/repo-cache.js";
import { ProbotOctokit } from "probot";
import { API, createLogCapture } from "../../helpers/github.js";
import { checkGraphQL, graphqlOperation, type GraphQLCall } from "../../helpers/graphql.js";
import { useStrictNock } from "../../helpers/nock-strict.js";

useStrictNock();

const BOARD = "https://github.com/orgs/acme-agency/projects/7";
const SUPPORT_BOARD = "https://github.com/orgs/acme-agency/projects/6";
const ISSUE = "I_kwDOissue7";
const STATUS = {
  id: "PVTSSF_status7",
  name: "Status",
  dataType: "SINGLE_SELECT",
  options: [
    { id: "opt-todo", name: "Todo" },
    { id: "opt-backlog", name: "Backlog" },
  ],
};

let calls: GraphQLCall[];
let capture: ReturnType<typeof createLogCapture>;
let cache: RepoCache;

beforeEach(() => {
  calls = [];
  capture = createLogCapture();
  cache = new RepoCache();
});

async function createBoards() {
  // A token of its own, so that every request in these tests is a GraphQL one.
  const octokit = new ProbotOctokit({ auth: { token: "ghs_test" }, retry: { enabled: false }, throttle: { enabled: false } });
  return new ProjectBoards(octokit.graphql, cache, capture.log, "acme/site");
}

function graphql(name: string, only?: Record<string, unknown>) {
  return nock(API).post("/graphql", graphqlOperation(name, calls, only));
}

/** A board and its fields as GitHub lists them (a field of another kind comes as an empty object). */
function boardReply(id: string, ...fields: object[]) {
  return { data: { owner: { projectV2: { id, fields: { nodes: fields.length > 0 ? fields : [STATUS, {}] } } } } };
}

/** The combined field mutation's reply. */
const FIELDS_SET = { data: { set0: { projectV2Item: { id: "PVTI_a" } } } };

function errors(): Record<string, unknown>[] {
  return capture.lines.filter((line) => line.level === 50);
}

/** Every request was valid for GitHub's schema, documents and variables. */
function expectValidCalls() {
  for (const call of calls) expect(checkGraphQL(call.query, call.variables), call.operation).toEqual([]);
}

describe("ProjectBoards", () => {
  it("adds an issue with its Status, resolving the board once", async () => {
    graphql("FrontdeskOrganizationBoard").reply(200, boardReply("PVT_7"));
    graphql("FrontdeskAddBoardItem").reply(200, { data: { addProjectV2ItemById: { item: { id: "PVTI_a", status: null } } } });
    graphql("FrontdeskSetBoardFields").reply(200, FIELDS_SET);
    graphql("FrontdeskAddBoardItem").reply(200, { data: { addProjectV2ItemById: { item: { id: "PVTI_b", status: null } } } });
    graphql("FrontdeskSetBoardFields").reply(200, FIELDS_SET);
    const boards = await createBoards();

    await boards.apply(ISSUE, [{ kind: "add", board: BOARD, status: "Backlog" }]);
    await (await createBoards()).apply("I_other", [{ kind: "add", board: BOARD, status: "backlog" }]);

    expect(calls.map(({ operation, variables }) => ({ operation, variables }))).toEqual([
      { operation: "FrontdeskOrganizationBoard", variables: { login: "acme-agency", number: 7 } },
      { operation: "FrontdeskAddBoardItem", variables: { projectId: "PVT_7", contentId: ISSUE } },
      { operation: "FrontdeskSetBoardFields", variables: { projectId: "PVT_7", itemId: "PVTI_a", field0: "PVTSSF_status7", value0: { singleSelectOptionId: "opt-backlog" } } },
      { operation: "FrontdeskAddBoardItem", variables: { projectId: "PVT_7", contentId: "I_other" } },
      { operation: "FrontdeskSetBoardFields", variables: { projectId: "PVT_7", itemId: "PVTI_b", field0: "PVTSSF_status7", value0: { singleSelectOptionId: "opt-backlog" } } },
    ]);
    expectValidCalls();
    expect(errors()).toEqual([]);
  });

  it("leaves the Status of an item a person already placed", async () => {
    graphql("FrontdeskOrganizationBoard").reply(200, boardReply("PVT_7"));
    graphql("FrontdeskAddBoardItem").reply(200, { data: { addProjectV2ItemById: { item: { id: "PVTI_a", status: { name: "In progress" } } } } });
    await (await createBoards()).apply(ISSUE, [{ kind: "add", board: BOARD, status: "Backlog" }]);
    expect(calls.map((call) => call.operation)).toEqual(["FrontdeskOrganizationBoard", "FrontdeskAddBoardItem"]);
  });

  it("removes the issue's item from one board only, and uses a user's board", async () => {
    const userBoard = "https://github.com/users/lena/projects/2";
    graphql("FrontdeskIssueBoardItems").reply(200, {
      data: { node: { projectItems: { nodes: [{ id: "PVTI_on6", project: { id: "PVT_6" } }, { id: "PVTI_on9", project: { id: "PVT_9" } }] } } },
    });
    graphql("FrontdeskOrganizationBoard").reply(200, boardReply("PVT_6"));
    graphql("FrontdeskUserBoard").reply(200, boardReply("PVT_2", {}));
    graphql("FrontdeskAddBoardItem").reply(200, { data: { addProjectV2ItemById: { item: { id: "PVTI_new", status: null } } } });
    graphql("FrontdeskRemoveBoardItem").reply(200, { data: { deleteProjectV2Item: { deletedItemId: "PVTI_on6" } } });

    await (await createBoards()).apply(ISSUE, [
      { kind: "remove", board: SUPPORT_BOARD },
      { kind: "add", board: userBoard },
    ]);

    const sent = Object.fromEntries(calls.map((call) => [call.operation, call.variables]));
    expect(sent).toEqual({
      FrontdeskIssueBoardItems: { issueId: ISSUE },
      FrontdeskOrganizationBoard: { login: "acme-agency", number: 6 },
      FrontdeskUserBoard: { login: "lena", number: 2 },
      FrontdeskAddBoardItem: { projectId: "PVT_2", contentId: ISSUE },
      FrontdeskRemoveBoardItem: { projectId: "PVT_6", itemId: "PVTI_on6" },
    });
    expectValidCalls();
  });

  it("logs a board that is not found with the repository and URL, and still does the rest", async () => {
    graphql("FrontdeskIssueBoardItems").reply(200, { data: { node: { projectItems: { nodes: [{ id: "PVTI_on6", project: { id: "PVT_6" } }] } } } });
    graphql("FrontdeskOrganizationBoard", { number: 7 }).reply(200, {
      data: { owner: { projectV2: null } },
      errors: [{ type: "NOT_FOUND", path: ["owner", "projectV2"], message: "Could not resolve to a ProjectV2 with the number 7." }],
    });
    graphql("FrontdeskOrganizationBoard", { number: 6 }).reply(200, boardReply("PVT_6"));
    graphql("FrontdeskRemoveBoardItem").reply(200, { data: { deleteProjectV2Item: { deletedItemId: "PVTI_on6" } } });

    const actions: BoardAction[] = [
      { kind: "add", board: BOARD, status: "Backlog" },
      { kind: "remove", board: SUPPORT_BOARD },
    ];
    await expect((await createBoards()).apply(ISSUE, actions)).resolves.toBeUndefined();

    expect(calls.map((call) => call.operation)).toContain("FrontdeskRemoveBoardItem");
    expect(errors()).toEqual([
      expect.objectContaining({
        repo: "acme/site",
        project: BOARD,
        msg: "Projects v2: could not add the issue to the board",
        err: expect.stringContaining("Could not resolve to a ProjectV2 with the number 7."),
      }),
    ]);
  });

  it("adds the item without a Status the board lacks, says which options exist, and resolves afresh next time", async () => {
    graphql("FrontdeskOrganizationBoard").reply(200, boardReply("PVT_7"));
    graphql("FrontdeskAddBoardItem").reply(200, { data: { addProjectV2ItemById: { item: { id: "PVTI_a", status: null } } } });
    graphql("FrontdeskOrganizationBoard").reply(200, boardReply("PVT_7", { ...STATUS, options: [...STATUS.options, { id: "opt-new", name: "Next" }] }));
    graphql("FrontdeskAddBoardItem").reply(200, { data: { addProjectV2ItemById: { item: { id: "PVTI_a", status: null } } } });
    graphql("FrontdeskSetBoardFields").reply(200, FIELDS_SET);
    const boards = await createBoards();

    await boards.apply(ISSUE, [{ kind: "add", board: BOARD, status: "Next" }]);
    expect(errors()).toEqual([
      expect.objectContaining({ project: BOARD, err: 'the board\'s Status has no option "Next" (it has "Todo", "Backlog")' }),
    ]);
    // The team renames a column; the next ticket finds it without a restart.
    await boards.apply(ISSUE, [{ kind: "add", board: BOARD, status: "Next" }]);
    expect(calls.at(-1)?.variables).toMatchObject({ value0: { singleSelectOptionId: "opt-new" } });
  });

  it("logs a refused mutation (no permission) and never throws", async () => {
    graphql("FrontdeskOrganizationBoard").reply(200, boardReply("PVT_7"));
    graphql("FrontdeskAddBoardItem").reply(200, {
      data: { addProjectV2ItemById: null },
      errors: [{ type: "FORBIDDEN", path: ["addProjectV2ItemById"], message: "Resource not accessible by integration" }],
    });
    await (await createBoards()).apply(ISSUE, [{ kind: "add", board: BOARD, status: "Backlog" }]);
    expect(errors()).toEqual([expect.objectContaining({ repo: "acme/site", project: BOARD, err: expect.stringContaining("Resource not accessible by integration") })]);
  });

  it("fills the support board's Urgency, Due, Client and Function in one write after the item, and leaves absent fields alone", async () => {
    const fields = [
      STATUS,
      { id: "F_urgency", name: "Urgency", dataType: "SINGLE_SELECT", options: [{ id: "u-task", name: "Task" }, { id: "u-emergency", name: "Emergency" }] },
      { id: "F_due", name: "Due", dataType: "DATE" },
      { id: "F_client", name: "Client", dataType: "TEXT" },
    ];
    graphql("FrontdeskOrganizationBoard").reply(200, boardReply("PVT_6", ...fields));
    graphql("FrontdeskAddBoardItem").reply(200, { data: { addProjectV2ItemById: { item: { id: "PVTI_a", status: null } } } });
    graphql("FrontdeskSetBoardFields").reply(200, FIELDS_SET);
    graphql("FrontdeskOrganizationBoard").reply(200, boardReply("PVT_9", {}));
    graphql("FrontdeskAddBoardItem").reply(200, { data: { addProjectV2ItemById: { item: { id: "PVTI_b", status: null } } } });
    const item: BoardAction = {
      kind: "add",
      board: SUPPORT_BOARD,
      fields: [
        { name: "Urgency", values: ["emergency", "urgency: emergency"] },
        { name: "Due", values: ["2026-11-26"] },
        { name: "Client", values: ["ACME GmbH"] },
        { name: "Function", values: ["development", "function: development"] },
      ],
    };

    await (await createBoards()).apply(ISSUE, [item]);
    await (await createBoards()).apply(ISSUE, [{ ...item, board: "https://github.com/orgs/acme-agency/projects/9" }]);

    expect(calls.map((call) => call.operation)).toEqual(["FrontdeskOrganizationBoard", "FrontdeskAddBoardItem", "FrontdeskSetBoardFields", "FrontdeskOrganizationBoard", "FrontdeskAddBoardItem"]);
    expect(calls[2]?.variables).toEqual({
      projectId: "PVT_6",
      itemId: "PVTI_a",
      field0: "F_urgency",
      value0: { singleSelectOptionId: "u-emergency" },
      field1: "F_due",
      value1: { date: "2026-11-26" },
      field2: "F_client",
      value2: { text: "ACME GmbH" },
    });
    expectValidCalls();
    expect(errors()).toEqual([]);
  });

  it("makes no call without actions", async () => {
    await (await createBoards()).apply(ISSUE, []);
    expect(calls).toEqual([]);
  });
});

describe("parseBoardUrl", () => {
  it.each([
    [BOARD, { owner: "organization", login: "acme-agency", number: 7 }],
    ["https://ghe.example.com/users/lena/projects/12/", { owner: "user", login: "lena", number: 12 }],
    ["https://github.com/acme-agency/projects/7", undefined],
  ])("%s", (url, expected) => {
    expect(parseBoardUrl(url)).toEqual(expected);
  });
});
