import { LineCounter, parseDocument, visit } from "yaml";
import type { Document, YAMLError } from "yaml";
import { ConfigError } from "./errors.js";
import { convertIssues, describeIssue } from "./issues.js";
import { createDocumentLocator, type PathLocator } from "./locate.js";
import { schemaFor, type Config, type FileKind, type SharedConfig } from "./schema.js";
import { explainYamlError } from "./yaml-errors.js";

export { createLocator, locatePath, type LocateTarget, type PathLocator } from "./locate.js";

/**
 * Reads frontdesk.yml: YAML text in, a validated {@link Config} or errors with
 * line:col out. Nothing here touches the network or the file system.
 */

/** The outcome of reading a configuration: the config, or every error found. */
export type ConfigResult<C = Config> = { ok: true; config: C; warnings: ConfigError[] } | { ok: false; errors: ConfigError[] };

/** Larger files are refused before parsing: no real configuration comes near this. */
export const MAX_CONFIG_BYTES = 512 * 1024;
/** Alias expansions allowed while building the object; a "billion laughs" file needs far more. */
export const MAX_ALIAS_COUNT = 100;

/** Options for {@link validateConfigObject}. */
export interface ValidateOptions {
  /** The name errors carry; default `frontdesk.yml`. */
  file?: string;
  /** Finds a key path's line and column, for example `createLocator(rawText)`. */
  locate?: PathLocator | undefined;
}

/** A configuration file read as YAML but not validated: its value, and where its keys are. */
export type ReadConfig =
  | { ok: true; value: unknown; locate: PathLocator; warnings: ConfigError[] }
  | { ok: false; errors: ConfigError[] };

/**
 * Reads the text of a frontdesk.yml as YAML, once: files over
 * {@link MAX_CONFIG_BYTES}, syntax errors and alias bombs come back as
 * {@link ConfigError}s with the file name and a 1-based line:col. An empty
 * file is an empty mapping, as Probot reads it. Of the syntax errors only
 * the first is reported, where the problem starts: the ones after it are
 * mostly the parser losing its way.
 */
export function readConfigText(text: string, file: string): ReadConfig {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_CONFIG_BYTES) {
    const size = Math.ceil(bytes / 1024);
    const detail = `the file is ${size} KB; a configuration may be at most ${MAX_CONFIG_BYTES / 1024} KB`;
    return { ok: false, errors: [new ConfigError({ file, path: [], detail, kind: "file too large", position: { line: 1, col: 1 } })] };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const toWarning = (error: YAMLError): ConfigError => {
    const position = lineCounter.linePos(error.pos[0]);
    return new ConfigError({ file, path: [], detail: error.message, kind: "invalid YAML", position, cause: error });
  };
  const [first] = doc.errors;
  if (first) {
    const { detail, position } = explainYamlError(first, doc, text, lineCounter);
    return { ok: false, errors: [new ConfigError({ file, path: [], detail, kind: "invalid YAML", position, cause: first })] };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (cause) {
    return { ok: false, errors: [explainToJsFailure(cause, doc, lineCounter, file)] };
  }
  return { ok: true, value: value ?? {}, locate: createDocumentLocator(doc, lineCounter, text), warnings: doc.warnings.map(toWarning) };
}

/**
 * Parses and validates the text of a frontdesk.yml. YAML syntax errors, files
 * over {@link MAX_CONFIG_BYTES}, alias bombs and schema violations all come
 * back as {@link ConfigError}s with the file name and a 1-based line:col.
 */
export function parseConfigText(text: string, file: string): ConfigResult {
  const read = readConfigText(text, file);
  return read.ok ? validateReadConfig(read, file) : read;
}

/** Validates what {@link readConfigText} read, as a repository's file or a shared one; its YAML warnings come first. */
export function validateReadConfig(read: Extract<ReadConfig, { ok: true }>, file: string): ConfigResult;
export function validateReadConfig(read: Extract<ReadConfig, { ok: true }>, file: string, kind: FileKind): ConfigResult<SharedConfig>;
export function validateReadConfig(read: Extract<ReadConfig, { ok: true }>, file: string, kind: FileKind = "client"): ConfigResult<SharedConfig> {
  const result = validateConfigObject(read.value, { file, locate: read.locate, kind });
  return result.ok ? { ...result, warnings: [...read.warnings, ...result.warnings] } : result;
}

/**
 * Validates a configuration that is already an object, such as the merge of
 * a repository's file with the files it extends. `locate` (built from the
 * raw text of the file a person edits) gives the errors their positions;
 * without it they carry only the file name and key path.
 */
export function validateConfigObject(value: unknown, options?: ValidateOptions & { kind?: "client" }): ConfigResult;
export function validateConfigObject(value: unknown, options: ValidateOptions & { kind: FileKind }): ConfigResult<SharedConfig>;
export function validateConfigObject(value: unknown, options: ValidateOptions & { kind?: FileKind } = {}): ConfigResult<SharedConfig> {
  const file = options.file ?? "frontdesk.yml";
  const kind = options.kind ?? "client";
  if (kind === "client" && isEmpty(value)) {
    const detail = 'the file is empty: a configuration needs at least the team\'s contacts, for example "team: { contacts: [alice] }"';
    return { ok: false, errors: [new ConfigError({ file, path: [], detail, kind: "empty file", position: { line: 1, col: 1 } })] };
  }
  const schema = schemaFor(kind);
  const parsed = schema.safeParse(value, { error: describeIssue });
  if (parsed.success) return { ok: true, config: parsed.data, warnings: [] };
  return { ok: false, errors: convertIssues(parsed.error.issues, { file, locate: options.locate, input: value, schema }) };
}

/** No keys at all: an empty file, or one with only comments. */
function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  return typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 0;
}

function explainToJsFailure(cause: unknown, doc: Document, lineCounter: LineCounter, file: string): ConfigError {
  const aliasBomb = cause instanceof ReferenceError && /alias/i.test(cause.message);
  const detail = aliasBomb
    ? `too many alias expansions (more than ${MAX_ALIAS_COUNT}); ` +
      "write the values out instead of nesting aliases (*name)"
    : `the YAML could not be read: ${cause instanceof Error ? cause.message : String(cause)}`;
  let offset: number | undefined;
  visit(doc, {
    Alias(_, node) {
      offset = node.range?.[0];
      return visit.BREAK;
    },
  });
  const position = aliasBomb && offset !== undefined ? lineCounter.linePos(offset) : { line: 1, col: 1 };
  return new ConfigError({ file, path: [], detail, kind: aliasBomb ? "too many aliases" : "invalid YAML", position, cause });
}
