import nock from "nock";
import { afterEach } from "vitest";
import { writeMarker } from "../../../src/core/marker.js";
import { createGitLabHandlerFromEnv } from "../../../src/platforms/gitlab/middleware.js";
import { API, captureLog, CONFIG, CONFIG_FILE, ENV, PROJECT_API, PROJECT_ID, restIssue, restNote, restProject, SELF, startServer, THURSDAY_10_BERLIN, TOKEN } from "./helpers.js";

// Shared by the commands-*.test.ts files: issue 7 of acme/site, triaged, with the
// acknowledgement that carries its record, behind the production wiring and a real server.

/** The servers a test started; `closeServersAfterEach` closes them. */
export const servers: { close: () => Promise<void> }[] = [];

/** Registers, in the calling test file, the hook that closes every server a test started. */
export function closeServersAfterEach() {
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
}

/** A server on Thursday 10:00 in Berlin, and the calls every event makes first: who frontdesk is, the project, its configuration. */
export async function setup(config = CONFIG) {
  const log = captureLog();
  const server = await startServer(createGitLabHandlerFromEnv(ENV, { log, now: () => THURSDAY_10_BERLIN }));
  servers.push(server);
  const scope = nock(API, { reqheaders: { "private-token": TOKEN } })
    .get("/user")
    .reply(200, SELF)
    .get(PROJECT_API)
    .reply(200, restProject())
    .get(CONFIG_FILE)
    .query({ ref: "main" })
    .reply(200, config, { "content-type": "text/plain" });
  return { url: server.url, log, scope };
}

export const issuePath = `/projects/${PROJECT_ID}/issues/7`;
export const RECORD = { urgency: "emergency", due: "2026-11-26T10:00:00.000Z", function: "development", contact: "ann", implementer: "carol" };
export const ACK = `Thanks for your request, we have it.\n\n${writeMarker("ack", RECORD)}`;
export const TRIAGED = restIssue({
  iid: 7,
  title: "Website is down!",
  labels: ["support", "urgency: emergency", "function: development"],
  assignees: ["ann", "carol"],
  notes: 1,
});
export const LABELS = ["support", "urgency: emergency", "urgency: task", "function: development"].map((name, id) => ({ id, name }));

/** The triaged issue and its notes, as a step reads them. */
export function mockTriaged(scope: nock.Scope, issue: object = TRIAGED, notes = [restNote(2, SELF, ACK)]) {
  return scope.get(issuePath).reply(200, issue).get(`${issuePath}/notes`).query(true).reply(200, notes);
}

/** Records the body of each write, by "METHOD path". */
export function record(bodies: Record<string, any>) {
  return (key: string) => (body: unknown) => (bodies[key] = body) !== undefined;
}
