/**
 * What one replica tells the others: a push changed a configuration (clear
 * it), a platform paused a lane, the load counts changed. A single process
 * has nobody to tell (the default); with REDIS_URL it is Redis pub/sub
 * (runtime/redis/broadcast.ts). A message never reaches its own sender.
 */
export type BroadcastMessage = Readonly<Record<string, unknown>>;

export interface Broadcast {
  publish(topic: string, message: BroadcastMessage): void;
  /** `listener` hears what the other replicas publish on `topic`. */
  subscribe(topic: string, listener: (message: BroadcastMessage) => void): void;
}

/** One process: nobody else to tell. */
export const NO_BROADCAST: Broadcast = {
  publish: () => undefined,
  subscribe: () => undefined,
};
