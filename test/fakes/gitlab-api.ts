import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { FakeGitLabState, type FakeGitLabIssue, type FakeProject } from "./gitlab-state.js";

/**
 * A small GitLab on 127.0.0.1 that answers the REST paths frontdesk's GitLab
 * adapter uses (gitlab-state.ts), with a configurable latency, a fault hook,
 * and GitLab's rate limits per token: authenticated API requests per minute
 * and note creation per minute, refused with 429, `Retry-After` and the
 * `RateLimit-*` headers. `npm run bench` and the outside tests point
 * frontdesk at it with GITLAB_URL.
 */

export interface RecordedGitLabCall {
  at: number;
  /** When the answer went out (after the simulated latency). */
  end: number;
  token: string | undefined;
  method: string;
  path: string;
  body: unknown;
  status: number;
}

export interface FakeGitLabLimits {
  /** Authenticated API requests per user and minute (gitlab.com: 2,000). */
  requestsPerMinute: number;
  /** Note creation per user and minute (GitLab's default: 300). */
  notesPerMinute: number;
}

/**
 * An injected fault: a status to answer with instead of the real handler, or,
 * with `after`, once the call was carried out (an answer lost on the way: the
 * note exists, the client saw a 502); with no status, just `delayMs` late.
 */
export interface GitLabFault {
  status?: number;
  retryAfter?: number;
  after?: boolean;
  delayMs?: number;
}

export interface FakeGitLabOptions {
  /** Added to every response, in milliseconds. */
  latencyMs?: number;
  /** Fault injection: see {@link GitLabFault}. */
  fault?: (call: { method: string; path: string; token: string | undefined }) => GitLabFault | undefined;
  limits?: FakeGitLabLimits;
  now?: () => number;
}

export const GITLAB_COM_LIMITS: FakeGitLabLimits = { requestsPerMinute: 2_000, notesPerMinute: 300 };
const NOTE_CREATION = /^\/projects\/[^/]+\/issues\/\d+\/notes$/u;

export class FakeGitLab {
  readonly state = new FakeGitLabState();
  readonly calls: RecordedGitLabCall[] = [];
  /** 429 answers, by the limit that gave them. */
  readonly limitHits = { requests: 0, notes: 0 };
  /** Added to every response, in milliseconds; may change while running. */
  latencyMs: number;
  /** Fault injection; may change while running. */
  fault: FakeGitLabOptions["fault"];
  #server: Server | undefined;
  readonly #limits: FakeGitLabLimits;
  readonly #now: () => number;
  /** Admitted calls per token and limit, for the sliding minute. */
  readonly #windows = new Map<string, number[]>();

  constructor(options: FakeGitLabOptions = {}) {
    this.latencyMs = options.latencyMs ?? 0;
    this.fault = options.fault;
    this.#limits = options.limits ?? GITLAB_COM_LIMITS;
    this.#now = options.now ?? Date.now;
  }

  get rateLimitResponses(): number {
    return this.limitHits.requests + this.limitHits.notes;
  }

  addProject(path: string, config?: string): FakeProject {
    return this.state.addProject(path, config);
  }

  /** `http://127.0.0.1:port`, for GITLAB_URL. */
  async start(): Promise<string> {
    this.#server = createServer((request, response) => void this.#handle(request, response));
    this.#server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.#server!.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
  }

  /** Calls that count against the API rate limit (the 429s themselves do not). */
  rateLimited(): RecordedGitLabCall[] {
    return this.calls.filter((call) => call.status !== 429);
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const url = new URL(request.url ?? "/", "http://fake");
    const path = url.pathname.replace(/^\/api\/v4/u, "");
    const method = request.method ?? "GET";
    const token = headerOf(request, "private-token");
    const call: RecordedGitLabCall = { at: this.#now(), end: 0, token, method, path: `${path}${url.search}`, body: raw ? safeJson(raw) : undefined, status: 0 };
    this.calls.push(call);
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      call.status = status;
      const text = typeof body === "string" ? body : JSON.stringify(body);
      response.writeHead(status, { "content-type": "application/json", ...headers });
      response.end(text);
      call.end = this.#now();
    };
    if (!token) return answer(401, { message: "401 Unauthorized" });
    const limited = this.#checkLimits(token, method, path);
    if (limited) return answer(429, limited.body, limited.headers);
    const fault = this.fault?.({ method, path, token });
    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault?.status !== undefined && fault.after) this.state.route(method, path, url.searchParams, call.body);
    if (fault?.status !== undefined) {
      const headers: Record<string, string> = fault.retryAfter === undefined ? {} : { "retry-after": String(fault.retryAfter) };
      return answer(fault.status, { message: `fault ${fault.status}` }, headers);
    }
    const [status, body, headers = {}] = this.state.route(method, path, url.searchParams, call.body);
    if (headers.link) headers.link = headers.link.replace("{self}", `http://${request.headers.host}${url.pathname}`);
    answer(status, body, { ...this.#usage(token), ...headers });
  }

  /** A 429 when this call would pass one of the token's limits, else undefined (and the call is counted). */
  #checkLimits(token: string, method: string, path: string): { body: unknown; headers: Record<string, string> } | undefined {
    const now = this.#now();
    const requests = this.#window(`${token}:requests`, now);
    if (requests.length >= this.#limits.requestsPerMinute) {
      this.limitHits.requests++;
      const reset = requests[requests.length - this.#limits.requestsPerMinute]! + 60_000;
      return {
        body: "Retry later\n",
        headers: {
          "content-type": "text/plain",
          "retry-after": String(Math.ceil((reset - now) / 1000)),
          "ratelimit-name": "throttle_authenticated_api",
          "ratelimit-limit": String(this.#limits.requestsPerMinute),
          "ratelimit-observed": String(requests.length),
          "ratelimit-remaining": "0",
          "ratelimit-reset": String(Math.ceil(reset / 1000)),
        },
      };
    }
    if (method === "POST" && NOTE_CREATION.test(path)) {
      const notes = this.#window(`${token}:notes`, now);
      if (notes.length >= this.#limits.notesPerMinute) {
        this.limitHits.notes++;
        const reset = notes[notes.length - this.#limits.notesPerMinute]! + 60_000;
        return {
          body: { message: { error: "This endpoint has been requested too many times. Try again later." } },
          headers: { "retry-after": String(Math.ceil((reset - now) / 1000)) },
        };
      }
      notes.push(now);
    }
    requests.push(now);
    return undefined;
  }

  #window(key: string, now: number): number[] {
    const kept = (this.#windows.get(key) ?? []).filter((at) => at > now - 60_000);
    this.#windows.set(key, kept);
    return kept;
  }

  /** GitLab's `RateLimit-*` headers on an ordinary answer. */
  #usage(token: string): Record<string, string> {
    const used = this.#windows.get(`${token}:requests`) ?? [];
    const reset = (used[0] ?? this.#now()) + 60_000;
    return {
      "ratelimit-limit": String(this.#limits.requestsPerMinute),
      "ratelimit-observed": String(used.length),
      "ratelimit-remaining": String(Math.max(0, this.#limits.requestsPerMinute - used.length)),
      "ratelimit-reset": String(Math.ceil(reset / 1000)),
    };
  }
}

const HOOK = readFileSync(new URL("../fixtures/gitlab/issue-hook.json", import.meta.url), "utf8");

/** The Issue Hook GitLab sends when `issue` was opened (test/fixtures/gitlab/issue-hook.json, filled in). */
export function issueHookFor(project: FakeProject, issue: FakeGitLabIssue, action: "open" | "reopen" = "open"): Record<string, any> {
  const payload = JSON.parse(HOOK) as Record<string, any>;
  payload.user = { ...payload.user, id: issue.author.id, username: issue.author.username, name: issue.author.name };
  payload.project = { ...payload.project, id: project.id, path_with_namespace: project.path_with_namespace, default_branch: project.default_branch };
  Object.assign(payload.object_attributes, {
    id: issue.id,
    iid: issue.iid,
    project_id: project.id,
    title: issue.title,
    description: issue.description,
    author_id: issue.author.id,
    created_at: issue.created_at,
    action,
    labels: issue.labels.map((title, id) => ({ id, title })),
  });
  payload.labels = issue.labels.map((title, id) => ({ id, title }));
  payload.changes = {};
  payload.assignees = [];
  return payload;
}

const NOTE_HOOK = readFileSync(new URL("../fixtures/gitlab/note-hook.json", import.meta.url), "utf8");

/** The Note Hook GitLab sends when `by` commented `note` on `issue` (test/fixtures/gitlab/note-hook.json, filled in). */
export function noteHookFor(project: FakeProject, issue: FakeGitLabIssue, note: string, by: { id: number; username: string }, noteId: number): Record<string, any> {
  const payload = JSON.parse(NOTE_HOOK) as Record<string, any>;
  payload.user = { ...payload.user, id: by.id, username: by.username, name: by.username };
  payload.project_id = project.id;
  payload.project = { ...payload.project, id: project.id, path_with_namespace: project.path_with_namespace, default_branch: project.default_branch };
  Object.assign(payload.object_attributes, { id: noteId, note, description: note, author_id: by.id, noteable_type: "Issue", project_id: project.id, system: false });
  Object.assign(payload.issue, {
    id: issue.id,
    iid: issue.iid,
    project_id: project.id,
    title: issue.title,
    description: issue.description,
    author_id: issue.author.id,
    created_at: issue.created_at,
    labels: issue.labels.map((title, id) => ({ id, title })),
    state: issue.state,
  });
  return payload;
}

function headerOf(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export type { FakeGitLabIssue, FakeProject };
