import { describe, expect, it } from "vitest";
import { clientName, findAcknowledgement, mention, readAckRecord, renderAcknowledgement } from "../../src/core/ack-record.js";
import { writeMarker, type AckRecord } from "../../src/core/marker.js";
import type { Comment } from "../../src/core/types.js";
import { specConfig } from "../helpers/core.js";

const SELF = { login: "frontdesk[bot]", isBot: true, isSelf: true };
const AT = new Date("2026-11-26T09:00:01Z");
const RECORD: AckRecord = { urgency: "task", due: "2026-11-27T09:00:00.000Z", function: "development", contact: "ann", implementer: "carol" };
const own = (id: number, body: string): Comment => ({ id, author: SELF, body, createdAt: AT });

describe("findAcknowledgement", () => {
  it.each<[string, Comment[], number | undefined]>([
    ["frontdesk's acknowledgement", [own(1, `Thanks\n\n${writeMarker("ack", RECORD)}`)], 1],
    ["after a reply of frontdesk's", [own(1, `Sorry\n\n${writeMarker("reply", { to: 5 })}`), own(2, `Thanks\n\n${writeMarker("ack", RECORD)}`)], 2],
    ["an acknowledgement whose record a person broke (no due time)", [own(1, `Thanks\n\n${writeMarker("ack", { urgency: "task" })}`)], undefined],
    ["an acknowledgement with a due time that is no time", [own(1, `Thanks\n\n${writeMarker("ack", { urgency: "task", due: "friday" })}`)], undefined],
    ["no comments", [], undefined],
  ])("%s", (_name, comments, id) => {
    const found = findAcknowledgement(comments);
    expect(found?.comment.id).toBe(id);
    if (id !== undefined) expect(found?.record).toEqual(RECORD);
  });

  it("keeps the optional keys only with the values frontdesk writes", () => {
    const data = { urgency: "task", due: RECORD.due, estimate: "2d", estimateFrom: "form", override: "support", project: true, handoff: "lena" };
    expect(readAckRecord(data)).toEqual(data);
    expect(readAckRecord({ ...data, estimateFrom: "guess", override: "close", project: "true" })).toEqual({ urgency: "task", due: RECORD.due, estimate: "2d", handoff: "lena" });
  });
});

describe("names in messages", () => {
  it.each<[string, ReturnType<typeof specConfig>, string, string]>([
    ["the configured client", specConfig(), "acme/site", "ACME GmbH"],
    ["else the repository's name", specConfig({ client: undefined }), "acme/site", "site"],
    ["else a GitLab project's last path segment", specConfig({ client: undefined }), "agency/clients/acme-shop", "acme-shop"],
  ])("clientName: %s", (_name, config, repo, expected) => {
    expect(clientName(config, { repo })).toBe(expected);
  });

  it.each<[string, ReturnType<typeof specConfig>, string | undefined, string]>([
    ["a login as a mention", specConfig(), "ann", "@ann"],
    ["nobody, in English", specConfig(), undefined, "our team"],
    ["nobody, in German", specConfig({ language: "de" }), "", "unser Team"],
  ])("mention: %s", (_name, config, login, expected) => {
    expect(mention(config, login)).toBe(expected);
  });
});

describe("renderAcknowledgement", () => {
  it.each<[string, ReturnType<typeof specConfig>, AckRecord, string]>([
    [
      "a contact and an implementer",
      specConfig(),
      RECORD,
      "Thanks for your request, we have it. Urgency: **task**. Your contact is @ann; @carol is working on it. You will hear from us by **Fri, 27 Nov 2026, 10:00 CET**.",
    ],
    [
      "the contact is the implementer",
      specConfig(),
      { ...RECORD, implementer: "ann" },
      "Thanks for your request, we have it. Urgency: **task**. Your contact @ann is working on it. You will hear from us by **Fri, 27 Nov 2026, 10:00 CET**.",
    ],
    [
      "nobody picked, in German",
      specConfig({ language: "de" }),
      { urgency: "emergency", due: "2026-11-26T10:00:00.000Z" },
      "Vielen Dank für Ihre Anfrage, wir haben sie erhalten. Dringlichkeit: **emergency**. Ihre Ansprechperson ist unser Team. Sie hören von uns bis **Do., 26. Nov. 2026, 11:00 MEZ**.",
    ],
  ])("%s, with the record as its marker", (_name, config, record, text) => {
    const body = renderAcknowledgement(config, { repo: "acme/site" }, record);
    expect(body).toBe(`${text}\n\n${writeMarker("ack", record)}`);
    expect(findAcknowledgement([own(1, body)])?.record).toEqual(record);
  });
});
