import { GitbeakerRequestError, GitbeakerTimeoutError, type FormattedResponse } from "@gitbeaker/requester-utils";

/**
 * One HTTP attempt for a gitbeaker call, as gitbeaker's own request handler
 * makes it, minus its retries: gitbeaker tries a 429 or 502 again ten times
 * within a quarter of a second, whatever `Retry-After` says and whether or
 * not the call may be repeated. frontdesk's pacing (pacing.ts) decides that.
 */

/** The request options gitbeaker's options handler prepares (`RequestOptions`, as far as used here). */
export interface PreparedRequest {
  method?: string;
  prefixUrl?: string;
  /** Already encoded, without the `?`. */
  searchParams?: string;
  headers?: Record<string, string>;
  body?: string | FormData;
  asStream?: boolean;
  agent?: unknown;
  [key: string]: unknown;
}

/** Sends one request; the pacing layer is built on this, so that tests can replace it. */
export type SendRequest = (endpoint: string, options: PreparedRequest, timeoutMs: number) => Promise<FormattedResponse>;

/**
 * Sends the request once, bounded by `timeoutMs` from the moment it is sent
 * (time spent waiting for a pacing slot does not count). Failures are thrown
 * as gitbeaker throws them, so `statusOf` and callers see no difference.
 */
export const sendRequest: SendRequest = async (endpoint, options, timeoutMs) => {
  const base = options.prefixUrl ? (options.prefixUrl.endsWith("/") ? options.prefixUrl : `${options.prefixUrl}/`) : undefined;
  const url = new URL(endpoint, base);
  url.search = options.searchParams ?? "";
  const request = new Request(url, {
    method: options.method ?? "GET",
    headers: options.headers,
    body: options.body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const response = await fetch(request, options.agent ? ({ dispatcher: options.agent } as RequestInit) : undefined).catch((error: unknown) => {
    const name = (error as { name?: string } | undefined)?.name;
    if (name === "TimeoutError" || name === "AbortError") throw new GitbeakerTimeoutError("Query timeout was reached", { cause: error });
    throw error;
  });
  if (!response.ok) throw await toRequestError(request, response);
  return parseResponse(response, options.asStream === true);
};

async function parseResponse(response: Response, asStream: boolean): Promise<FormattedResponse> {
  const headers = Object.fromEntries(response.headers.entries());
  if (asStream) return { body: response.body as FormattedResponse["body"], headers, status: response.status };
  if (response.status === 204) return { body: null, headers, status: response.status };
  const type = (response.headers.get("content-type") ?? "").split(";")[0]!.trim();
  let body: FormattedResponse["body"];
  if (type === "application/json") body = ((await response.json()) as FormattedResponse["body"]) || {};
  else if (type.startsWith("text/")) body = (await response.text()) || "";
  else body = await response.blob();
  return { body, headers, status: response.status };
}

/** gitbeaker's error for a failed response: the message from the body, the response as `cause`. */
async function toRequestError(request: Request, response: Response): Promise<GitbeakerRequestError> {
  const content = await response.text();
  let description = content;
  if (response.headers.get("content-type")?.includes("application/json")) {
    try {
      const output = JSON.parse(content) as { error?: unknown; message?: unknown } | null;
      const property = output?.error ?? output?.message ?? "";
      description = typeof property === "string" ? property : JSON.stringify(property);
    } catch {
      // A broken JSON error body: its text is the best description there is.
    }
  }
  return new GitbeakerRequestError(description, { cause: { description, request, response } });
}
