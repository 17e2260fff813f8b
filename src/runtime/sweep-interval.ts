import { parseDuration } from "./duration.js";
import { SettingsError } from "./settings.js";

/**
 * `SWEEP_INTERVAL`: how often the server sweeps. Seconds (`300`) or a
 * duration (`5m`, `90s`, `1h30m`); `0` or `off` turns the periodic sweep off.
 */

/** Five minutes, when SWEEP_INTERVAL is not set. */
export const DEFAULT_SWEEP_INTERVAL_MS = 5 * 60 * 1000;

/** SWEEP_INTERVAL says something that is not an interval. */
export class SweepIntervalError extends SettingsError {
  override readonly name = "SweepIntervalError";
}

/**
 * The interval in milliseconds; 0 means no periodic sweep.
 *
 * @throws SweepIntervalError for anything else than seconds, a duration, `0` or `off`.
 */
export function parseSweepInterval(value: string | undefined): number {
  const text = (value ?? "").trim().toLowerCase();
  if (text === "") return DEFAULT_SWEEP_INTERVAL_MS;
  if (text === "off") return 0;
  const ms = parseDuration(text);
  if (ms === undefined) {
    throw new SweepIntervalError(`SWEEP_INTERVAL=${JSON.stringify(value)} is not an interval: use seconds (300) or a duration (5m, 90s, 1h30m), or off`);
  }
  return ms;
}
