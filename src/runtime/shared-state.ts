import type { Log } from "../desk/port.js";
import type { BackgroundWork } from "./background.js";
import { NO_BROADCAST, type Broadcast } from "./broadcast.js";
import type { DeliveryQueue } from "./delivery-queue.js";
import { KeyedLock } from "./keyed-lock.js";
import { LocalKeptState, type KeptState } from "./kept-state.js";
import { LoadBook } from "./load-book.js";
import type { Lease, Lock } from "./lock.js";
import { Pacer, type PacerLimits, type Pacing } from "./pacer.js";
import { readRedisUrl } from "./redis-url.js";

/**
 * Everything that several frontdesk processes must agree on, behind one
 * door: without REDIS_URL it all lives in this process, as it always did (no
 * Redis needed for one process); with REDIS_URL it lives in Redis, so that
 * replicas behind a load balancer and `frontdesk sweep` from cron act as one
 * desk. Nothing else in frontdesk knows which it is.
 */
export interface SharedState {
  /** Where the state lives, for the log. */
  readonly where: "process" | "redis";
  /** The per-issue lock the webhooks, the sweep and `frontdesk sweep` take. */
  readonly locks: Lock;
  /** One sweep at a time across replicas and `frontdesk sweep`; undefined in one process (the runner sees its own). */
  readonly sweepLease?: Lease;
  /** What one replica tells the others (a configuration changed, a lane paused). */
  readonly broadcast: Broadcast;
  /** What sweeps learn and keep between runs. */
  readonly kept: KeptState;
  /** The pacing of one platform's limits (`name`: github, gitlab-requests, gitlab-notes). */
  pacing(name: string, limits: PacerLimits): Pacing;
  /** People's open tickets across one platform's repositories. */
  loadBook(platform: string): LoadBook;
  /** GitLab's record of deliveries taken, every replica's; undefined: the endpoint keeps its own. */
  readonly deliveries?: { claim(keys: readonly string[]): Promise<boolean>; release(keys: readonly string[]): Promise<void> };
  /** The replicas' delivery queue; undefined: deliveries stay in the process (BackgroundWork). */
  readonly queue?: DeliveryQueue;
  /** Starts taking deliveries from the queue (once the platforms registered their workers). */
  start(): void;
  /** Stops taking deliveries from the queue: at shutdown, before the wait for what was taken. */
  stopTaking(): void;
  close(): Promise<void>;
}

/** Where the replicas' deliveries are worked on; without it (frontdesk sweep), no queue. */
export interface SharedStateOptions {
  background?: BackgroundWork;
}

/**
 * The shared state the environment asks for: in the process, or in the
 * Redis at REDIS_URL. ioredis and BullMQ are loaded only for the latter.
 *
 * @throws RedisSettingsError when REDIS_URL is set but no Redis URL.
 */
export async function createSharedState(env: Readonly<Record<string, string | undefined>>, log: Log, options: SharedStateOptions = {}): Promise<SharedState> {
  const url = readRedisUrl(env);
  if (!url) return createProcessState();
  const { createRedisState } = await import("./redis/state.js");
  return createRedisState(url, log, options);
}

/** Everything in this process: one process needs nothing more. */
export function createProcessState(): SharedState {
  return {
    where: "process",
    locks: new KeyedLock(),
    broadcast: NO_BROADCAST,
    kept: new LocalKeptState(),
    pacing: (_name, limits) => new Pacer(limits),
    loadBook: () => new LoadBook(),
    start: () => undefined,
    stopTaking: () => undefined,
    close: async () => undefined,
  };
}
