import type nock from "nock";
import { checkGraphQL } from "./graphql.js";

/**
 * Mocks for frontdesk's one GraphQL request per issue update (labels and
 * assignees) and its lookup of people's node ids. Node ids are readable in
 * tests: `LA_<label>`, `U_<login>`, `I_<number>`.
 */

export const labelId = (name: string) => `LA_${name}`;
export const userId = (login: string) => `U_${login}`;
export const issueId = (number: number) => `I_${number}`;

/** Labels as GitHub lists them, with node ids. */
export function restLabels(names: readonly string[]) {
  return names.map((name) => ({ name, node_id: labelId(name) }));
}

export interface IssueUpdate {
  issue: number;
  addLabels: string[];
  removeLabels: string[];
  addAssignees: string[];
  removeAssignees: string[];
}

type Body = { query?: string; variables?: Record<string, unknown> };

function strip(ids: unknown, prefix: string): string[] {
  return ((ids as string[] | undefined) ?? []).map((id) => id.slice(prefix.length));
}

/** Reads a FrontdeskIssue mutation back into names, after checking it against GitHub's schema. */
export function decodeIssueUpdate(body: Body): IssueUpdate {
  const errors = checkGraphQL(body.query ?? "", body.variables);
  if (errors.length > 0) throw new Error(`invalid GraphQL: ${errors.join("; ")}`);
  const variables = body.variables ?? {};
  return {
    issue: Number(String(variables.issue).slice(2)),
    addLabels: strip(variables.addLabels, "LA_"),
    removeLabels: strip(variables.removeLabels, "LA_"),
    addAssignees: strip(variables.addAssignees, "U_"),
    removeAssignees: strip(variables.removeAssignees, "U_"),
  };
}

/**
 * One labels-and-assignees update. Matches when the update equals `expected`
 * (fields left out must be empty) and hands the decoded update to `record`.
 */
export function mockIssueUpdate(
  scope: nock.Scope,
  expected?: Partial<IssueUpdate>,
  record?: (update: IssueUpdate) => void,
): nock.Scope {
  return scope
    .post("/graphql", (body: Body) => {
      if (!body.query?.includes("mutation FrontdeskIssue")) return false;
      const update = decodeIssueUpdate(body);
      if (expected) {
        const wanted = { addLabels: [], removeLabels: [], addAssignees: [], removeAssignees: [], ...expected };
        for (const key of Object.keys(wanted) as (keyof IssueUpdate)[]) {
          if (JSON.stringify(update[key]) !== JSON.stringify(wanted[key])) return false;
        }
      }
      record?.(update);
      return true;
    })
    .reply(200, { data: {} });
}

/** The lookup of people's node ids (once per login and process); answers every login asked. */
export function mockUserLookup(scope: nock.Scope, logins?: readonly string[]): nock.Scope {
  return scope
    .post("/graphql", (body: Body) => {
      if (!body.query?.includes("query FrontdeskUsers")) return false;
      const asked = Object.values(body.variables ?? {}) as string[];
      return logins === undefined || JSON.stringify([...asked].sort()) === JSON.stringify([...logins].map((l) => l.toLowerCase()).sort());
    })
    .reply(200, (_uri, body) => {
      const variables = (body as Body).variables ?? {};
      return { data: Object.fromEntries(Object.entries(variables).map(([key, login]) => [key, { id: userId(String(login)) }])) };
    });
}

/** A label creation answered with its node id. */
export function createdLabel(_uri: string, body: nock.Body) {
  return { ...(body as object), node_id: labelId((body as { name: string }).name) };
}

/** spec-example.yml's support board (acme-agency's project 6), as GitHub would list it: a Status and the fields frontdesk fills. */
export const SUPPORT_BOARD_FIELDS = [
  { id: "F_status", name: "Status", dataType: "SINGLE_SELECT", options: [{ id: "s-todo", name: "Todo" }] },
  { id: "F_urgency", name: "Urgency", dataType: "SINGLE_SELECT", options: [{ id: "u-emergency", name: "emergency" }, { id: "u-task", name: "task" }] },
  { id: "F_due", name: "Due", dataType: "DATE" },
  { id: "F_client", name: "Client", dataType: "TEXT" },
];

/**
 * A new ticket's way onto the support board: the board resolved (once per
 * cache), the item added, its fields set in one mutation. `record` gets the
 * field values set, by field id.
 */
export function mockSupportBoard(scope: nock.Scope, record?: (fields: Record<string, unknown>) => void, options: { resolved?: boolean } = {}): nock.Scope {
  const named = (name: string) => (body: Body) => new RegExp(`\\b(?:query|mutation) ${name}\\b`, "u").test(body.query ?? "") && checkGraphQL(body.query ?? "", body.variables).length === 0;
  if (!options.resolved) {
    scope.post("/graphql", named("FrontdeskOrganizationBoard")).reply(200, { data: { owner: { projectV2: { id: "PVT_6", fields: { nodes: SUPPORT_BOARD_FIELDS } } } } });
  }
  return scope
    .post("/graphql", named("FrontdeskAddBoardItem"))
    .reply(200, { data: { addProjectV2ItemById: { item: { id: "PVTI_new", status: null } } } })
    .post("/graphql", (body: Body) => {
      if (!named("FrontdeskSetBoardFields")(body)) return false;
      const variables = body.variables ?? {};
      const fields: Record<string, unknown> = {};
      for (let index = 0; `field${index}` in variables; index++) fields[String(variables[`field${index}`])] = variables[`value${index}`];
      record?.(fields);
      return true;
    })
    .reply(200, { data: {} });
}
