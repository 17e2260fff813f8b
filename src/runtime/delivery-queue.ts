import type { LogFields } from "./log-context.js";
import type { Priority } from "./pacer.js";

/**
 * Deliveries shared by several replicas (REDIS_URL): accepted by whichever
 * replica the load balancer picked, kept in Redis until one replica has
 * worked on them, taken up by another when the one working on it dies. A
 * single process keeps them in its own memory instead (BackgroundWork), which
 * needs none of this: a delivery there is a closure, here it is data.
 */
export interface QueuedDelivery {
  /** Which platform's worker runs it (`github`, `gitlab`). */
  platform: string;
  /** The delivery's own id: the same delivery sent twice, to any replica, is one job. */
  id: string;
  /** For the log: `github issues <id>`. */
  label: string;
  priority: Priority;
  /** The pacing lane its calls go to, and the tenant whose share of the work it is. */
  lane: string;
  tenant: string;
  /** What every line its work logs names. */
  fields: LogFields;
  /** What the platform's worker needs, as JSON: the event and its payload. */
  data: unknown;
}

/** Works on one delivery: resolves when done, rejects when it failed. */
export type DeliveryWorker = (delivery: QueuedDelivery) => Promise<unknown>;

export interface DeliveryQueue {
  /** The worker for a platform's deliveries, on this replica. */
  register(platform: string, worker: DeliveryWorker): void;
  /** Keeps the delivery for a worker; false when it cannot (Redis unreachable): answer 503. */
  submit(delivery: QueuedDelivery): Promise<boolean>;
}
