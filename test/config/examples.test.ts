import { readdirSync, readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { listKeyPaths } from "../../src/config/known-keys.js";
import { parseConfigText, readConfigText, validateReadConfig } from "../../src/config/parse.js";
import { configSchema, type Config } from "../../src/config/schema.js";

const CONFIG_DIR = new URL("../../config/", import.meta.url);

function readShipped(name: string): string {
  return readFileSync(new URL(name, CONFIG_DIR), "utf8");
}

function parseShipped(name: string): Config {
  const result = parseConfigText(readShipped(name), `config/${name}`);
  if (!result.ok) throw new Error(result.errors.map((error) => error.format()).join("\n"));
  expect(result.warnings).toEqual([]);
  return result.config;
}

/** Every dotted key path written in a YAML value, record keys replaced by `*` where the schema has a record. */
function collectWrittenPaths(value: unknown, known: Set<string>, prefix = ""): string[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const exact = prefix === "" ? key : `${prefix}.${key}`;
    const path = known.has(exact) ? exact : `${prefix}.*`;
    return [path, ...collectWrittenPaths(child, known, path)];
  });
}

describe("shipped example configurations", () => {
  const examples = readdirSync(CONFIG_DIR).filter((name) => /^example\..*\.yml$/.test(name));

  const clientExamples = examples.filter((name) => name !== "example.shared.yml");

  it("ships the English and German examples, and a shared file", () => {
    expect(examples.sort()).toEqual(["example.de.yml", "example.en.yml", "example.shared.yml"]);
  });

  it.each(clientExamples)("%s is valid and points editors at the schema", (name) => {
    parseShipped(name);
    expect(readShipped(name).split("\n")[0]).toBe("# yaml-language-server: $schema=./frontdesk.schema.json");
  });

  // The modeline is relative to the file: it works in config/ and, once both files are copied, in .github/.
  it.each([...clientExamples, "example.shared.yml"])("%s names a schema that is next to it, and says to copy it along", (name) => {
    const [modeline = "", ...rest] = readShipped(name).split("\n");
    const schemaFile = /\$schema=\.\/(\S+)$/u.exec(modeline)?.[1] ?? "";
    expect(readdirSync(CONFIG_DIR)).toContain(schemaFile);
    const header = rest.slice(0, 20).join("\n");
    expect(header).toContain(`npx frontdesk schema ${name === "example.shared.yml" ? "--shared " : ""}> .github/${schemaFile}`);
  });

  it("example.shared.yml is a valid shared file without a team, for the shared schema", () => {
    const read = readConfigText(readShipped("example.shared.yml"), "config/example.shared.yml");
    if (!read.ok) throw new Error(read.errors.map((error) => error.format()).join("\n"));
    const shared = validateReadConfig(read, "config/example.shared.yml", "shared");
    expect(shared.ok && shared.config.team).toBeUndefined();
    expect(readShipped("example.shared.yml").split("\n")[0]).toBe("# yaml-language-server: $schema=./frontdesk.shared.schema.json");
  });

  it("example.en.yml is a support-team config in English", () => {
    const config = parseShipped("example.en.yml");
    expect([config.language, config.model]).toEqual(["en", "support-team"]);
  });

  it("example.de.yml is a client-team config in German", () => {
    const config = parseShipped("example.de.yml");
    expect([config.language, config.model]).toEqual(["de", "client-team"]);
  });

  it("example.en.yml uses every key of the schema", () => {
    const known = new Set(listKeyPaths(configSchema));
    const written = new Set(collectWrittenPaths(parse(readShipped("example.en.yml")), known));
    // _extends would make the example depend on another repository; $schema is set by the comment instead.
    const unused = [...known].filter((path) => !written.has(path));
    expect(unused).toEqual(["_extends", "$schema"]);
  });

  it("broken-example.yml has exactly its three errors, on the right lines", () => {
    const result = parseConfigText(readShipped("broken-example.yml"), "config/broken-example.yml");
    if (result.ok) throw new Error("broken-example.yml must not be valid");
    expect(result.errors.map((error) => error.format())).toEqual([
      'config/broken-example.yml:7:3: team.contcts: unknown key "contcts"; did you mean "contacts"?',
      'config/broken-example.yml:12:12: urgency.default: "urgen" is not a level; levels are "emergency", "task"',
      'config/broken-example.yml:15:14: project_work.threshold: "4 hours" is not a duration: write 4h (30m, 4h or 2d; d is one business day)',
    ]);
  });
});

interface FormField {
  type: string;
  id?: string;
  attributes: { label?: string; options?: string[] };
}

describe("config/issue-forms/support-request.yml", () => {
  const form = parse(readShipped("issue-forms/support-request.yml")) as { name: string; labels: string[]; body: FormField[] };
  const config = parseShipped("example.en.yml");
  const field = (label: string): FormField | undefined => form.body.find((item) => item.attributes.label === label);

  it("is a GitHub issue form that labels new issues as support", () => {
    expect(form.name).toBe("Support request");
    expect(form.labels).toEqual(["support"]);
    const ids = form.body.flatMap((item) => (item.id === undefined ? [] : [item.id]));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("offers exactly the urgency levels of example.en.yml", () => {
    expect(field("Urgency")?.type).toBe("dropdown");
    expect(field("Urgency")?.attributes.options).toEqual(Object.keys(config.urgency.levels));
  });

  it("offers exactly the functions of example.en.yml, own and bookable", () => {
    expect(field("Function")?.type).toBe("dropdown");
    expect(field("Function")?.attributes.options).toEqual([
      ...Object.keys(config.team.functions),
      ...Object.keys(config.team.bookable),
    ]);
  });

  it("has an Estimate input", () => {
    expect(field("Estimate")?.type).toBe("input");
  });
});
