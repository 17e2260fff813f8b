import nock from "nock";
import { API, createTestProbot, INSTALLATION, OWNER, readFixture, REPO } from "../../helpers/github.js";

// Shared by intake.test.ts and intake-config.test.ts: acme/site with spec-example.yml, and the
// ticket "Website is down!" opened on Thursday at 10:00 in Berlin.

export const CONFIG = readFixture("spec-example.yml");
export const THURSDAY_10_BERLIN = new Date("2026-11-26T09:00:00Z");
export const repoPath = `/repos/${OWNER}/${REPO}`;
export const configPath = new RegExp(`^/repos/${OWNER}/${REPO}/contents/\\.github(/|%2F)frontdesk\\.yml`);

/** The installation token, the first call of every event. */
export function mockToken(scope: nock.Scope = nock(API)) {
  return scope
    .post(`/app/installations/${INSTALLATION}/access_tokens`)
    .reply(201, { token: "ghs_test", expires_at: "2099-01-01T00:00:00Z", permissions: {} });
}

/** Hands one webhook event (an issue event unless `name` says otherwise) to the Probot under test. */
export function deliver(probot: ReturnType<typeof createTestProbot>["probot"], payload: object, name = "issues", id = "delivery-1") {
  return probot.receive({ id, name, payload } as never);
}

/** The ticket the intake tests open: issue 7, "Website is down!". */
export const DOWN = { number: 7, title: "Website is down!", body: "Nothing loads since 9:00." };
