import type { UnfinishedWork } from "./background.js";

/**
 * How the server process stops: on SIGTERM or SIGINT it drains (takes no new
 * deliveries, finishes the accepted ones within SHUTDOWN_TIMEOUT) and exits 0;
 * what it could not finish is logged by issue, for the next sweep to pick
 * up. A second signal while draining (a second later or more) exits at
 * once. And how a start that
 * cannot go on ends: one line on stderr and a non-zero exit code.
 */

/** Exit code for a variable frontdesk cannot start with (sysexits' EX_CONFIG): systemd can be told not to restart on it. */
export const EXIT_CONFIG = 78;

/** The part of pino's logger the shutdown writes to. */
export interface LifecycleLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface ShutdownOptions {
  timeoutMs: number;
  log: LifecycleLog;
  /** Stops taking work, waits up to `timeoutMs` for the rest; resolves with what is left. */
  drain: (timeoutMs: number) => Promise<UnfinishedWork[]>;
  exit: (code: number) => void;
  /** Where the signals come from (the process). */
  signals?: Pick<NodeJS.Process, "on">;
  /** The clock that tells a second signal from the same one delivered twice. */
  now?: () => number;
}

/** At most this many unfinished deliveries are logged one by one; the rest in a count. */
const MAX_LISTED = 200;
/**
 * A signal this soon after the first is the same request: Ctrl-C on `npm
 * start` reaches the server twice, from the terminal and forwarded by npm.
 */
const SAME_REQUEST_MS = 1_000;

/** Installs the SIGTERM and SIGINT handlers of a shutdown without loss. */
export function exitOnSignals(options: ShutdownOptions): void {
  const { log, exit } = options;
  const now = options.now ?? Date.now;
  let drainingSince: number | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (drainingSince !== undefined) {
      if (now() - drainingSince < SAME_REQUEST_MS) return;
      log.warn({ signal }, "second signal while draining: exiting now");
      exit(1);
      return;
    }
    drainingSince = now();
    log.info({ signal }, `${signal}: shutting down`);
    void options.drain(options.timeoutMs).then(
      (unfinished) => {
        logUnfinished(log, unfinished);
        log.info({ unfinished: unfinished.length }, "shut down");
        exit(0);
      },
      (error: unknown) => {
        log.warn({ err: error }, "shutdown failed");
        exit(1);
      },
    );
  };
  const signals = options.signals ?? process;
  signals.on("SIGTERM", onSignal);
  signals.on("SIGINT", onSignal);
}

/** One line per delivery not finished, with its repository and issue: the sweep triages those issues later. */
export function logUnfinished(log: LifecycleLog, unfinished: readonly UnfinishedWork[]): void {
  for (const work of unfinished.slice(0, MAX_LISTED)) {
    log.warn({ ...work.fields, work: work.label, running: work.running }, "not finished at shutdown: the next sweep picks the issue up");
  }
  if (unfinished.length > MAX_LISTED) {
    log.warn({ more: unfinished.length - MAX_LISTED }, "not finished at shutdown, not listed: the next sweep picks them up");
  }
}

/**
 * Ends a start that failed: a configuration error as its one line (no stack
 * trace: the message says what to change) and exit code 78, anything else as
 * one line with the error's message and exit code 1.
 */
export function failStart(error: unknown, isConfigurationError: (error: unknown) => boolean, write = (line: string) => process.stderr.write(line)): number {
  if (isConfigurationError(error)) {
    write(`frontdesk: ${(error as Error).message}\n`);
    return EXIT_CONFIG;
  }
  const { code, message } = (error ?? {}) as NodeJS.ErrnoException;
  if (code === "EADDRINUSE" || code === "EACCES" || code === "EADDRNOTAVAIL") {
    write(`frontdesk: cannot listen: ${message}\n`);
    return 1;
  }
  write(`frontdesk: cannot start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 1;
}
