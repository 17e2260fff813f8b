import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { readConfigChain, validateChain } from "../../src/config/chain.js";
import { createLocalChainPlatform } from "../../src/config/local-chain.js";

/**
 * The README's worked example of inheritance is what frontdesk does: the
 * agency file and the client file merge into the configuration it shows.
 */

const README = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

function inheritanceBlocks(): string[] {
  const start = README.indexOf("### Inheritance");
  const section = README.slice(start, README.indexOf("\n### ", start + 1));
  return [...section.matchAll(/```yaml\n([\s\S]*?)```/gu)].map((match) => match[1] ?? "");
}

describe("README: inheritance", () => {
  it("merges the agency's and the client's file into the configuration shown", async () => {
    const [agency = "", client = "", merged = ""] = inheritanceBlocks();
    const files: Record<string, string> = { "agency/.github/frontdesk-shared.yml": agency, "client/.github/frontdesk.yml": client };
    const read = (path: string) => Promise.resolve(files[path]);
    const platform = createLocalChainPlatform({ dirs: ["agency"], platform: "github", read });
    const chain = await readConfigChain(platform, [{ path: "client/.github/frontdesk.yml", tried: [] }]);
    if (chain.kind !== "read") throw new Error(JSON.stringify(chain));
    expect(chain.chain.map((file) => file.name)).toEqual(["client/.github/frontdesk.yml", "agency/.github/frontdesk-shared.yml"]);

    const result = validateChain(chain.chain);
    if (!result.ok) throw new Error(result.errors.map((error) => error.format()).join("\n"));
    expect(result.config).toMatchObject(parse(merged) as object);
    expect(Object.keys(result.config.urgency.levels)).toEqual(["notfall", "aufgabe"]);
    expect(result.config.team.functions).toEqual({ design: ["dave"] });
  });
});
