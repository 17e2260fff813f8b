const DURATION = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/u;

/**
 * Seconds (`300`) or a duration (`5m`, `90s`, `1h30m`), already trimmed and
 * lower-cased, in milliseconds; undefined when it is neither (or empty).
 */
export function parseDuration(text: string): number | undefined {
  if (/^\d+$/u.test(text)) return Number(text) * 1000;
  const match = text === "" ? null : DURATION.exec(text);
  if (!match) return undefined;
  const [, hours = "0", minutes = "0", seconds = "0"] = match;
  return ((Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000;
}
