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
    expect(io.out).toContain("  validate <file...>                       check configuration files offline\n");
    expect(io.out).toContain("  simulate --config <file> --title <text>  print what frontdesk would do with an issue, step by step\n");
    expect(io.out).toContain("  schema                                   print the configuration's JSON Schema, for editors\n");
  });

  it("exits 2 with the usage on stderr when no command is given", async () => {
    const io = createMemoryIo();
    expect(await runCli([], io)).toBe(2);
    expect(io.err).toBe(formatUsage());
  });

  it("exits 2 on an unknown command, even one named like an object key", async () => {
    for (const name of ["simulat", "toString", "__proto__"]) {
      const io = createMemoryIo();
      expect(await runCli([name], io)).toBe(2);
      expect(io.err).toBe(`frontdesk: unknown command "${name}"\n\n${formatUsage()}`);
    }
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
    expect(JSON.parse(io.out)).toMatchObject({ title: "frontdesk configuration", required: ["team"] });
  });

  it("rejects arguments to schema", async () => {
    const io = createMemoryIo();
    expect(await runCli(["schema", "extra"], io)).toBe(2);
    expect(io.err).toBe(`frontdesk schema: unexpected argument extra\n\n${SCHEMA_USAGE}`);
  });
});
