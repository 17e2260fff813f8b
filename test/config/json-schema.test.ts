import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildJsonSchema, formatJsonSchema, JSON_SCHEMA_PATH } from "../../src/config/json-schema.js";

const shipped = readFileSync(new URL(`../../${JSON_SCHEMA_PATH}`, import.meta.url), "utf8");

describe("config/frontdesk.schema.json", () => {
  it("is current: regenerate with `npx frontdesk schema > config/frontdesk.schema.json`", () => {
    expect(shipped).toBe(formatJsonSchema());
  });

  it("describes the configuration as written, strictly", () => {
    const schema = buildJsonSchema() as {
      $schema: string;
      title: string;
      description: string;
      additionalProperties: boolean;
      required?: string[];
      properties: Record<string, { required?: string[]; additionalProperties?: unknown; properties?: object }>;
    };
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(schema.title).toBe("frontdesk configuration");
    expect(schema.description).toBe("frontdesk configuration: .github/frontdesk.yml or .gitlab/frontdesk.yml");
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(["team"]);
    expect(schema.properties["team"]?.required).toEqual(["contacts"]);
    expect(schema.properties["team"]?.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties["sla"]?.properties ?? {})).toEqual(["remind_at"]);
  });
});
