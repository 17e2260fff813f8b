import { afterEach, describe, expect, it } from "vitest";
import { createFrontdesk } from "../../../src/frontdesk.js";
import { createLog } from "../../../src/runtime/log.js";
import { FakeGitHub } from "../../fakes/github-api.js";
import { issuePayload, readFixture } from "../../helpers/github.js";
import { createAppKey, githubDeliveryRequest } from "../../helpers/spawn-server.js";

/**
 * A failed GitHub delivery as the server logs it: Probot's own error handler
 * and the background work's both log the error @octokit/webhooks built, which
 * carries the delivery's payload, and Octokit's, which carries the comment
 * being posted. Neither text may reach the log; the delivery id must.
 */

const SECRET = "log-secret";
const INSTALLATION = 4242;
const MARKER = "CLIENT-TEXT-b41d";
const DELIVERY = "delivery-log-1";
/**
 * The team's acknowledgement quotes the marker, so the failing comment write
 * carries it. Without boards: this test is about the log, not Projects.
 */
const CONFIG = `${readFixture("spec-example.yml").replace(/^ *(support_)?board: .*\n/gmu, "")}\nmessages:\n  acknowledge: "We are on it ({{contact}}). ${MARKER}"\n`;

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

async function deliverFailing() {
  // The comment write fails; everything else works.
  const fake = new FakeGitHub({ fault: ({ method, path }) => (method === "POST" && path.includes("/issues/7/comments") ? { status: 500 } : undefined) });
  const repo = fake.addRepo("acme/site", INSTALLATION, CONFIG);
  repo.openIssue({ number: 7, title: "Website is down!", body: `Our shop shows an error. ${MARKER}`, createdAt: "2026-11-26T09:00:00Z" });
  const host = await fake.start();
  stops.push(() => fake.stop());

  const lines: string[] = [];
  const log = createLog({ level: "debug" }, { write: (line: string) => void lines.push(line) });
  const env = { APP_ID: "1", PRIVATE_KEY: createAppKey(), WEBHOOK_SECRET: SECRET, GHE_HOST: host, GHE_PROTOCOL: "http", SWEEP_INTERVAL: "off" };
  // As the server wires it (createFrontdesk): Probot and the background work's failures go to the same log.
  // frontdesk's own login known in advance: the fake does not serve GET /app.
  const identity = { login: () => Promise.resolve("frontdesk[bot]") };
  const frontdesk = await createFrontdesk(env, { log, identity, queue: { settleMs: 0 }, now: () => new Date("2026-11-26T09:00:00Z") });
  const port = await frontdesk.listen(0, "127.0.0.1");
  stops.push(() => frontdesk.close());

  const payload = issuePayload({ number: 7, title: "Website is down!", body: `Our shop shows an error. ${MARKER}`, createdAt: "2026-11-26T09:00:00Z" });
  const request = githubDeliveryRequest(`http://127.0.0.1:${port}`, SECRET, "issues", DELIVERY, payload);
  const response = await fetch(request.url, { method: "POST", headers: request.headers, body: request.body });
  await frontdesk.background.idle();
  return { status: response.status, fake, lines: lines.map((line) => ({ line, entry: JSON.parse(line) as Record<string, any> })) };
}

describe("a failed GitHub delivery in the log", () => {
  it("names the delivery and the failed call, and quotes neither the issue nor the comment being posted", async () => {
    const { status, fake, lines } = await deliverFailing();
    expect(status).toBe(202);
    // The marker was on its way: in the payload, and in the comment write that failed.
    const failed = fake.calls.filter((call) => call.method === "POST" && call.path.includes("/issues/7/comments"));
    expect(failed.map((call) => call.status)).toContain(500);
    expect(JSON.stringify(failed[0]!.body)).toContain(MARKER);

    const shown = lines.filter(({ entry }) => entry.level >= 30);
    expect(shown.filter(({ line }) => line.includes(MARKER)).map(({ line }) => line)).toEqual([]);
    const errors = shown.filter(({ entry }) => entry.level >= 50).map(({ entry }) => entry);
    // Probot's error handler: one line for the failed handler, with the delivery id.
    const probot = errors.find((entry) => entry.id === DELIVERY);
    expect(probot?.err).toMatchObject({ status: 500, request: { method: "POST" }, event: { id: DELIVERY, name: "issues", action: "opened" } });
    // The background work's line names the delivery too.
    const background = errors.find((entry) => entry.msg === "background work failed");
    expect(background?.work).toContain(DELIVERY);
    expect(background?.err).toMatchObject({ type: "AggregateError", event: { id: DELIVERY } });
  }, 20_000);

  it("keeps the payload out of the debug line Probot writes for every delivery", async () => {
    const { lines } = await deliverFailing();
    const received = lines.find(({ entry }) => entry.msg === "Webhook received");
    expect(received?.entry.event).toEqual({ id: DELIVERY, name: "issues", action: "opened", repo: "acme/site" });
    expect(received?.line).not.toContain(MARKER);
  }, 20_000);
});
