import type { RepositoryFiles } from "@gitbeaker/rest";
import { ConfigError } from "../../config/errors.js";
import { mergeConfigs } from "../../config/merge.js";
import { pickOrigin } from "../../config/origin.js";
import { readConfigText, validateConfigObject, validateReadConfig, type ConfigResult, type PathLocator } from "../../config/parse.js";
import type { RepoConfig } from "../shared/repo-config.js";
import { statusOf } from "./client.js";

/** Where a GitLab project keeps its configuration (SPEC section 3). */
export const GITLAB_CONFIG_PATH = ".gitlab/frontdesk.yml";

/** How many `_extends` steps a chain may take; agencies need one or two. */
export const MAX_EXTENDS_DEPTH = 5;

/** One file in an `_extends` chain. */
export interface ConfigSource {
  /** `group/project`. */
  project: string;
  /** Path of the file in that project. */
  file: string;
  /** Branch, tag or commit; `HEAD` is the project's default branch. */
  ref: string;
}

/** A project's configuration and the files it was built from. */
export interface LoadedGitLabConfig {
  config: RepoConfig;
  /** The files the configuration was inherited from (`_extends`), nearest first. */
  inheritsFrom: ConfigSource[];
}

interface ReadFile extends ReadMapping {
  source: ConfigSource;
  name: string;
}

/**
 * Reads `.gitlab/frontdesk.yml` from the project's default branch and follows
 * `_extends: group/project` (or `group/project:path/to/file.yml`, or a bare
 * `project` in the same group). What a file sets replaces what it inherits,
 * lists whole. A missing file is no configuration; HTTP failures other than
 * 404 are thrown so that the delivery fails and is logged.
 */
export async function loadGitLabConfig(files: RepositoryFiles, project: string, defaultBranch: string | null | undefined): Promise<LoadedGitLabConfig> {
  // A project without commits has no default branch and so no file.
  if (!defaultBranch) return { config: { kind: "missing" }, inheritsFrom: [] };
  const chain: ReadFile[] = [];
  let source: ConfigSource = { project, file: GITLAB_CONFIG_PATH, ref: defaultBranch };
  for (;;) {
    const name = displayName(source);
    const text = await fetchRaw(files, source);
    const previous = chain.at(-1);
    if (text === undefined) {
      if (!previous) return { config: { kind: "missing" }, inheritsFrom: [] };
      return invalid(chain, extendsError(previous, `${name} does not exist or frontdesk's token cannot read it`));
    }
    const read = readYaml(text, name);
    if (!read.ok) return invalid(chain, ...read.errors);
    chain.push({ source, name, ...read.file });
    const target = read.file.value._extends;
    if (typeof target !== "string") break; // absent, or a wrong type the schema reports
    const next = parseExtends(target, source.project);
    const current = chain.at(-1)!;
    if (!next) return invalid(chain, extendsError(current, `${JSON.stringify(target)} is not a project: use group/project or group/project:path/file.yml`));
    if (chain.some((file) => sameSource(file.source, next))) {
      return invalid(chain, extendsError(current, `${displayName(next)} is already in the chain: ${chain.map((file) => file.name).join(" -> ")}`));
    }
    if (chain.length > MAX_EXTENDS_DEPTH) return invalid(chain, extendsError(current, `more than ${MAX_EXTENDS_DEPTH} _extends steps`));
    source = next;
  }
  const inheritsFrom = chain.slice(1).map((file) => file.source);
  const leaf = chain[0]!;
  if (chain.length === 1) return { config: toRepoConfig(validateReadConfig({ ok: true, ...leaf }, leaf.name)), inheritsFrom };
  const merged = mergeConfigs(chain.map((file) => file.value).reverse());
  const locator = createChainLocator(chain);
  const result = validateConfigObject(merged, { file: leaf.name, locate: locator.locate });
  return { config: toRepoConfig(result.ok ? result : { ok: false, errors: result.errors.map(locator.attribute) }), inheritsFrom };
}

/** `group/project:path`, the way a person finds the file. */
function displayName(source: ConfigSource): string {
  return `${source.project}:${source.file}`;
}

function sameSource(a: ConfigSource, b: ConfigSource): boolean {
  return a.project.toLowerCase() === b.project.toLowerCase() && a.file === b.file;
}

const PROJECT_PATH = /^[A-Za-z0-9_.][A-Za-z0-9_.-]*(\/[A-Za-z0-9_.][A-Za-z0-9_.-]*)*$/u;
const FILE_PATH = /^(?!\/)(?!.*(^|\/)\.\.(\/|$))[^\s]+$/u;

/** `group/project[:file]`, or `project[:file]` in the extending project's own group. */
export function parseExtends(value: string, from: string): ConfigSource | undefined {
  const [target = "", file = GITLAB_CONFIG_PATH, ...rest] = value.trim().split(":");
  // A file path is relative to the project's root: "https://..." is no project.
  if (rest.length > 0 || !PROJECT_PATH.test(target) || !FILE_PATH.test(file)) return undefined;
  const namespace = from.split("/").slice(0, -1).join("/");
  const project = target.includes("/") || !namespace ? target : `${namespace}/${target}`;
  return { project, file, ref: "HEAD" };
}

async function fetchRaw(files: RepositoryFiles, source: ConfigSource): Promise<string | undefined> {
  try {
    const raw = await files.showRaw(source.project, source.file, source.ref);
    return typeof raw === "string" ? raw : await raw.text();
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

/** A file read as YAML whose top is a mapping, so that its `_extends` can be followed. */
interface ReadMapping {
  value: Record<string, unknown>;
  locate: PathLocator;
  warnings: ConfigError[];
}

type ReadResult = { ok: true; file: ReadMapping } | { ok: false; errors: ConfigError[] };

/**
 * The file as an object, to learn its `_extends` before validating the
 * merge. The YAML is parsed once; what cannot be read comes back as errors
 * with line and column.
 */
function readYaml(text: string, name: string): ReadResult {
  const read = readConfigText(text, name);
  if (!read.ok) return read;
  const { value, locate, warnings } = read;
  if (typeof value === "object" && value !== null && !Array.isArray(value)) return { ok: true, file: { value: value as Record<string, unknown>, locate, warnings } };
  // A list or scalar at the top is no mapping: validation says so, with the position.
  const result = validateReadConfig(read, name);
  return { ok: false, errors: result.ok ? [new ConfigError({ file: name, path: [], detail: "the file must be a mapping of keys", position: { line: 1, col: 1 } })] : result.errors };
}

function extendsError(file: ReadFile, detail: string): ConfigError {
  return new ConfigError({ file: file.name, path: ["_extends"], detail, position: file.locate(["_extends"]) });
}

function invalid(chain: ReadFile[], ...errors: ConfigError[]): LoadedGitLabConfig {
  return { config: { kind: "invalid", errors }, inheritsFrom: chain.slice(1).map((file) => file.source) };
}

function toRepoConfig(result: ConfigResult): RepoConfig {
  return result.ok ? { kind: "valid", config: result.config, warnings: result.warnings } : { kind: "invalid", errors: result.errors };
}

/**
 * An error belongs to the nearest file that sets the deepest part of its key
 * path: `locate` finds its line there, `attribute` puts that file's name on it
 * (validation names only the file it was given).
 */
function createChainLocator(chain: ReadFile[]): { locate: PathLocator; attribute: (error: ConfigError) => ConfigError } {
  const located = new Map<string, ReadFile>();
  const locate: PathLocator = (path, target) => {
    const file = pickOrigin(chain, path, (file) => file.value);
    located.set(JSON.stringify(path), file);
    return file.locate(path, target);
  };
  const attribute = (error: ConfigError): ConfigError => {
    const file = located.get(JSON.stringify(error.path));
    if (!file || file.name === error.file) return error;
    const position = error.line === undefined ? undefined : { line: error.line, col: error.col ?? 1 };
    return new ConfigError({ file: file.name, path: error.path, detail: error.detail, position, cause: error.cause });
  };
  return { locate, attribute };
}


