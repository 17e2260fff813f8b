import { parse } from "yaml";
import { configSchema, type Config, type ConfigInput } from "../../src/config/schema.js";
import type { Ticket } from "../../src/core/types.js";
import { readFixture } from "./fixtures.js";

/** The SPEC's example configuration, parsed with every default. */
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
