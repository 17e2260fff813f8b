import { describe, expect, it, vi } from "vitest";
import { runValidate } from "../../src/cli/validate.js";
import { createMemoryIo } from "./memory-io.js";

/**
 * A file that is no mapping (a list, a scalar) fails with the schema's own
 * error. Should validation ever accept such a value, `validate` still says
 * the file must be a mapping instead of failing without a word: the CLI
 * reads a file with `readMapping`, as `readConfigChain` does.
 */

vi.mock("../../src/config/parse.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/config/parse.js")>();
  return {
    ...original,
    // Validation that accepts anything that is not a mapping, to reach the fallback.
    validateReadConfig: ((read, file, kind) =>
      typeof read.value === "object" && read.value !== null && !Array.isArray(read.value)
        ? original.validateReadConfig(read, file, kind ?? "client")
        : { ok: true, config: {}, warnings: [] }) as typeof original.validateReadConfig,
  };
});

describe("validate: a file that is not a mapping", () => {
  it("says so at 1:1 even when validation finds nothing to report", async () => {
    const io = createMemoryIo({ "list.yml": "- alice\n- bob\n" });
    expect(await runValidate(["list.yml"], io)).toBe(1);
    expect({ out: io.out, err: io.err }).toEqual({ out: "list.yml:1:1: the file must be a mapping of keys\n", err: "" });
  });
});
