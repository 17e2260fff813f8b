import { parseDuration } from "./duration.js";
import { LOG_FORMATS, LOG_LEVELS, type LogFormat } from "./log.js";

/**
 * The server's own variables (PORT, HOST, LOG_LEVEL, LOG_FORMAT,
 * SHUTDOWN_TIMEOUT), read and checked once at the start. The platforms check
 * theirs where they are built. A bad value is a {@link SettingsError}: the
 * server says which variable and what it accepts in one line, and does not start.
 */

/** A variable frontdesk cannot start with. The message names the variable and what it accepts, never a secret's value. */
export class SettingsError extends Error {
  override readonly name: string = "SettingsError";
}

export interface ServerSettings {
  /** 0: any free port. */
  port: number;
  /** Undefined: every interface. */
  host?: string;
  logLevel: string;
  logFormat: LogFormat;
  /** How long a shutdown waits for accepted work before it gives up on it. */
  shutdownTimeoutMs: number;
}

export const DEFAULT_PORT = 3000;
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 25_000;

/**
 * Reads the server's variables; `terminal`: whether stdout is a terminal
 * (then the log is readable lines unless LOG_FORMAT says json).
 *
 * @throws SettingsError naming the first variable with a bad value.
 */
export function readServerSettings(env: Readonly<Record<string, string | undefined>>, terminal = false): ServerSettings {
  const host = env.HOST?.trim();
  return {
    port: readPort(env.PORT),
    ...(host ? { host } : {}),
    logLevel: readChoice("LOG_LEVEL", env.LOG_LEVEL, LOG_LEVELS) ?? "info",
    logFormat: readChoice("LOG_FORMAT", env.LOG_FORMAT, LOG_FORMATS) ?? (terminal ? "pretty" : "json"),
    shutdownTimeoutMs: readShutdownTimeout(env.SHUTDOWN_TIMEOUT),
  };
}

function readPort(value: string | undefined): number {
  const text = value?.trim() ?? "";
  if (text === "") return DEFAULT_PORT;
  const port = /^\d{1,5}$/u.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 0 && port <= 65_535)) throw new SettingsError(`PORT=${JSON.stringify(value)} is not a port: use a number from 0 to 65535 (0: any free port)`);
  return port;
}

function readChoice<T extends string>(name: string, value: string | undefined, choices: readonly T[]): T | undefined {
  const text = value?.trim().toLowerCase() ?? "";
  if (text === "") return undefined;
  const choice = choices.find((candidate) => candidate === text);
  if (!choice) throw new SettingsError(`${name}=${JSON.stringify(value)} is not one of ${choices.join(", ")}`);
  return choice;
}

/** SHUTDOWN_TIMEOUT: seconds (`25`) or a duration (`25s`, `1m30s`); default 25 seconds. */
export function readShutdownTimeout(value: string | undefined): number {
  const text = value?.trim().toLowerCase() ?? "";
  if (text === "") return DEFAULT_SHUTDOWN_TIMEOUT_MS;
  const ms = parseDuration(text);
  if (ms === undefined) throw new SettingsError(`SHUTDOWN_TIMEOUT=${JSON.stringify(value)} is not a duration: use seconds (25) or a duration (25s, 1m30s)`);
  return ms;
}
