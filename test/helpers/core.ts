import { parse } from "yaml";
import { configSchema, type Config, type ConfigInput } from "../../src/config/schema.js";
import type { Ticket } from "../../src/core/types.js";
import { readFixture } from "./fixtures.js";

/** spec-example.yml, the reference configuration of these tests, parsed with every default. */
export function specConfig(overrides: Partial<ConfigInput> = {}): Config {
  const input = parse(readFixture("spec-example.yml")) as ConfigInput;
  return configSchema.parse({ ...input, ...overrides });
}

export function ticket(overrides: Partial<Ticket> = {}): Ticket {
  return {
    platform: "github",
    repo: "acme/site",
    number: 7,
    title: "Something",
    body: "",
    author: { login: "client-joe", isBot: false },
    labels: [],
    assignees: [],
    state: "open",
    isPullRequest: false,
    createdAt: new Date("2026-11-26T09:00:00Z"),
    ...overrides,
  };
}

/** The reason the core gives when a ticket becomes project work under {@link specConfig}: the handoff and both boards. */
export const SPEC_PROJECT_REASON =
  "project work: labelled project-work; handed off to lena (project_work.handoff); onto board https://github.com/orgs/acme-agency/projects/7; off board https://github.com/orgs/acme-agency/projects/6";
