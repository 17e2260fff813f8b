import { describe, expect, it } from "vitest";
import { buildIssueMutation, buildUsersQuery } from "../../../src/platforms/github/issue-mutations.js";
import { BOARD_DOCUMENTS, setFieldsDocument } from "../../../src/platforms/github/projects.js";
import { checkGraphQL } from "../../helpers/graphql.js";

/** Variables of the shape frontdesk sends with each document. */
const VARIABLES: Record<keyof typeof BOARD_DOCUMENTS, Record<string, unknown>> = {
  organizationBoard: { login: "acme-agency", number: 7 },
  userBoard: { login: "lena", number: 2 },
  issueItems: { issueId: "I_kwDOA" },
  addItem: { projectId: "PVT_kwDOA", contentId: "I_kwDOA" },
  deleteItem: { projectId: "PVT_kwDOA", itemId: "PVTI_lADOA" },
};

describe("GraphQL documents against GitHub's schema (@octokit/graphql-schema)", () => {
  it.each(Object.entries(BOARD_DOCUMENTS))("%s is valid, with its variables", (name, document) => {
    expect(checkGraphQL(document, VARIABLES[name as keyof typeof BOARD_DOCUMENTS])).toEqual([]);
  });

  // Every combination of the four parts of a ticket's labels-and-assignees update.
  const combinations = Array.from({ length: 15 }, (_, bits) => bits + 1).map((bits) => ({
    issueId: "I_kwDOA",
    addLabelIds: bits & 1 ? ["LA_kwDOA"] : [],
    removeLabelIds: bits & 2 ? ["LA_kwDOB"] : [],
    addAssigneeIds: bits & 4 ? ["MDQ6VXNlcjE="] : [],
    removeAssigneeIds: bits & 8 ? ["MDQ6VXNlcjI="] : [],
  }));
  it.each(combinations)("the issue update %j is valid", (mutation) => {
    const built = buildIssueMutation(mutation)!;
    expect(checkGraphQL(built.query, built.variables)).toEqual([]);
  });

  it.each([1, 3])("setting %i fields of a board item in one mutation is valid", (count) => {
    const variables: Record<string, unknown> = { projectId: "PVT_kwDOA", itemId: "PVTI_lADOA" };
    const values = [{ singleSelectOptionId: "f75ad846" }, { date: "2026-11-26" }, { text: "ACME GmbH" }];
    for (let index = 0; index < count; index++) Object.assign(variables, { [`field${index}`]: `PVTF_${index}`, [`value${index}`]: values[index] });
    expect(checkGraphQL(setFieldsDocument(count), variables)).toEqual([]);
  });

  it("the people lookup is valid, and an empty update builds nothing", () => {
    const { query, variables } = buildUsersQuery(["alice", "bob"]);
    expect(checkGraphQL(query, variables)).toEqual([]);
    expect(buildIssueMutation({ issueId: "I", addLabelIds: [], removeLabelIds: [], addAssigneeIds: [], removeAssigneeIds: [] })).toBeUndefined();
  });

  it("would catch a wrong field, a wrong argument and a wrong variable type", () => {
    const wrongArgument = "mutation M($id: ID!) { addProjectV2ItemById(input: { projectId: $id, issueId: $id }) { item { id } } }";
    expect(checkGraphQL(wrongArgument, { id: "x" })).toContain('Field "issueId" is not defined by type "AddProjectV2ItemByIdInput".');
    const wrongField = "query Q($login: String!) { organization(login: $login) { projectV2(number: 7) { statusField { id } } } }";
    expect(checkGraphQL(wrongField, { login: "a" })).toEqual(['Cannot query field "statusField" on type "ProjectV2".']);
    expect(checkGraphQL(BOARD_DOCUMENTS.organizationBoard, { login: "acme-agency", number: "7" })).toEqual([
      'Variable "$number" got invalid value "7"; Int cannot represent non-integer value: "7"',
    ]);
  });
});
