import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { noteHookFor } from "../fakes/gitlab-api.js";
import { readFixture } from "../helpers/fixtures.js";
import { commentPayload } from "../helpers/github.js";
import { openOnGitHub, openOnGitLab, postGitHub, postGitLab, startHarness, type Harness } from "./harness.js";

/**
 * Hostile and foreign text through the real server, on both platforms:
 * right-to-left and astral titles, a keyword that reads like a catastrophic
 * regular expression against a 100 kB title, a command with 10,000 arguments.
 */

const CONFIG = readFixture("spec-example.yml");
const GERMAN = CONFIG.replace("client: ACME GmbH", 'client: "Müller & Söhne — שלום"').replace("language: en", "language: de");
const REDOS = CONFIG.replace("keywords: [down, outage, offline", 'keywords: ["(a+)+$", "(.*a){25}", down, outage, offline');
const TITLE = "\u202Bالموقع لا يعمل\u202C — Website is down! 🚨 日本語";

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
}, 30_000);
afterAll(() => harness?.close());

describe("foreign and hostile text through the server", () => {
  it("triages a right-to-left, astral title and writes the German message with its umlauts intact", async () => {
    const github = await openOnGitHub(harness, "unicode/site", GERMAN, { title: TITLE, body: "‏שלום‎ — ¿qué pasa? ß ẞ İ ſ" });
    const gitlab = await openOnGitLab(harness, "unicode/site", GERMAN, { title: TITLE, description: "‏שלום‎ — ¿qué pasa? ß ẞ İ ſ" });

    const issue = github.repo.issues.get(github.number)!;
    // German labels, but for the level's own label, which the file sets.
    expect(issue.labels.map((label) => label.name)).toEqual(["Support", "urgency: emergency", "Funktion: Development"]);
    expect(issue.title).toBe(TITLE);
    const [comment] = github.repo.commentsOf(github.number);
    expect(comment?.body).toMatch(/^Vielen Dank für Ihre Anfrage, wir haben sie erhalten\. Dringlichkeit: \*\*Notfall\*\*\. Ihre Ansprechperson ist @a(lice|nn)/u);
    expect(comment?.body).toContain("Sie hören von uns bis **Do., 26. Nov. 2026, 11:00 MEZ**.");

    expect(gitlab.project.issues.get(gitlab.iid)!.labels).toEqual(["Support", "urgency: emergency", "Funktion: Development"]);
    const [note] = harness.gitlab.state.notesOf(gitlab.project, gitlab.iid);
    expect(note?.body).toContain("Dringlichkeit: **Notfall**");
    expect(note?.body).toContain("Sie hören von uns bis **");
  });

  it("treats keywords like (a+)+$ as text: a 100 kB title is triaged within a second, on GitHub and GitLab", async () => {
    const title = `${"a".repeat(100_000)}!`;
    const started = performance.now();
    const github = await openOnGitHub(harness, "redos/site", REDOS, { title });
    const gitlab = await openOnGitLab(harness, "redos/site", REDOS, { title });
    expect(performance.now() - started).toBeLessThan(2_000);

    expect(github.repo.issues.get(github.number)!.labels.map((label) => label.name)).toEqual(["support", "urgency: task", "function: development"]);
    expect(gitlab.project.issues.get(gitlab.iid)!.labels).toEqual(["support", "urgency: task", "function: development"]);
    const literal = await openOnGitLab(harness, "redos/site", REDOS, { title: "The page shows (a+)+$ and nothing else" });
    expect(literal.project.issues.get(literal.iid)!.labels).toContain("urgency: emergency");
  });

  it("answers a command with 10,000 arguments in one short line, once, on GitHub and GitLab", async () => {
    const command = `/urgency ${Array.from({ length: 10_000 }, (_, index) => `arg${index}`).join(" ")}`;
    const github = await openOnGitHub(harness, "commands/site", CONFIG, { title: "Please update the footer" });
    const comment = commentPayload({ issue: { number: github.number, title: "Please update the footer" }, id: 5_001, body: command, author: "ann" });
    comment.repository = github.payload.repository;
    comment.installation = github.payload.installation;
    const gitlab = await openOnGitLab(harness, "commands/site", CONFIG, { title: "Please update the footer" });
    const ann = harness.gitlab.state.addUser("ann");
    const note = noteHookFor(gitlab.project, gitlab.project.issues.get(gitlab.iid)!, command, ann, 6_001);

    const started = performance.now();
    const answers = [
      (await postGitHub(harness.url, JSON.stringify(comment), {}, "issue_comment")).status,
      (await postGitLab(harness.url, JSON.stringify(note), {}, "Note Hook")).status,
    ];
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(answers).toEqual([200, 200]);

    const replies = [github.repo.commentsOf(github.number)[1]?.body, harness.gitlab.state.notesOf(gitlab.project, gitlab.iid)[1]?.body];
    for (const reply of replies) {
      const [line = "", ...rest] = (reply ?? "").split("\n");
      expect(line).toMatch(/^Sorry, I could not read `\/urgency arg0 arg1 .*…`\. Please use `\/urgency emergency` or `\/urgency task`\.$/u);
      expect(line.length).toBeLessThan(300);
      expect(rest.join("\n").trim()).toMatch(/^<!-- frontdesk:reply \{"to":\d+\} -->$/u);
    }
    expect(github.repo.commentsOf(github.number)).toHaveLength(2);
    expect(harness.gitlab.state.notesOf(gitlab.project, gitlab.iid)).toHaveLength(2);
    expect((await fetch(`${harness.url}/healthz`)).status).toBe(200);
  });
});
