import { describe, expect, it } from "vitest";
import { runValidate } from "../../src/cli/validate.js";
import { readConfigChain, validateChain } from "../../src/config/chain.js";
import { createLocalChainPlatform } from "../../src/config/local-chain.js";
import { createMemoryIo } from "./memory-io.js";

/**
 * `validate --extends <dir>` follows `_extends` offline, merges as the
 * server merges (the child's team, levels, keywords and sizes whole) and
 * reports each error in the file it is in; a shared file needs no team.
 */

const AGENCY = "agency/.github/frontdesk.yml";
const CLIENT = "client/.github/frontdesk.yml";

const AGENCY_TEXT = [
  "# the agency's shared defaults",
  "language: en",
  "team:",
  "  contacts: [frontdesk-bot]",
  "  functions:",
  "    development: [dev-pool]",
  "urgency:",
  "  levels:",
  "    emergency: { respond_within: 1h }",
  "    task: { respond_within: 1d }",
  "business_hours:",
  "  timezone: Europe/Berlin",
  "",
].join("\n");

const CLIENT_TEXT = [
  "_extends: .github",
  "language: de",
  "team:",
  "  contacts: [alice]",
  "  functions:",
  "    design: [dave]",
  "urgency:",
  "  levels:",
  "    notfall: { respond_within: 2h }",
  "    aufgabe: { respond_within: 2d }",
  "",
].join("\n");

async function validate(files: Record<string, string>, args: string[]) {
  const io = createMemoryIo(files);
  const code = await runValidate(args, io);
  return { code, out: io.out, err: io.err };
}

describe("validate --extends: the agency and the client", () => {
  it("resolves to the client's levels in the client's order and to the client's roster alone", async () => {
    const files = { [AGENCY]: AGENCY_TEXT, [CLIENT]: CLIENT_TEXT };
    const read = (path: string) => Promise.resolve(files[path as keyof typeof files]);
    const chain = await readConfigChain(createLocalChainPlatform({ dirs: ["agency"], platform: "github", read }), [{ path: CLIENT, tried: [] }]);
    if (chain.kind !== "read") throw new Error(JSON.stringify(chain));
    const result = validateChain(chain.chain);
    if (!result.ok) throw new Error(result.errors.map((error) => error.format()).join("\n"));
    expect(Object.keys(result.config.urgency.levels)).toEqual(["notfall", "aufgabe"]);
    expect(result.config.team.functions).toEqual({ design: ["dave"] });
    expect(result.config.team.contacts).toEqual(["alice"]);
    // Scalars and other mappings still merge.
    expect([result.config.language, result.config.business_hours.timezone]).toEqual(["de", "Europe/Berlin"]);

    expect(await validate(files, ["--extends", "agency", CLIENT])).toEqual({
      code: 0,
      out: `${CLIENT}: ok (1 contact, 1 function, 0 bookable functions, 2 urgency levels; inherits from ${AGENCY})\n`,
      err: "",
    });
  });

  it("returns the YAML warnings of every file of the chain, and the CLI prints them", async () => {
    const agency = AGENCY_TEXT.replace("language: en", "language: !custom en");
    const client = CLIENT_TEXT.replace("language: de", "language: !other de");
    const files = { [AGENCY]: agency, [CLIENT]: client };
    const read = (path: string) => Promise.resolve(files[path as keyof typeof files]);
    const chain = await readConfigChain(createLocalChainPlatform({ dirs: ["agency"], platform: "github", read }), [{ path: CLIENT, tried: [] }]);
    if (chain.kind !== "read") throw new Error(JSON.stringify(chain));
    const result = validateChain(chain.chain);
    if (!result.ok) throw new Error(result.errors.map((error) => error.format()).join("\n"));
    expect(result.warnings.map((warning) => warning.format())).toEqual([
      `${CLIENT}:2:11: Unresolved tag: !other`,
      `${AGENCY}:2:11: Unresolved tag: !custom`,
    ]);
    expect((await validate(files, ["--extends", "agency", CLIENT])).err).toBe(
      `${CLIENT}:2:11: Unresolved tag: !other (warning)\n${AGENCY}:2:11: Unresolved tag: !custom (warning)\n`,
    );
  });

  it("reports an error of the inherited file at its own file, line and column", async () => {
    const broken = AGENCY_TEXT.replace("Europe/Berlin", "Europe/Berlln");
    expect(await validate({ [AGENCY]: broken, [CLIENT]: CLIENT_TEXT }, ["--extends=agency", CLIENT])).toMatchObject({
      code: 1,
      out: `${AGENCY}:12:13: business_hours.timezone: "Europe/Berlln" is not an IANA time zone; did you mean Europe/Berlin?\n`,
    });
  });

  it("reports an inherited default that names a level the client replaced, in the file that sets it", async () => {
    const agency = AGENCY_TEXT.replace("    task: { respond_within: 1d }\n", "    task: { respond_within: 1d }\n  default: task\n");
    const result = await validate({ [AGENCY]: agency, [CLIENT]: CLIENT_TEXT }, ["--extends", "agency", CLIENT]);
    expect(result.out).toBe(`${AGENCY}:11:12: urgency.default: "task" is not a level; levels are "notfall", "aufgabe"\n`);
    expect(result.err).toBe(`${CLIENT}: 1 error is in a file it inherits from; setting the key in ${CLIENT} overrides it (note)\n`);
  });

  it("places an error under a key the client sets as a whole in the client's file, whatever the agency sets deeper", async () => {
    const client = CLIENT_TEXT.replace("  contacts: [alice]\n", "");
    const result = await validate({ [AGENCY]: AGENCY_TEXT, [CLIENT]: client }, ["--extends", "agency", CLIENT]);
    expect(result.out).toBe(`${CLIENT}:3:1: team.contacts: required, but missing; expected a list\n`);
  });

  it("reports a YAML error of the inherited file where it starts", async () => {
    const broken = AGENCY_TEXT.replace("language: en", 'language: "en');
    const result = await validate({ [AGENCY]: broken, [CLIENT]: CLIENT_TEXT }, ["--extends", "agency", CLIENT]);
    expect(result).toMatchObject({ code: 1, out: `${AGENCY}:2:11: the " that opens here is never closed, so the text runs on to the end of the file: end it with " on this line\n` });
  });
});

describe("validate: shared files", () => {
  const SHARED = "agency/.github/frontdesk-shared.yml";
  const SHARED_TEXT = "language: de\nurgency:\n  levels:\n    notfall: { respond_within: 1h }\nsla:\n  remind_at: 75%\n";

  it("says a file without a team is one, and how to check it as shared", async () => {
    expect(await validate({ [SHARED]: SHARED_TEXT }, [SHARED])).toEqual({
      code: 1,
      out: `${SHARED}:1:1: team: required, but missing; expected a mapping\n`,
      err: `${SHARED}: a shared file, which repositories inherit with _extends, needs no team: check it with --shared (note)\n`,
    });
  });

  it("accepts it with --shared, and still checks its values", async () => {
    expect(await validate({ [SHARED]: SHARED_TEXT }, ["--shared", SHARED])).toEqual({
      code: 0,
      out: `${SHARED}: ok as a shared file (no team, 1 urgency level)\n`,
      err: "",
    });
    const broken = await validate({ [SHARED]: SHARED_TEXT.replace("75%", "75") }, ["--shared", SHARED]);
    expect(broken.out).toBe(`${SHARED}:6:14: sla.remind_at: the number 75 is not a share: write 75% (a whole percentage from 0% to 100%)\n`);
  });

  it("recognises a file as shared because another file given extends it", async () => {
    const client = "_extends: .github:.github/frontdesk-shared.yml\nteam:\n  contacts: [alice]\n";
    const result = await validate({ [SHARED]: SHARED_TEXT, [CLIENT]: client }, ["--extends", "agency", CLIENT, SHARED]);
    expect(result).toEqual({
      code: 0,
      out: `${CLIENT}: ok (1 contact, 0 functions, 0 bookable functions, 1 urgency level; inherits from ${SHARED})\n${SHARED}: ok as a shared file (no team, 1 urgency level)\n`,
      err: "",
    });
  });

  it("checks a file that extends another on its own without --extends, and says what it did not check", async () => {
    const client = "client: ACME\n_extends: .github\n";
    expect(await validate({ [CLIENT]: client }, [CLIENT])).toEqual({
      code: 0,
      out: `${CLIENT}: ok without what it inherits (no team, 2 urgency levels)\n`,
      err: `${CLIENT}:2:11: _extends: not followed: without --extends <dir> the keys this file inherits from ".github" are not checked, and it is checked like a shared file (no team needed) (note)\n`,
    });
  });
});

describe("validate --extends: finding the sources", () => {
  it.each([
    ["a checkout of the repository", ["--extends", "agency"], "agency/.github/frontdesk.yml", ".github"],
    ["a folder of checkouts", ["--extends", "repos"], "repos/.github/.github/frontdesk.yml", "acme/.github"],
    ["a folder of owners and checkouts", ["--extends", "repos"], "repos/acme/.github/.github/frontdesk.yml", "acme/.github"],
    ["a file at a path", ["--extends", "shared"], "shared/base.yml", "acme/.github:base.yml"],
    ["the second folder given", ["--extends", "nowhere", "--extends", "agency"], "agency/.github/frontdesk.yml", ".github"],
  ])("in %s", async (_name, args, path, value) => {
    const result = await validate({ [path]: AGENCY_TEXT, [CLIENT]: CLIENT_TEXT.replace(".github", value) }, [...args, CLIENT]);
    expect(result.out).toBe(`${CLIENT}: ok (1 contact, 1 function, 0 bookable functions, 2 urgency levels; inherits from ${path})\n`);
  });

  it("reads a GitLab project's file from .gitlab/", async () => {
    const client = "_extends: agency/defaults\nteam:\n  contacts: [alice]\n";
    const result = await validate({ "defaults/.gitlab/frontdesk.yml": AGENCY_TEXT, "site/.gitlab/frontdesk.yml": client }, ["--extends", ".", "site/.gitlab/frontdesk.yml"]);
    expect(result.out).toBe("site/.gitlab/frontdesk.yml: ok (1 contact, 0 functions, 0 bookable functions, 2 urgency levels; inherits from defaults/.gitlab/frontdesk.yml)\n");
  });

  it.each([
    ["a source that is in no folder", "_extends: .github\n", `${CLIENT}:1:11: _extends: ".github" is in none of the folders given with --extends: looked for elsewhere/.github/.github/frontdesk.yml, elsewhere/.github/frontdesk.yml`],
    ["a path that climbs out of the folder", "_extends: acme/.github:../../secrets.yml\n", `${CLIENT}:1:11: _extends: "acme/.github:../../secrets.yml" is not a source: use repo, owner/repo or owner/repo:path/file.yml`],
  ])("reports %s at the _extends line", async (_name, text, line) => {
    const io = createMemoryIo({ [CLIENT]: `${text}team:\n  contacts: [alice]\n`, "secrets.yml": "team: {}\n" });
    expect(await runValidate(["--extends", "elsewhere", CLIENT], io)).toBe(1);
    expect(io.out).toBe(`${line}\n`);
  });

  it("stops at a cycle", async () => {
    const files = { "a/.github/frontdesk.yml": "_extends: b\n", "b/.github/frontdesk.yml": "_extends: a\n" };
    const result = await validate(files, ["--extends", ".", "a/.github/frontdesk.yml"]);
    expect(result.out).toBe("b/.github/frontdesk.yml:1:11: _extends: a/.github/frontdesk.yml is already in the chain: a/.github/frontdesk.yml -> b/.github/frontdesk.yml\n");
  });

  it.each([
    [["--extends"], "--extends needs a folder"],
    [["--extends", "--shared", CLIENT], "--extends needs a folder"],
    [["--extends", "agency"], "no file given"],
  ])("exits 2 on %j", async (args, problem) => {
    const result = await validate({}, args);
    expect(result.code).toBe(2);
    expect(result.err.split("\n")[0]).toBe(`frontdesk validate: ${problem}`);
  });
});
