import { readFileSync } from "node:fs";

/** The p-th percentile (0..100) of some numbers, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Peak resident memory of a process, in MB (Linux: VmHWM). */
export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = /VmHWM:\s+(\d+) kB/u.exec(status);
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

/**
 * The least time GitHub's secondary limits allow for `writes` content-creating
 * calls of one installation: 80 in any minute (and 500 in any hour), so every
 * 80 writes past the first batch cost a minute.
 */
export function minimumSeconds(writes: number, perMinute = 80, perHour = 500): number {
  if (writes <= 0) return 0;
  const hours = Math.floor((writes - 1) / perHour);
  const inLastHour = writes - hours * perHour;
  return hours * 3600 + Math.floor((inLastHour - 1) / perMinute) * 60;
}

export function format(value: number, digits = 0): string {
  return Number.isFinite(value) ? value.toFixed(digits) : "n/a";
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
