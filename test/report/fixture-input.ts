import { parse } from "yaml";
import { configSchema, type Config } from "../../src/config/schema.js";
import type { RepositoryInput } from "../../src/report/ticket-facts.js";
import type { Platform } from "../../src/core/types.js";
import type { FixtureRepo } from "./fixture.js";

/** A fixture repository as plain tickets and comments, as a report source returns them. */
export function toRepositoryInput(fixture: FixtureRepo, platform: Platform = "github", config: Config = parseConfig(fixture.config)): RepositoryInput {
  let id = 1;
  return {
    platform,
    repo: fixture.repo,
    config,
    tickets: fixture.issues.map((issue) => ({
      ticket: {
        platform,
        repo: fixture.repo,
        number: issue.number,
        title: issue.title,
        body: "",
        author: { login: issue.author ?? "client-joe", isBot: (issue.author ?? "").endsWith("[bot]") },
        labels: issue.labels ?? [],
        assignees: issue.assignees ?? [],
        state: issue.closedAt ? "closed" : "open",
        isPullRequest: issue.pullRequest === true,
        createdAt: new Date(issue.at),
      },
      ...(issue.closedAt ? { closedAt: new Date(issue.closedAt) } : {}),
      comments: (issue.comments ?? []).map((comment) => ({
        id: id++,
        author: comment.self ? { login: "frontdesk[bot]", isBot: true, isSelf: true } : { login: comment.by, isBot: false, isSelf: false },
        body: comment.body,
        createdAt: new Date(comment.at),
      })),
    })),
  };
}

export function parseConfig(text: string): Config {
  return configSchema.parse(parse(text));
}
