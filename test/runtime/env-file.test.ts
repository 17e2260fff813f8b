import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadEnvFile } from "../../src/runtime/env-file.js";
import { SettingsError } from "../../src/runtime/settings.js";

describe("loadEnvFile", () => {
  it("reads nothing when there is no file", () => {
    const read: string[] = [];
    expect(loadEnvFile(join(tmpdir(), "frontdesk-no-such-dir", ".env"), (file) => void read.push(file))).toBeUndefined();
    expect(read).toEqual([]);
  });

  it("hands an existing file to Node's loader", () => {
    const file = join(mkdtempSync(join(tmpdir(), "frontdesk-env-")), ".env");
    writeFileSync(file, "PORT=4100\n");
    const read: string[] = [];
    expect(loadEnvFile(file, (path) => void read.push(path))).toBe(file);
    expect(read).toEqual([file]);
  });

  it("with Node's loader, keeps what the environment already has", () => {
    const file = join(mkdtempSync(join(tmpdir(), "frontdesk-env-")), ".env");
    const name = `FRONTDESK_TEST_${process.pid}`;
    writeFileSync(file, `${name}_A=from-file\n${name}_B=from-file\n`);
    process.env[`${name}_A`] = "from-environment";
    try {
      loadEnvFile(file);
      expect([process.env[`${name}_A`], process.env[`${name}_B`]]).toEqual(["from-environment", "from-file"]);
    } finally {
      delete process.env[`${name}_A`];
      delete process.env[`${name}_B`];
    }
  });

  it("turns a file it cannot read into a SettingsError", () => {
    const file = join(mkdtempSync(join(tmpdir(), "frontdesk-env-")), ".env");
    writeFileSync(file, "");
    const fail = () => {
      throw new Error("EACCES: permission denied");
    };
    expect(() => loadEnvFile(file, fail)).toThrow(SettingsError);
  });
});
