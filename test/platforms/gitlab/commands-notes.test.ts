// Commands in notes: refused for the client side, answered where they were written, ignored when they are none.

import nock from "nock";
import { describe, expect, it } from "vitest";
import { writeMarker } from "../../../src/core/marker.js";
import { createGitLabHandlerFromEnv } from "../../../src/platforms/gitlab/middleware.js";
import { useStrictNock } from "../../helpers/nock-strict.js";
import { ACK, closeServersAfterEach, issuePath, LABELS, mockTriaged, record, servers, setup } from "./commands-helpers.js";
import {
  API,
  captureLog,
  deliver,
  ENV,
  noteHook,
  PROJECT_ID,
  restNote,
  SELF,
  startServer,
  THURSDAY_10_BERLIN,
  updateHook,
} from "./helpers.js";

useStrictNock();
closeServersAfterEach();

describe("GitLab project work and commands", () => {
  it.each([
    ["/project from the ticket's author", "client-joe", "/project"],
    ["/urgency task from a project Developer outside the roster (a client with Developer access)", "mia", "/urgency task"],
  ])("answers %s once, politely, mentioning the contact, and changes nothing (no member listing)", async (_name, by, command) => {
    const { url, scope } = await setup();
    let reply = "";
    scope
      .get(`${issuePath}/notes`)
      .query(true)
      .reply(200, [restNote(2, SELF, ACK)])
      .post(`${issuePath}/notes`, (body) => Boolean((reply = body.body)))
      .reply(201, { id: 3 });

    const response = await deliver(url, "Note Hook", noteHook(command, { by }));

    expect(response.body).toEqual({ status: "done", reason: `refused: ${by} is the client side, not in the roster` });
    expect(reply).toContain("@ann");
    expect(reply).toContain(writeMarker("reply", { to: 1241, refused: by }));
  });

  it("answers a command in an internal note with an internal note, which the client does not see", async () => {
    const { url, scope } = await setup();
    const replies: { body: string; internal?: boolean }[] = [];
    mockTriaged(scope)
      .post(`${issuePath}/notes`, (body) => Boolean(replies.push(body)))
      .reply(201, { id: 3 });
    const hook = noteHook("/urgency whenever", { by: "ann" });
    hook.object_attributes.internal = true;

    const response = await deliver(url, "Confidential Note Hook", hook);

    expect(response.body.status).toBe("done");
    expect(replies).toHaveLength(1);
    expect(replies[0]!.internal).toBe(true);
    expect(replies[0]!.body).toContain("/urgency whenever");
    expect(replies[0]!.body).toContain(writeMarker("reply", { to: 1241 }));
  });

  it("answers a command in a public note publicly", async () => {
    const { url, scope } = await setup();
    const replies: { body: string; internal?: boolean }[] = [];
    mockTriaged(scope)
      .post(`${issuePath}/notes`, (body) => Boolean(replies.push(body)))
      .reply(201, { id: 3 });

    await deliver(url, "Note Hook", noteHook("/urgency whenever", { by: "ann" }));

    expect(replies).toHaveLength(1);
    expect(replies[0]).not.toHaveProperty("internal");
  });

  it("lets a roster member change the urgency with /urgency task", async () => {
    const { url, scope } = await setup();
    const bodies: Record<string, any> = {};
    const keep = record(bodies);
    mockTriaged(scope)
      .get(`/projects/${PROJECT_ID}/labels`)
      .query(true)
      .reply(200, LABELS)
      .put(issuePath, keep("edit"))
      .reply(200, {})
      .put(`${issuePath}/notes/2`, keep("ack"))
      .reply(200, {});

    const response = await deliver(url, "Note Hook", noteHook("Not that urgent after all.\n/urgency task", { by: "carol" }));

    expect(response.body.status).toBe("done");
    expect(bodies.edit).toEqual({ add_labels: "urgency: task", remove_labels: "urgency: emergency" });
    // A day from now (Thursday 10:00 Berlin): Friday 10:00.
    expect(bodies.ack.body).toContain("You will hear from us by **Fri, 27 Nov 2026, 10:00 CET**.");
    expect(bodies.ack.body).toContain('"urgency":"task","due":"2026-11-27T09:00:00.000Z"');
  });

  it.each([
    ["a note without commands", noteHook("Thanks, looking into it."), "no commands"],
    ["a note on a merge request", noteHook("/project", { noteableType: "MergeRequest" }), "not a note on an issue"],
    ["an update that only changed the title", updateHook({}), "no new estimate or label"],
  ])("ignores %s without an API call", async (_name, payload, reason) => {
    const log = captureLog();
    const server = await startServer(createGitLabHandlerFromEnv(ENV, { log, now: () => THURSDAY_10_BERLIN }));
    servers.push(server);
    const event = payload.object_kind === "note" ? "Note Hook" : "Issue Hook";
    expect((await deliver(server.url, event, payload)).body).toEqual({ status: "ignored", reason });
  });

  it("ignores commands and estimates that frontdesk's own user caused", async () => {
    const log = captureLog();
    const server = await startServer(createGitLabHandlerFromEnv(ENV, { log, now: () => THURSDAY_10_BERLIN }));
    servers.push(server);
    nock(API).get("/user").reply(200, SELF);
    const note = noteHook("/support");
    note.user = { ...note.user, ...SELF };
    expect((await deliver(server.url, "Note Hook", note)).body).toEqual({ status: "ignored", reason: "frontdesk-bot is frontdesk or a bot" });
    const update = updateHook({ timeEstimate: [0, 3_600] });
    update.user = { ...update.user, ...SELF };
    expect((await deliver(server.url, "Issue Hook", update)).body).toEqual({ status: "ignored", reason: "frontdesk-bot is frontdesk or a bot" });
  });
});
