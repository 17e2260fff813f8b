import { describe, expect, it } from "vitest";
import { formatDue, messageFor } from "../../src/core/messages.js";

const en = { language: "en", messages: {} } as const;
const de = { language: "de", messages: {} } as const;

const ticket = {
  client: "ACME GmbH",
  contact: "@alice",
  implementer: "@bob",
  urgency: "emergency",
  due: "Thu, 26 Nov 2026, 15:30 CET",
  function: "development",
};

describe("messageFor: built-in English", () => {
  it.each([
    [
      "acknowledge",
      ticket,
      "Thanks for your request, we have it. Urgency: **emergency**. Your contact is @alice; @bob is working on it. You will hear from us by **Thu, 26 Nov 2026, 15:30 CET**.",
    ],
    [
      "acknowledge",
      { ...ticket, implementer: "" },
      "Thanks for your request, we have it. Urgency: **emergency**. Your contact is @alice. You will hear from us by **Thu, 26 Nov 2026, 15:30 CET**.",
    ],
    [
      "acknowledge",
      { ...ticket, implementer: "@alice" },
      "Thanks for your request, we have it. Urgency: **emergency**. Your contact @alice is working on it. You will hear from us by **Thu, 26 Nov 2026, 15:30 CET**.",
    ],
    [
      "project_work",
      { contact: "@alice", estimate: "2d", threshold: "4h", handoff: "@lena" },
      "This request is larger than a support task: we estimate **2d**, and support covers up to 4h. We are planning it as project work. @lena is taking it over and will be in touch.",
    ],
    [
      "project_work",
      { contact: "@alice", estimate: "", threshold: "4h", handoff: "" },
      "This request is larger than a support task, so we are planning it as project work. @alice remains your contact.",
    ],
    [
      "back_to_support",
      { contact: "@alice", due: "Mon, 30 Nov 2026, 09:30 CET" },
      "We are handling this request as a support ticket again. Your contact is @alice. You will hear from us by **Mon, 30 Nov 2026, 09:30 CET**.",
    ],
    ["back_to_support", { contact: "@alice" }, "We are handling this request as a support ticket again. Your contact is @alice."],
    [
      "refused",
      { contact: "@alice", command: "/project" },
      "Thanks! `/project` is for our team only, so nothing has changed. @alice will take care of your request.",
    ],
    [
      "refused",
      { contact: "@alice" },
      "Thanks! Commands are for our team only, so nothing has changed. @alice will take care of your request.",
    ],
    ["reminder", ticket, "@alice, a reminder: the first response to this ticket is due by **Thu, 26 Nov 2026, 15:30 CET**."],
    [
      "escalation",
      { ...ticket, leads: "@lena @lars" },
      "@alice @lena @lars: the first response to this ticket was due by **Thu, 26 Nov 2026, 15:30 CET**. Please respond as soon as possible.",
    ],
    [
      "escalation",
      ticket,
      "@alice: the first response to this ticket was due by **Thu, 26 Nov 2026, 15:30 CET**. Please respond as soon as possible.",
    ],
    [
      "malformed",
      { command: "/estimate soon", accepted: "`/estimate 6h` (30m, 4h, 2d)" },
      "Sorry, I could not read `/estimate soon`. Please use `/estimate 6h` (30m, 4h, 2d).",
    ],
  ] as const)("%s (%#)", (key, vars, expected) => {
    expect(messageFor(key, en, vars)).toBe(expected);
  });
});

describe("messageFor: built-in German", () => {
  const due = "Do., 26. Nov. 2026, 15:30 MEZ";
  it.each([
    [
      "acknowledge",
      { ...ticket, due },
      "Vielen Dank für Ihre Anfrage, wir haben sie erhalten. Dringlichkeit: **emergency**. Ihre Ansprechperson ist @alice; @bob kümmert sich darum. Sie hören von uns bis **Do., 26. Nov. 2026, 15:30 MEZ**.",
    ],
    [
      "acknowledge",
      { ...ticket, due, implementer: "" },
      "Vielen Dank für Ihre Anfrage, wir haben sie erhalten. Dringlichkeit: **emergency**. Ihre Ansprechperson ist @alice. Sie hören von uns bis **Do., 26. Nov. 2026, 15:30 MEZ**.",
    ],
    [
      "project_work",
      { contact: "@alice", estimate: "2d", threshold: "4h", handoff: "@lena" },
      "Diese Anfrage ist größer als eine Support-Aufgabe: Wir schätzen **2d**, der Support umfasst bis zu 4h. Wir planen sie deshalb als Projektarbeit. @lena übernimmt und meldet sich bei Ihnen.",
    ],
    [
      "project_work",
      { contact: "@alice" },
      "Diese Anfrage ist größer als eine Support-Aufgabe, deshalb planen wir sie als Projektarbeit. @alice bleibt Ihre Ansprechperson.",
    ],
    [
      "back_to_support",
      { contact: "@alice", due },
      "Wir bearbeiten diese Anfrage wieder als Support-Ticket. Ihre Ansprechperson ist @alice. Sie hören von uns bis **Do., 26. Nov. 2026, 15:30 MEZ**.",
    ],
    [
      "refused",
      { contact: "@alice", command: "/urgency emergency" },
      "Vielen Dank! `/urgency emergency` ist unserem Team vorbehalten, daher hat sich nichts geändert. @alice kümmert sich um Ihr Anliegen.",
    ],
    ["reminder", { contact: "@alice", due }, "@alice, zur Erinnerung: Die erste Antwort auf dieses Ticket ist bis **Do., 26. Nov. 2026, 15:30 MEZ** fällig."],
    [
      "escalation",
      { contact: "@alice", leads: "@lena", due },
      "@alice @lena: Die erste Antwort auf dieses Ticket war bis **Do., 26. Nov. 2026, 15:30 MEZ** fällig. Bitte antworten Sie so bald wie möglich.",
    ],
    [
      "malformed",
      { command: "/book", accepted: "`/book <Funktion>`" },
      "Entschuldigung, `/book` konnte ich nicht lesen. Bitte verwenden Sie `/book <Funktion>`.",
    ],
  ] as const)("%s (%#)", (key, vars, expected) => {
    expect(messageFor(key, de, vars)).toBe(expected);
  });
});

describe("messageFor: the team lead's templates", () => {
  const config = {
    language: "de",
    messages: { acknowledge: "Thanks! {{contact}} is on it; first answer by {{due}}. {{unknown}}", reminder: "  " },
  } as const;

  it("wins over the built-in, whatever the language", () => {
    expect(messageFor("acknowledge", config, ticket)).toBe(
      "Thanks! @alice is on it; first answer by Thu, 26 Nov 2026, 15:30 CET. {{unknown}}",
    );
  });

  it("does not expand placeholders inside values", () => {
    expect(messageFor("acknowledge", config, { ...ticket, contact: "{{due}}" })).toBe(
      "Thanks! {{due}} is on it; first answer by Thu, 26 Nov 2026, 15:30 CET. {{unknown}}",
    );
  });

  it("an empty template falls back to the built-in", () => {
    expect(messageFor("reminder", config, { contact: "@alice", due: "heute" })).toBe(
      "@alice, zur Erinnerung: Die erste Antwort auf dieses Ticket ist bis **heute** fällig.",
    );
  });
});

describe("formatDue", () => {
  it.each([
    ["2026-11-26T14:30:00Z", "Europe/Berlin", "en", "Thu, 26 Nov 2026, 15:30 CET"],
    ["2026-11-30T08:30:00Z", "Europe/Berlin", "en", "Mon, 30 Nov 2026, 09:30 CET"],
    ["2026-11-30T08:30:00Z", "Europe/Berlin", "de", "Mo., 30. Nov. 2026, 09:30 MEZ"],
    ["2026-07-30T07:30:00Z", "Europe/Berlin", "en", "Thu, 30 Jul 2026, 09:30 CEST"],
    ["2026-07-30T07:30:00Z", "Europe/Berlin", "de", "Do., 30. Juli 2026, 09:30 MESZ"],
    ["2026-09-14T07:05:00Z", "Europe/Berlin", "en", "Mon, 14 Sep 2026, 09:05 CEST"],
    ["2026-09-14T07:05:00Z", "Europe/Berlin", "de", "Mo., 14. Sept. 2026, 09:05 MESZ"],
    // The repeated hour of the October switch: only the abbreviation tells the two apart.
    ["2026-10-25T00:30:00Z", "Europe/Berlin", "en", "Sun, 25 Oct 2026, 02:30 CEST"],
    ["2026-10-25T01:30:00Z", "Europe/Berlin", "en", "Sun, 25 Oct 2026, 02:30 CET"],
    ["2026-11-30T14:30:00Z", "America/New_York", "en", "Mon, 30 Nov 2026, 09:30 EST"],
    ["2026-11-30T14:30:00Z", "America/New_York", "de", "Mo., 30. Nov. 2026, 09:30 EST"],
    ["2026-07-01T08:00:00Z", "Europe/London", "en", "Wed, 1 Jul 2026, 09:00 BST"],
    ["2026-11-30T09:30:00Z", "UTC", "en", "Mon, 30 Nov 2026, 09:30 UTC"],
    ["2026-11-30T00:30:00Z", "Asia/Tokyo", "en", "Mon, 30 Nov 2026, 09:30 GMT+9"],
  ] as const)("%s in %s (%s)", (due, zone, language, expected) => {
    expect(formatDue(new Date(due), zone, language)).toBe(expected);
  });

  it("names each zone, language and offset for itself when asked again in another order", () => {
    const cases = [
      ["2026-10-25T01:30:00Z", "Europe/Berlin", "de", "So., 25. Okt. 2026, 02:30 MEZ"],
      ["2026-10-25T00:30:00Z", "Europe/Berlin", "de", "So., 25. Okt. 2026, 02:30 MESZ"],
      ["2026-10-25T00:30:00Z", "Europe/Berlin", "en", "Sun, 25 Oct 2026, 02:30 CEST"],
      ["2026-10-25T06:30:00Z", "Europe/London", "en", "Sun, 25 Oct 2026, 06:30 GMT"],
      ["2026-10-25T00:30:00Z", "Europe/London", "en", "Sun, 25 Oct 2026, 01:30 BST"],
    ] as const;
    for (const [due, zone, language, expected] of [...cases, ...[...cases].reverse()]) {
      expect(formatDue(new Date(due), zone, language)).toBe(expected);
    }
  });

  it("rejects an unknown zone", () => {
    expect(() => formatDue(new Date("2026-11-30T09:30:00Z"), "Mars/Olympus", "en")).toThrow(RangeError);
  });
});
