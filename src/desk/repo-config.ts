import type { ConfigError } from "../config/errors.js";
import type { Config } from "../config/schema.js";

/** A repository's configuration as an adapter found it. */
export type RepoConfig =
  | { kind: "missing" }
  | { kind: "invalid"; errors: ConfigError[] }
  | { kind: "valid"; config: Config; warnings: ConfigError[] };
