import { ConfigError, type ConfigErrorKind, type PathSegment } from "./errors.js";
import { mergeConfigs } from "./merge.js";
import { pickOrigin } from "./origin.js";
import { readConfigText, validateConfigObject, validateReadConfig, type ConfigResult, type PathLocator } from "./parse.js";
import type { Config, FileKind, SharedConfig } from "./schema.js";
import type { TenancyDecision } from "./tenancy.js";

/**
 * Reads a configuration and the files it extends, for any platform: the
 * platform says how to fetch a file, how to read an `_extends` value and
 * whether a source may be read at all; this file follows the chain, refuses
 * before fetching, stops at cycles and at {@link MAX_EXTENDS_DEPTH}, and
 * validates the merge with every error placed in the file that set its key.
 */

/** How many `_extends` steps a chain may take; agencies need one or two. */
export const MAX_EXTENDS_DEPTH = 5;

/** What a platform tells the chain reader. `S` is its way of naming a file. */
export interface ChainPlatform<S> {
  /** The file's text, or undefined when it does not exist; other failures throw. */
  fetch(source: S): Promise<string | undefined>;
  /** The file an `_extends` value written in `from` names; undefined when it names none. */
  resolve(value: string, from: S): S | undefined | Promise<S | undefined>;
  /** Whether the source may be read for this tenant, asked before it is fetched. */
  check(source: S): TenancyDecision;
  /** `owner/repo:path`, the way a person finds the file. */
  name(source: S): string;
  /** How an `_extends` value is written, for the error when one names nothing. */
  extendsFormat: string;
  /** Why a source that {@link fetch} found missing is missing; default: it does not exist or the token cannot read it. */
  describeMissing?(source: S): string;
}

/** One file of a chain, read as a YAML mapping. */
export interface ChainFile<S> {
  source: S;
  name: string;
  value: Record<string, unknown>;
  locate: PathLocator;
  warnings: ConfigError[];
}

/** A chain as read: no file at all, the files (nearest first), or errors with the files read so far. */
export type ChainRead<S> =
  | { kind: "missing" }
  | { kind: "read"; chain: ChainFile<S>[] }
  | { kind: "invalid"; chain: ChainFile<S>[]; errors: ConfigError[] };

/**
 * Reads the first of `starts` that exists (a repository's file, then a
 * fallback such as the owner's `.github`), then follows `_extends`. A
 * source is checked before it is fetched: a refused one is never read.
 */
export async function readConfigChain<S>(platform: ChainPlatform<S>, starts: readonly S[]): Promise<ChainRead<S>> {
  let first: { source: S; text: string } | undefined;
  for (const source of starts) {
    const text = await platform.fetch(source);
    if (text !== undefined) {
      first = { source, text };
      break;
    }
  }
  if (!first) return { kind: "missing" };
  const chain: ChainFile<S>[] = [];
  let { source, text } = first;
  for (;;) {
    const name = platform.name(source);
    const read = readMapping(text, name);
    if (!read.ok) return { kind: "invalid", chain, errors: read.errors };
    const current: ChainFile<S> = { source, name, ...read.file };
    chain.push(current);
    const target = current.value._extends;
    if (typeof target !== "string") return { kind: "read", chain }; // absent, or a wrong type the schema reports
    const next = await platform.resolve(target, source);
    const quoted = JSON.stringify(target);
    if (!next) return refuse(chain, current, "not a source", `${quoted} is not a source: use ${platform.extendsFormat}`);
    const decision = platform.check(next);
    if (!decision.allowed) return refuse(chain, current, "source not allowed", `${quoted} ${decision.reason}`);
    const nextName = platform.name(next);
    if (chain.some((file) => file.name.toLowerCase() === nextName.toLowerCase())) {
      return refuse(chain, current, "extends cycle", `${nextName} is already in the chain: ${chain.map((file) => file.name).join(" -> ")}`);
    }
    if (chain.length > MAX_EXTENDS_DEPTH) return refuse(chain, current, "too many extends steps", `more than ${MAX_EXTENDS_DEPTH} _extends steps`);
    const nextText = await platform.fetch(next);
    if (nextText === undefined) {
      const why = platform.describeMissing?.(next) ?? `${nextName} does not exist or frontdesk's token cannot read it`;
      return refuse(chain, current, "source not found", why);
    }
    source = next;
    text = nextText;
  }
}

/**
 * Validates the merge of a chain (nearest file wins, lists and the keys
 * merge.ts names whole). An error is placed in, and named after, the nearest
 * file that sets the deepest part of its key path. A chain that is itself a
 * shared file (`kind: "shared"`) needs no team. A valid chain comes back
 * with the YAML warnings of every file in it, nearest file first.
 */
export function validateChain<S>(chain: readonly ChainFile<S>[], kind?: "client"): ConfigResult<Config>;
export function validateChain<S>(chain: readonly ChainFile<S>[], kind: FileKind): ConfigResult<SharedConfig>;
export function validateChain<S>(chain: readonly ChainFile<S>[], kind: FileKind = "client"): ConfigResult<SharedConfig> {
  const leaf = chain[0]!;
  if (chain.length === 1) return validateReadConfig({ ok: true, ...leaf }, leaf.name, kind);
  const merged = mergeConfigs(chain.map((file) => file.value).reverse());
  const located = new Map<string, ChainFile<S>>();
  const locate: PathLocator = (path, target, needle) => {
    const file = pickOrigin(chain, path, (file) => file.value);
    located.set(JSON.stringify(path), file);
    return file.locate(path, target, needle);
  };
  const result = validateConfigObject(merged, { file: leaf.name, locate, kind });
  if (result.ok) return { ...result, warnings: [...chain.flatMap((file) => file.warnings), ...result.warnings] };
  const attribute = (error: ConfigError): ConfigError => {
    const file = located.get(JSON.stringify(error.path));
    if (!file || file.name === error.file) return error;
    return error.relocate(file.name, error.line === undefined ? undefined : { line: error.line, col: error.col ?? 1 });
  };
  return { ok: false, errors: result.errors.map(attribute) };
}

/** An error at a key of a chain's file, on the key's line. */
function errorAtKey<S>(file: ChainFile<S>, path: readonly PathSegment[], kind: ConfigErrorKind, detail: string): ConfigError {
  return new ConfigError({ file: file.name, path, detail, kind, position: file.locate(path) });
}

/** An error at a key of the merged configuration, in the nearest file that sets it. */
export function errorInChain<S>(chain: readonly ChainFile<S>[], path: readonly PathSegment[], kind: ConfigErrorKind, detail: string): ConfigError {
  return errorAtKey(pickOrigin(chain, path, (file) => file.value), path, kind, detail);
}

function refuse<S>(chain: ChainFile<S>[], file: ChainFile<S>, kind: ConfigErrorKind, detail: string): ChainRead<S> {
  return { kind: "invalid", chain, errors: [errorAtKey(file, ["_extends"], kind, detail)] };
}

export type ReadMapping = { ok: true; file: Pick<ChainFile<never>, "value" | "locate" | "warnings"> } | { ok: false; errors: ConfigError[] };

/**
 * The file as an object, to learn its `_extends` before validating the
 * merge. The YAML is parsed once; what cannot be read comes back as errors
 * with line and column.
 */
export function readMapping(text: string, name: string): ReadMapping {
  const read = readConfigText(text, name);
  if (!read.ok) return read;
  const { value, locate, warnings } = read;
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    return { ok: true, file: { value: value as Record<string, unknown>, locate, warnings } };
  }
  // A list or scalar at the top is no mapping: validation says so, with the position.
  const result = validateReadConfig(read, name);
  const notAMapping = new ConfigError({ file: name, path: [], detail: "the file must be a mapping of keys", kind: "not a mapping", position: { line: 1, col: 1 } });
  return { ok: false, errors: result.ok ? [notAMapping] : result.errors };
}
