/**
 * Errors in a frontdesk.yml, each pointing at the key that is wrong so that
 * a person can find it: `file:line:col: key.path: what is wrong`.
 */

/** One step of a key path: a mapping key or a list index. */
export type PathSegment = string | number;

/** A 1-based position in a file. */
export interface SourcePosition {
  line: number;
  col: number;
  /** The file the position is in, when a merged configuration came from several. */
  file?: string;
}

/**
 * What kind of mistake an error is, in words that carry no value from the
 * file ("unknown key", "not a duration", "source not allowed"): what check
 * runs and commit statuses may show, since an inherited file's values are
 * not the team's to read. The full {@link ConfigError.detail} goes to the
 * log and to `frontdesk validate`.
 */
export type ConfigErrorKind = (typeof CONFIG_ERROR_KINDS)[number];

/** Every {@link ConfigErrorKind}: a closed list, so that no text from a file can become one. */
export const CONFIG_ERROR_KINDS = [
  "invalid YAML",
  "empty file",
  "file too large",
  "too many aliases",
  "not a mapping",
  "unknown key",
  "invalid key",
  "missing key",
  "wrong type",
  "not an allowed value",
  "too few entries",
  "too many entries",
  "too short",
  "too long",
  "out of range",
  "not a login",
  "not a login or team",
  "not a duration",
  "not a date",
  "not a date or range",
  "not a time zone",
  "not a span of hours",
  "not a share",
  "not a board URL",
  "not a level",
  "not a function",
  "unknown placeholder",
  "duplicate entry",
  "not in the roster",
  "not a source",
  "source not found",
  "source not allowed",
  "extends cycle",
  "too many extends steps",
  "target not allowed",
  "invalid value",
] as const;

/** What a {@link ConfigError} is built from. */
export interface ConfigErrorInit {
  file: string;
  path: readonly PathSegment[];
  /** What is wrong, without the key path (it is added in front). */
  detail: string;
  /** The value-free kind of mistake; `invalid value` when not given. */
  kind?: ConfigErrorKind;
  /** A value-free addition to the kind, such as the schema key an unknown key is nearest to: `did you mean "contacts"?`. */
  hint?: string | undefined;
  position?: SourcePosition | undefined;
  /** The original YAML error or zod issue. */
  cause?: unknown;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/**
 * Writes a key path the way it reads in the file: `team.functions.design`,
 * `business_hours.days[1]`, `project_work.sizes["size: S"]`.
 */
export function formatKeyPath(path: readonly PathSegment[]): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) text += text === "" ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/** One problem in a configuration file, with where it is. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  readonly file: string;
  readonly path: readonly PathSegment[];
  /** What is wrong, without file, position or key path. */
  readonly detail: string;
  /** What kind of mistake, with no value from any file in it. */
  readonly kind: ConfigErrorKind;
  /** A value-free addition to {@link kind}, or undefined. */
  readonly hint: string | undefined;
  /** 1-based; undefined when the key could not be found in any text (a merged object without a locator). */
  readonly line: number | undefined;
  /** 1-based, like {@link line}. */
  readonly col: number | undefined;

  constructor(init: ConfigErrorInit) {
    const keyPath = formatKeyPath(init.path);
    super(keyPath === "" ? init.detail : `${keyPath}: ${init.detail}`, { cause: init.cause });
    this.file = init.position?.file ?? init.file;
    this.path = [...init.path];
    this.detail = init.detail;
    this.kind = init.kind ?? "invalid value";
    this.hint = init.hint;
    this.line = init.position?.line;
    this.col = init.position?.col;
  }

  /** `file:line:col: message`, or `file: message` when the position is unknown. */
  format(): string {
    return `${this.where()}: ${this.message}`;
  }

  /**
   * `file:line:col: key.path: kind`, with no value from the file: for check
   * runs and commit statuses, which people see who may not read every file
   * the configuration inherits.
   */
  formatPublic(): string {
    return `${this.where()}: ${this.describePublic()}`;
  }

  /** `key.path: kind` (and the hint), without the file and position: an annotation's message. */
  describePublic(): string {
    const keyPath = formatKeyPath(this.path);
    const text = this.hint === undefined ? this.kind : `${this.kind}; ${this.hint}`;
    return keyPath === "" ? text : `${keyPath}: ${text}`;
  }

  /** The same error at another file and position: an error found in a merge belongs to the file that set the key. */
  relocate(file: string, position: SourcePosition | undefined): ConfigError {
    return new ConfigError({ file, path: this.path, detail: this.detail, kind: this.kind, hint: this.hint, position, cause: this.cause });
  }

  private where(): string {
    return this.line === undefined ? this.file : `${this.file}:${this.line}:${this.col ?? 1}`;
  }
}

/** Thrown by code that needs a valid configuration and did not get one. */
export class ConfigInvalidError extends Error {
  override readonly name = "ConfigInvalidError";
  readonly errors: readonly ConfigError[];

  constructor(errors: readonly ConfigError[]) {
    const [first] = errors;
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : "";
    super(first ? `invalid configuration: ${first.format()}${more}` : "invalid configuration", { cause: first });
    this.errors = errors;
  }

  /** Every error, one `file:line:col: message` line each. */
  format(): string {
    return this.errors.map((error) => error.format()).join("\n");
  }
}
