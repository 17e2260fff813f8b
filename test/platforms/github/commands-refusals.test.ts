// Commands frontdesk refuses or cannot read, and comments that are no command at all.

import { describe, expect, it } from "vitest";
import { commentPayload, createTestProbot } from "../../helpers/github.js";
import { useStrictNock } from "../../helpers/nock-strict.js";
import {
  ackComment,
  deliver,
  mockReads,
  mockSetup,
  NOW,
  RECORD,
  repoPath,
  SUPPORT_TICKET,
  userComment,
} from "./commands-helpers.js";

useStrictNock();

describe("commands from clients and malformed commands", () => {
  it("answers /urgency emergency from a client who is a collaborator once, mentioning the contact, and changes nothing", async () => {
    const { probot } = createTestProbot(NOW);
    const replies: string[] = [];
    const api = mockSetup()
      .get(`${repoPath}/issues/7/comments`)
      .query(true)
      .reply(200, [ackComment(RECORD), userComment(205, "/urgency emergency", "client-joe")])
      .post(`${repoPath}/issues/7/comments`, (body) => Boolean(replies.push(body.body)))
      .reply(201, { id: 303 })
      // The same delivery again finds its answer and stays quiet.
      .get(`${repoPath}/issues/7/comments`)
      .query(true)
      .reply(200, () => [
        ackComment(RECORD),
        userComment(205, "/urgency emergency", "client-joe"),
        { id: 303, body: replies[0], user: { login: "frontdesk[bot]", type: "Bot" }, created_at: "2026-11-26T13:00:01Z" },
      ]);
    // Clients are often collaborators on their own repository: the roster decides, not author_association.
    const payload = commentPayload({ issue: SUPPORT_TICKET, id: 205, body: "/urgency emergency", author: "client-joe", association: "COLLABORATOR" });

    await deliver(probot, "issue_comment", payload);
    await deliver(probot, "issue_comment", payload);

    expect(api.isDone()).toBe(true);
    expect(replies).toEqual([
      'Thanks! `/urgency emergency` is for our team only, so nothing has changed. @alice will take care of your request.\n\n<!-- frontdesk:reply {"to":205,"refused":"client-joe"} -->',
    ]);
  });

  it.each([
    ["/estimate soon", "Sorry, I could not read `/estimate soon`. Please use `/estimate 30m`, `/estimate 4h` or `/estimate 2d`."],
    ["/urgency whenever", "Sorry, I could not read `/urgency whenever`. Please use `/urgency emergency` or `/urgency task`."],
  ])("answers a malformed %s with one line naming what is accepted", async (command, line) => {
    const { probot } = createTestProbot(NOW);
    let reply = "";
    const api = mockSetup();
    mockReads(api, SUPPORT_TICKET, [ackComment(RECORD), userComment(206, command)])
      .post(`${repoPath}/issues/7/comments`, (body) => Boolean((reply = body.body)))
      .reply(201, { id: 304 });

    await deliver(probot, "issue_comment", commentPayload({ issue: SUPPORT_TICKET, id: 206, body: `Quick update.\n${command}`, association: "COLLABORATOR" }));

    expect(api.isDone()).toBe(true);
    const [text, marker] = reply.split("\n\n");
    expect(text).toBe(line);
    expect(marker).toBe('<!-- frontdesk:reply {"to":206} -->');
  });

  it.each([
    ["an ordinary comment", { body: "Thanks, looks good!" }],
    ["a bot's command", { body: "/project", author: "ci[bot]", authorType: "Bot" as const }],
    ["a command in a code block", { body: "```\n/project\n```" }],
  ])("makes no call at all for %s", async (_name, comment) => {
    const { probot } = createTestProbot(NOW);
    await deliver(probot, "issue_comment", commentPayload({ issue: SUPPORT_TICKET, ...comment }));
  });
});
