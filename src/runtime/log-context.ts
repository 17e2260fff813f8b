import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Which delivery a log line belongs to, added to every line written while its
 * work runs: frontdesk's own, Probot's and the GitLab client's alike, without
 * handing a logger through every call. Only identifiers, never text.
 */
export interface LogFields {
  /** The delivery's id (`X-GitHub-Delivery`, `X-Gitlab-Event-UUID`). */
  delivery?: string;
  /** The event's name (`issues`, `Issue Hook`). */
  event?: string;
  /** `owner/repo` or the GitLab project's path, as the delivery names it. */
  repo?: string;
  /** The issue's number (GitLab: its iid). */
  issue?: number;
}

/** Carries {@link LogFields} along the asynchronous work of one delivery. */
export class LogContext {
  readonly #storage = new AsyncLocalStorage<LogFields>();

  /** Runs `work` with `fields` on every line logged from it, however deep. */
  run<T>(fields: LogFields, work: () => T): T {
    return this.#storage.run(fields, work);
  }

  /** The fields of the work running now; for pino's `mixin`. */
  readonly fields = (): LogFields => this.#storage.getStore() ?? {};
}
