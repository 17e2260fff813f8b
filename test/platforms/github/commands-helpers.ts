import nock from "nock";
import { writeMarker, type AckRecord } from "../../../src/core/marker.js";
import { API, createTestProbot, INSTALLATION, OWNER, readFixture, REPO, restIssue, type IssueOptions } from "../../helpers/github.js";
import type { IssueUpdate } from "../../helpers/github-graphql.js";
import { graphqlOperation, type GraphQLCall } from "../../helpers/graphql.js";

// Shared by the commands-*.test.ts files: ticket 7 on acme/site with spec-example.yml, the
// acknowledgement that carries its record, and the mocks every command reads first.

export const CONFIG = readFixture("spec-example.yml");
export const NOW = new Date("2026-11-26T13:00:00Z"); // Thursday 14:00 in Berlin
export const repoPath = `/repos/${OWNER}/${REPO}`;
export const configPath = new RegExp(`^/repos/${OWNER}/${REPO}/contents/\\.github(/|%2F)frontdesk\\.yml`);
export const BOARD_ID = "PVT_board7";
export const SUPPORT_BOARD_ID = "PVT_board6";
const STATUS_FIELD = { id: "PVTSSF_status", name: "Status", dataType: "SINGLE_SELECT", options: [{ id: "opt-todo", name: "Todo" }, { id: "opt-backlog", name: "Backlog" }] };
export const ACK_ID = 1;
export const RECORD: AckRecord = { urgency: "task", due: "2026-11-27T09:00:00.000Z", function: "development", contact: "alice", implementer: "carol" };
export const ALL_LABELS = ["support", "project-work", "urgency: emergency", "urgency: task", "function: development", "needs estimate", "booked: seo"];

export const SUPPORT_TICKET: IssueOptions = {
  number: 7,
  title: "Add a booking system",
  labels: ["support", "urgency: task", "function: development"],
  assignees: ["alice", "carol"],
  comments: 1,
};
export const PROJECT_TICKET: IssueOptions = { ...SUPPORT_TICKET, labels: ["project-work", "urgency: task", "function: development"], assignees: ["alice", "lena"] };
export const PROJECT_RECORD: AckRecord = { ...RECORD, estimate: "2d", estimateFrom: "command", project: true, handoff: "lena" };

type Probot = ReturnType<typeof createTestProbot>["probot"];

/** Hands one webhook event to the Probot under test. */
export function deliver(probot: Probot, name: string, payload: object, id = "delivery-1") {
  return probot.receive({ id, name, payload } as never);
}

/** frontdesk's acknowledgement on ticket 7, with `record` in its marker. */
export function ackComment(record: AckRecord) {
  const body = `Thanks for your request, we have it. Urgency: **${record.urgency}**.\n\n${writeMarker("ack", record)}`;
  return { id: ACK_ID, body, user: { login: "frontdesk[bot]", type: "Bot" }, created_at: "2026-11-26T09:00:01Z" };
}

/** A person's comment as the REST API lists it. */
export function userComment(id: number, body: string, login = "alice") {
  return { id, body, user: { login, type: "User" }, created_at: "2026-11-26T13:00:00Z" };
}

/** Token and configuration: what every event with commands reads first. */
export function mockSetup() {
  return nock(API)
    .post(`/app/installations/${INSTALLATION}/access_tokens`)
    .reply(201, { token: "ghs_test", expires_at: "2099-01-01T00:00:00Z", permissions: {} })
    .get(configPath)
    .reply(200, CONFIG);
}

/** The issue and its comments as they are when the event is handled. */
export function mockReads(scope: nock.Scope, issue: IssueOptions, comments: object[]) {
  return scope
    .get(`${repoPath}/issues/7`)
    .reply(200, restIssue(issue))
    .get(`${repoPath}/issues/7/comments`)
    .query(true)
    .reply(200, comments);
}

/** Expects the GraphQL operation `name` (with `only` among its variables) and records the call in `calls`. */
export function graphql(scope: nock.Scope, calls: GraphQLCall[], name: string, only?: Record<string, unknown>) {
  return scope.post("/graphql", graphqlOperation(name, calls, only));
}

/** An organization board with the Status field that project work sets to Backlog. */
export function boardReply(id: string) {
  return { data: { owner: { projectV2: { id, fields: { nodes: [STATUS_FIELD] } } } } };
}

/**
 * A ticket that intake puts on the support board (a board with a Status only:
 * no fields to fill) and the project step then moves to the project board.
 */
export function mockSupportThenProjectBoard(api: nock.Scope, calls: GraphQLCall[]) {
  graphql(api, calls, "FrontdeskOrganizationBoard", { number: 6 }).reply(200, boardReply(SUPPORT_BOARD_ID));
  graphql(api, calls, "FrontdeskAddBoardItem", { projectId: SUPPORT_BOARD_ID }).reply(200, { data: { addProjectV2ItemById: { item: { id: "PVTI_support", status: null } } } });
  graphql(api, calls, "FrontdeskIssueBoardItems").reply(200, { data: { node: { projectItems: { nodes: [{ id: "PVTI_support", project: { id: SUPPORT_BOARD_ID } }] } } } });
  graphql(api, calls, "FrontdeskOrganizationBoard", { number: 7 }).reply(200, boardReply(BOARD_ID));
  graphql(api, calls, "FrontdeskAddBoardItem", { projectId: BOARD_ID }).reply(200, { data: { addProjectV2ItemById: { item: { id: "PVTI_new", status: null } } } });
  graphql(api, calls, "FrontdeskSetBoardFields").reply(200, { data: { set0: { projectV2Item: { id: "PVTI_new" } } } });
  graphql(api, calls, "FrontdeskRemoveBoardItem").reply(200, { data: { deleteProjectV2Item: { deletedItemId: "PVTI_support" } } });
}

/** Records a labels-and-assignees update in the shapes the REST calls had: labels, assign, unassign (prefixed). */
export function asRest(bodies: Record<string, unknown>, prefix = "") {
  const key = (name: string) => (prefix ? `${prefix}${name[0]!.toUpperCase()}${name.slice(1)}` : name);
  return (update: IssueUpdate) => {
    if (update.addLabels.length > 0) bodies[key("labels")] = { labels: update.addLabels };
    if (update.removeLabels.length > 0) bodies[key("removedLabels")] = update.removeLabels;
    if (update.addAssignees.length > 0) bodies[key("assign")] = { assignees: update.addAssignees };
    if (update.removeAssignees.length > 0) bodies[key("unassign")] = { assignees: update.removeAssignees };
  };
}

/** A nock body matcher that keeps the request body under `key`. */
export function capture(bodies: Record<string, unknown>, key: string) {
  return (body: unknown) => {
    bodies[key] = body;
    return true;
  };
}
