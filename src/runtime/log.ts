import { pino, type DestinationStream, type Logger } from "pino";
import type { LogContext, LogFields } from "./log-context.js";
import { prettyDestination } from "./log-pretty.js";

/**
 * frontdesk's log, and Probot's through it: one JSON stream that carries no
 * client text and no secrets.
 *
 * Errors carry more than their message. @octokit/webhooks attaches the whole
 * delivery (`event.payload`: issue and comment bodies) to each handler's
 * error; Octokit's RequestError carries the request (`request.body`: the text
 * of a comment being posted, `request.headers`) and the response
 * (`response.data`, `response.headers`); GitLab's client keeps both in
 * `cause`. pino's own error serializer writes all of it. The serializer here
 * keeps an allowlist instead: what failed and where (type, message, status,
 * code, stack, the request's method and path, the delivery's id and event
 * name), nothing that may quote a client or hold a token. Redaction of
 * token-like keys is a second line of defence for objects logged as they are.
 */

/** A serialized error: what the team needs to find the failure, nothing a client wrote. */
export interface LoggedError {
  type: string;
  message: string;
  stack?: string;
  status?: number;
  code?: string | number;
  /** The API call that failed: method and path, without the query (a search query quotes text). */
  request?: { method?: string; url?: string };
  /** The delivery the error happened in. */
  event?: LoggedEvent;
  errors?: LoggedError[];
  cause?: LoggedError | { description: string };
}

/** A delivery in the log: which one, never its payload. */
export interface LoggedEvent {
  id?: string;
  name?: string;
  action?: string;
  repo?: string;
}

/** Key paths whose values are never written, at any of the first levels where they are likely. */
export const REDACTED_PATHS = [
  "authorization", "token", "secret", "privateKey", "password",
  "*.authorization", "*.token", "*.secret", "*.privateKey", "*.password",
  "*.headers.authorization", "*.headers.cookie", "*.*.headers.authorization",
  "*.PRIVATE_KEY", "*.WEBHOOK_SECRET", "*.GITLAB_TOKEN", "*.GITLAB_WEBHOOK_SECRET",
];

/** Longer messages are cut: an API's validation message may echo what was sent. */
const MAX_MESSAGE = 500;
/** Causes and aggregated errors are followed this deep, so a cycle cannot loop. */
const MAX_DEPTH = 4;

export interface LogOptions {
  /** pino's level name; "silent" writes nothing. */
  level?: string;
  /** The `name` field of every line; Probot's lines say "probot" through their child logger. */
  name?: string;
  /** JSON lines (default), or readable lines for a person (LOG_FORMAT=pretty). */
  format?: LogFormat;
  /** Adds the running delivery's fields (delivery, event, repo, issue) to every line. */
  context?: LogContext;
}

/** LOG_FORMAT's values. */
export const LOG_FORMATS = ["json", "pretty"] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** pino's level names, LOG_LEVEL's values. */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/**
 * The logger frontdesk and Probot share: JSON lines to `destination`
 * (stdout unless given; readable lines with `format: "pretty"`), errors
 * through {@link serializeError}, deliveries through {@link serializeEvent},
 * token-like keys redacted, the running delivery's fields on every line.
 */
export function createLog(options: LogOptions = {}, destination?: DestinationStream): Logger {
  const settings = {
    level: options.level ?? "info",
    ...(options.name ? { name: options.name } : {}),
    serializers: { err: serializeError, error: serializeError, event: serializeEvent },
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    ...(options.context ? { mixin: options.context.fields } : {}),
  };
  // Written at once, like Node's own stdout on a pipe: a line logged right before the process exits (the
  // shutdown's last) is not lost in a buffer. frontdesk logs a few lines a delivery, so this costs nothing.
  const out = destination ?? pino.destination({ dest: 1, sync: true });
  return pino(settings, options.format === "pretty" ? prettyDestination(out) : out);
}

/** An error (or anything thrown) as the log may show it; see the module's comment for what is dropped. */
export function serializeError(error: unknown, depth = 0): LoggedError | unknown {
  if (typeof error !== "object" || error === null) return error;
  if (!(error instanceof Error)) {
    // Thrown without being an Error: its message, if any, nothing else (it may be a whole response).
    const message = (error as { message?: unknown }).message;
    return { type: "non-error", message: typeof message === "string" ? cut(message) : "(no message)" };
  }
  const fields = error as Error & Record<string, unknown>;
  const logged: LoggedError = { type: error.constructor?.name || error.name, message: cut(error.message) };
  // The stack starts with the message: cut there too.
  if (typeof error.stack === "string") logged.stack = error.stack.replace(error.message, logged.message);
  if (typeof fields.status === "number") logged.status = fields.status;
  if (typeof fields.code === "string" || typeof fields.code === "number") logged.code = fields.code;
  const request = requestOf(fields.request);
  if (request) logged.request = request;
  const event = serializeEvent(fields.event);
  if (event && typeof event === "object") logged.event = event as LoggedEvent;
  if (depth < MAX_DEPTH) {
    if (Array.isArray(fields.errors)) logged.errors = fields.errors.map((inner) => serializeError(inner, depth + 1) as LoggedError);
    if (error.cause instanceof Error) logged.cause = serializeError(error.cause, depth + 1) as LoggedError;
    else {
      // GitLab's client: `{ description, request, response }`; only the API's description is kept.
      const description = (error.cause as { description?: unknown } | undefined)?.description;
      if (typeof description === "string") logged.cause = { description: cut(description) };
    }
  }
  return logged;
}

/** A delivery as the log may show it: id, event name, action and repository; a plain value stays as it is. */
export function serializeEvent(event: unknown): LoggedEvent | unknown {
  if (typeof event !== "object" || event === null) return event;
  const { id, name, payload } = event as { id?: unknown; name?: unknown; payload?: { action?: unknown; repository?: { full_name?: unknown } } };
  const logged: LoggedEvent = {};
  if (typeof id === "string" || typeof id === "number") logged.id = String(id);
  if (typeof name === "string") logged.name = name;
  if (typeof payload?.action === "string") logged.action = payload.action;
  if (typeof payload?.repository?.full_name === "string") logged.repo = payload.repository.full_name;
  return logged;
}

function requestOf(request: unknown): LoggedError["request"] | undefined {
  if (typeof request !== "object" || request === null) return undefined;
  const { method, url } = request as { method?: unknown; url?: unknown };
  const logged: NonNullable<LoggedError["request"]> = {};
  if (typeof method === "string") logged.method = method;
  if (typeof url === "string") logged.url = url.split("?")[0];
  return logged.method || logged.url ? logged : undefined;
}

function cut(text: string): string {
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}… (${text.length - MAX_MESSAGE} more characters)` : text;
}

/**
 * What BackgroundWork calls when a delivery's work fails: one error line, with
 * the work's label (platform, event, delivery id) and, where the delivery
 * names them, its fields (delivery, event, repo, issue).
 */
export function logBackgroundFailure(log: Pick<Logger, "error">): (error: unknown, label: string, fields?: LogFields) => void {
  return (error, label, fields = {}) => log.error({ err: error, work: label, ...fields }, "background work failed");
}
