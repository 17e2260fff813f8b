import type { IncomingHttpHeaders } from "node:http";

/**
 * Remembers which deliveries were taken, so that one event arriving twice
 * is worked on once. GitLab sends two ids:
 *
 * - `Idempotency-Key`: one per hook execution, the same when GitLab retries
 *   it or a person presses "Resend request";
 * - `X-Gitlab-Event-UUID`: one per request that caused events; a project hook
 *   and a group hook for the same event share it, but so do different events
 *   from one request (a note with `/estimate` also fires an Issue Hook).
 *
 * So the event UUID only counts together with the event and its object.
 * Bounded: the oldest key is forgotten first. The hidden marker on the
 * issue stays the real guard; this only saves the API calls.
 */
/** Deliveries taken so far: this process's ({@link RecentDeliveries}), or with REDIS_URL every replica's. */
export interface DeliveryRecord {
  /** Takes the delivery unless one of its keys was taken before; true when it is new. */
  claim(keys: readonly string[]): boolean | Promise<boolean>;
  /** Forget a delivery whose work failed, so that a resend is worked on again. */
  release(keys: readonly string[]): void | Promise<void>;
}

export class RecentDeliveries implements DeliveryRecord {
  readonly #keys = new Set<string>();
  readonly #maxEntries: number;

  constructor(maxEntries = 10_000) {
    this.#maxEntries = maxEntries;
  }

  /** Takes the delivery unless one of its keys was taken before; true when it is new. */
  claim(keys: readonly string[]): boolean {
    if (keys.some((key) => this.#keys.has(key))) return false;
    for (const key of keys) {
      this.#keys.add(key);
      if (this.#keys.size > this.#maxEntries) {
        const oldest = this.#keys.values().next();
        if (!oldest.done) this.#keys.delete(oldest.value);
      }
    }
    return true;
  }

  /** Forget a delivery whose work failed, so that a resend is worked on again. */
  release(keys: readonly string[]): void {
    for (const key of keys) this.#keys.delete(key);
  }
}

/** The keys that identify a delivery; empty when GitLab sent neither header. */
export function deliveryKeys(headers: IncomingHttpHeaders, event: string, payload: Record<string, unknown>): string[] {
  const keys: string[] = [];
  const idempotencyKey = header(headers, "idempotency-key");
  if (idempotencyKey) keys.push(`key:${idempotencyKey}`);
  const eventUuid = header(headers, "x-gitlab-event-uuid");
  if (eventUuid) keys.push(`event:${eventUuid}:${event}:${describeObject(payload)}`);
  return keys;
}

/** The object an event is about, and what happened to it. */
function describeObject(payload: Record<string, unknown>): string {
  const attributes = (payload.object_attributes ?? {}) as Record<string, unknown>;
  const parts = [payload.object_kind, attributes.id, attributes.action, payload.after, payload.ref];
  return parts.map((part) => (part === undefined || part === null ? "" : String(part))).join(":");
}

/** A header's single value (the first when repeated). */
function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
