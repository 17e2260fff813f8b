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

/** What a {@link ConfigError} is built from. */
export interface ConfigErrorInit {
  file: string;
  path: readonly PathSegment[];
  /** What is wrong, without the key path (it is added in front). */
  detail: string;
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
    this.line = init.position?.line;
    this.col = init.position?.col;
  }

  /** `file:line:col: message`, or `file: message` when the position is unknown. */
  format(): string {
    const where = this.line === undefined ? this.file : `${this.file}:${this.line}:${this.col ?? 1}`;
    return `${where}: ${this.message}`;
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
