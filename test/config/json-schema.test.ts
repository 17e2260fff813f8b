import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildJsonSchema, formatJsonSchema, JSON_SCHEMA_PATHS } from "../../src/config/json-schema.js";

function shipped(kind: "client" | "shared"): string {
  return readFileSync(new URL(`../../${JSON_SCHEMA_PATHS[kind]}`, import.meta.url), "utf8");
}

interface Schema {
  $schema: string;
  title: string;
  description: string;
  additionalProperties: boolean;
  required?: string[];
  if?: unknown;
  then?: unknown;
  properties: Record<string, { required?: string[]; additionalProperties?: unknown; properties?: object }>;
}

describe("the shipped JSON Schemas", () => {
  it("config/frontdesk.schema.json is current: regenerate with `npx frontdesk schema > config/frontdesk.schema.json`", () => {
    expect(shipped("client")).toBe(formatJsonSchema("client"));
  });

  it("config/frontdesk.shared.schema.json is current: regenerate with `npx frontdesk schema --shared > config/frontdesk.shared.schema.json`", () => {
    expect(shipped("shared")).toBe(formatJsonSchema("shared"));
  });

  it("describes a repository's file as written, strictly: a team unless it extends another file", () => {
    const schema = buildJsonSchema() as unknown as Schema;
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(schema.title).toBe("frontdesk configuration");
    expect(schema.description).toBe("frontdesk configuration: .github/frontdesk.yml or .gitlab/frontdesk.yml");
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toBeUndefined();
    expect(schema.if).toEqual({ not: { required: ["_extends"] } });
    expect(schema.then).toEqual({ required: ["team"] });
    expect(schema.properties["team"]?.required).toEqual(["contacts"]);
    expect(schema.properties["team"]?.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties["sla"]?.properties ?? {})).toEqual(["remind_at"]);
  });

  it("describes a shared file with the same keys and nothing required", () => {
    const client = buildJsonSchema("client") as unknown as Schema;
    const shared = buildJsonSchema("shared") as unknown as Schema;
    expect(shared.title).toBe("frontdesk shared configuration");
    expect(shared.required).toBeUndefined();
    expect(shared.if).toBeUndefined();
    expect(shared.additionalProperties).toBe(false);
    expect(Object.keys(shared.properties)).toEqual(Object.keys(client.properties));
    // A team written in a shared file is used whole by repositories without their own, so it is complete.
    expect(shared.properties["team"]?.required).toEqual(["contacts"]);
  });
});
