import { describe, expect, it } from "vitest";
import { runValidate, VALIDATE_USAGE } from "../../src/cli/validate.js";
import { createMemoryIo } from "./memory-io.js";

const VALID = "team:\n  contacts: [alice, ann]\n  functions:\n    development: [bob]\n  bookable:\n    seo: [erin]\n";
const BROKEN = "team:\n  contacts: [alice]\nlanguage: fr\nsla:\n  remind_at: 80\n";

describe("runValidate", () => {
  it("prints a summary per valid file and exits 0", async () => {
    const io = createMemoryIo({ "a.yml": VALID, "b.yml": "team:\n  contacts: [alice]\n" });
    expect(await runValidate(["a.yml", "b.yml"], io)).toBe(0);
    expect(io.out).toBe(
      "a.yml: ok (2 contacts, 1 function, 1 bookable function, 2 urgency levels)\n" +
        "b.yml: ok (1 contact, 0 functions, 0 bookable functions, 2 urgency levels)\n",
    );
    expect(io.err).toBe("");
  });

  it("prints one file:line:col line per error on stdout and exits 1", async () => {
    const io = createMemoryIo({ "bad.yml": BROKEN, "good.yml": VALID });
    expect(await runValidate(["bad.yml", "good.yml"], io)).toBe(1);
    expect(io.out).toBe(
      'bad.yml:3:11: language: found text "fr"; expected one of "en", "de"\n' +
        "bad.yml:5:14: sla.remind_at: the number 80 is not a share: write 80% (a whole percentage from 0% to 100%)\n" +
        "good.yml: ok (2 contacts, 1 function, 1 bookable function, 2 urgency levels)\n",
    );
    expect(io.err).toBe("");
  });

  it("exits 2 with a clear message for a missing file, and still checks the others", async () => {
    const io = createMemoryIo({ "bad.yml": BROKEN });
    expect(await runValidate(["missing.yml", "bad.yml"], io)).toBe(2);
    expect(io.err).toBe("frontdesk validate: cannot read missing.yml: no such file\n");
    expect(io.out.split("\n")).toHaveLength(3);
  });

  it("reports YAML warnings of a valid file on stderr", async () => {
    const io = createMemoryIo({ "w.yml": "team:\n  contacts: [alice]\nclient: !custom ACME\n" });
    expect(await runValidate(["w.yml"], io)).toBe(0);
    expect(io.err).toBe("w.yml:3:9: Unresolved tag: !custom (warning)\n");
  });

  it.each([
    { args: [], err: `frontdesk validate: no file given\n\n${VALIDATE_USAGE}` },
    { args: ["--strict", "a.yml"], err: `frontdesk validate: unknown option --strict\n\n${VALIDATE_USAGE}` },
  ])("exits 2 on bad usage: $args", async ({ args, err }) => {
    const io = createMemoryIo();
    expect(await runValidate(args, io)).toBe(2);
    expect(io.err).toBe(err);
    expect(io.out).toBe("");
  });

  it("prints its usage for --help", async () => {
    const io = createMemoryIo();
    expect(await runValidate(["--help"], io)).toBe(0);
    expect(io.out).toBe(VALIDATE_USAGE);
  });
});
