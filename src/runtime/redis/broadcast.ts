import type { Redis } from "ioredis";
import type { Log } from "../../desk/port.js";
import type { Broadcast, BroadcastMessage } from "../broadcast.js";
import { KEY_PREFIX } from "./connect.js";

/**
 * The replicas' broadcast over Redis pub/sub: one channel per topic, each
 * message with its sender, so that a replica does not hear itself. Pub/sub
 * keeps nothing: a replica that was disconnected misses what was said
 * meanwhile, so what is told this way must also be safe to miss (a cache
 * that expires, a pause the platform repeats, counts the next sweep replaces).
 */
export class RedisBroadcast implements Broadcast {
  readonly #listeners = new Map<string, ((message: BroadcastMessage) => void)[]>();

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    /** This replica: its own messages are not delivered back to it. */
    private readonly origin: string,
    private readonly log?: Log,
  ) {
    subscriber.on("message", (channel: string, text: string) => this.#deliver(channel, text));
  }

  publish(topic: string, message: BroadcastMessage): void {
    this.publisher.publish(channelOf(topic), JSON.stringify({ origin: this.origin, message })).catch((error: unknown) => {
      this.log?.warn({ err: error, topic }, "broadcast to the other replicas failed");
    });
  }

  subscribe(topic: string, listener: (message: BroadcastMessage) => void): void {
    const channel = channelOf(topic);
    const listeners = this.#listeners.get(channel);
    if (listeners) listeners.push(listener);
    else {
      this.#listeners.set(channel, [listener]);
      void this.subscriber.subscribe(channel).catch((error: unknown) => this.log?.warn({ err: error, topic }, "subscribing to a broadcast failed"));
    }
  }

  #deliver(channel: string, text: string): void {
    let parsed: { origin?: unknown; message?: BroadcastMessage };
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      return;
    }
    if (parsed.origin === this.origin || !parsed.message) return;
    for (const listener of this.#listeners.get(channel) ?? []) {
      try {
        listener(parsed.message);
      } catch (error) {
        this.log?.warn({ err: error, channel }, "a broadcast could not be applied");
      }
    }
  }
}

function channelOf(topic: string): string {
  return `${KEY_PREFIX}${topic}`;
}
