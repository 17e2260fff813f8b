import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatUsage, runCli } from "../../src/cli/main.js";
import { SCHEMA_USAGE } from "../../src/cli/schema.js";
import { formatJsonSchema } from "../../src/config/json-schema.js";
import { createMemoryIo } from "./memory-io.js";

describe("runCli", () => {
  it("lists the commands for --help", async () => {
    const io = createMemoryIo();
    expect(await runCli(["--help"], io)).toBe(0);
    expect(io.out).toBe(formatUsage());
    expect(io.out).toContain("  validate [--extends <dir>] <file...>     check configuration files offline, with what they inherit\n");
    expect(io.out).toContain("  simulate --config <file> --title <text>  print what frontdesk would do with an issue, step by step\n");
    expect(io.out).toContain("  schema [--shared]                        print the configuration's JSON Schema, for editors\n");
  });

  it("exits 2 with the usage on stderr when no command is given", async () => {
    const io = createMemoryIo();
    expect(await runCli([], io)).toBe(2);
    expect(io.err).toBe(formatUsage());
  });

  it("exits 2 on an unknown command, even one named like an object key", async () => {
    for (const name of ["toString", "__proto__", "lint"]) {
      const io = createMemoryIo();
      expect(await runCli([name], io)).toBe(2);
      expect(io.err).toBe(`frontdesk: unknown command "${name}"\n\n${formatUsage()}`);
    }
  });

  it.each([
    ["valdate", "validate"],
    ["simulat", "simulate"],
    ["Schema", "schema"],
    ["swep", "sweep"],
  ])("suggests the command nearest to %s", async (name, nearest) => {
    const io = createMemoryIo();
    expect(await runCli([name, "x.yml"], io)).toBe(2);
    expect(io.err).toBe(`frontdesk: unknown command "${name}"; did you mean "${nearest}"?\n\n${formatUsage()}`);
    expect(io.out).toBe("");
  });

  it.each(["--version", "-v"])("prints the package version for %s", async (flag) => {
    const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
    const io = createMemoryIo();
    expect(await runCli([flag], io)).toBe(0);
    expect(io.out).toBe(`frontdesk ${manifest.version}\n`);
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+/u);
  });

  it("dispatches validate with the remaining arguments", async () => {
    const broken = readFileSync(new URL("../../config/broken-example.yml", import.meta.url), "utf8");
    const io = createMemoryIo({ "config/broken-example.yml": broken });
    expect(await runCli(["validate", "config/broken-example.yml"], io)).toBe(1);
    expect(io.out.trimEnd().split("\n").map((line) => line.split(": ")[0])).toEqual([
      "config/broken-example.yml:7:3",
      "config/broken-example.yml:12:12",
      "config/broken-example.yml:15:14",
    ]);
  });

  it("prints the JSON Schema for schema", async () => {
    const io = createMemoryIo();
    expect(await runCli(["schema"], io)).toBe(0);
    expect(io.out).toBe(formatJsonSchema());
    expect(JSON.parse(io.out)).toMatchObject({ title: "frontdesk configuration", then: { required: ["team"] } });
  });

  it("prints the shared file's JSON Schema for schema --shared", async () => {
    const io = createMemoryIo();
    expect(await runCli(["schema", "--shared"], io)).toBe(0);
    expect(io.out).toBe(formatJsonSchema("shared"));
    expect(JSON.parse(io.out)).not.toHaveProperty("required");
  });

  it("rejects arguments to schema", async () => {
    const io = createMemoryIo();
    expect(await runCli(["schema", "extra"], io)).toBe(2);
    expect(io.err).toBe(`frontdesk schema: unexpected argument extra\n\n${SCHEMA_USAGE}`);
  });
});
