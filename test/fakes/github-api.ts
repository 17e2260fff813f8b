import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { executeGraphQL, isMutation } from "./github-graphql.js";
import { FakeProjects } from "./github-projects.js";
import { FakeRepo, type FakeIssue } from "./github-state.js";

/**
 * A small GitHub on 127.0.0.1 that answers like GitHub's REST API (the GitHub
 * Enterprise Server paths under /api/v3), keeps issues, labels and comments in
 * memory, and enforces GitHub's secondary rate limits per installation. Like
 * GitHub it answers a GET with an ETag, and `If-None-Match` with that ETag by
 * 304 Not Modified, which does not count against the rate limit. The outside
 * tests and `npm run bench` point frontdesk at it with GHE_HOST.
 */

/**
 * An injected fault: answer `status` instead (with `after`, only once the
 * call has been carried out, like a gateway that lost GitHub's answer), or
 * with no status just answer `delayMs` late.
 */
export interface Fault {
  status?: number;
  retryAfter?: number;
  after?: boolean;
  delayMs?: number;
}

export interface RecordedCall {
  at: number;
  /** When the answer went out (after the simulated latency). */
  end: number;
  installation: number | undefined;
  method: string;
  path: string;
  body: unknown;
  status: number;
}

export interface FakeGitHubOptions {
  /** Added to every response, in milliseconds. */
  latencyMs?: number;
  /** Return a status to answer with instead of the real handler (fault injection). */
  fault?: (call: { method: string; path: string; installation: number | undefined }) => Fault | undefined;
  /** GitHub's secondary limits (per installation). */
  limits?: { concurrent: number; writesPerMinute: number; writesPerHour: number };
  now?: () => number;
}

const DEFAULT_LIMITS = { concurrent: 100, writesPerMinute: 80, writesPerHour: 500 };

export class FakeGitHub {
  readonly calls: RecordedCall[] = [];
  readonly repos = new Map<string, FakeRepo>();
  /** Projects v2 boards (none until a test adds one). */
  readonly projects = new FakeProjects();
  /** installation id -> repositories "owner/name" it covers. */
  readonly installations = new Map<number, Set<string>>();
  secondaryLimitResponses = 0;
  /** Which secondary limit each 403 enforced. */
  readonly limitHits = { concurrent: 0, minute: 0, hour: 0 };
  /** Added to every response, in milliseconds; may change while running. */
  latencyMs: number;
  /** Fault injection; may change while running. */
  fault: FakeGitHubOptions["fault"];
  #server: Server | undefined;
  readonly #options: Required<Omit<FakeGitHubOptions, "fault">> & Pick<FakeGitHubOptions, "fault">;
  readonly #inFlight = new Map<number, number>();
  readonly #writes = new Map<number, number[]>();

  constructor(options: FakeGitHubOptions = {}) {
    this.#options = { latencyMs: 0, limits: DEFAULT_LIMITS, now: Date.now, ...options };
    this.latencyMs = this.#options.latencyMs;
    this.fault = options.fault;
  }

  /** A repository with a frontdesk.yml (or none), covered by an installation. */
  addRepo(fullName: string, installation: number, config?: string): FakeRepo {
    const repo = new FakeRepo(fullName, config);
    this.repos.set(fullName.toLowerCase(), repo);
    const covered = this.installations.get(installation) ?? new Set<string>();
    covered.add(fullName.toLowerCase());
    this.installations.set(installation, covered);
    return repo;
  }

  repo(fullName: string): FakeRepo {
    const repo = this.repos.get(fullName.toLowerCase());
    if (!repo) throw new Error(`no fake repository ${fullName}`);
    return repo;
  }

  async start(): Promise<string> {
    this.#server = createServer((request, response) => void this.#handle(request, response));
    await new Promise<void>((resolve) => this.#server!.listen(0, "127.0.0.1", resolve));
    return `127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
  }

  /** Calls that count against the REST rate limit (not the token exchange, and not a 304, as on GitHub). */
  rateLimited(): RecordedCall[] {
    return this.calls.filter((call) => !call.path.includes("/access_tokens") && call.status !== 403 && call.status !== 304);
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const url = new URL(request.url ?? "/", "http://fake");
    const path = url.pathname.replace(/^\/api\/v3/u, "");
    const method = request.method ?? "GET";
    const installation = this.#installationOf(request);
    const call: RecordedCall = { at: this.#options.now(), end: 0, installation, method, path: `${path}${url.search}`, body: raw ? safeJson(raw) : undefined, status: 0 };
    this.calls.push(call);
    const inFlight = (this.#inFlight.get(installation ?? 0) ?? 0) + 1;
    this.#inFlight.set(installation ?? 0, inFlight);
    try {
      if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
      const graphql = path === "/api/graphql" || path === "/graphql";
      const write = method !== "GET" && !(graphql && !isMutation(String((call.body as { query?: string })?.query ?? "")));
      const limited = this.#checkSecondaryLimits(installation, write, inFlight);
      const fault: Fault | undefined = limited ?? this.fault?.({ method, path, installation });
      if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      if (fault?.status !== undefined && !fault.after) {
        this.#answerFault(response, call, fault);
        return;
      }
      const [status, body, headers = {}] = graphql
        ? executeGraphQL(call.body as { query: string }, (name) => this.repos.get(name.toLowerCase()), this.projects)
        : this.#route(method, path, url.searchParams, call.body, installation);
      if (headers.link) headers.link = headers.link.replace("{self}", `http://${request.headers.host}${url.pathname}`);
      if (fault?.status !== undefined) {
        this.#answerFault(response, call, fault);
        return;
      }
      const text = typeof body === "string" ? body : JSON.stringify(body);
      if (method === "GET" && status === 200 && !graphql) {
        const etag = `W/"${createHash("sha1").update(text).digest("hex")}"`;
        if (request.headers["if-none-match"] === etag) {
          call.status = 304;
          response.writeHead(304, { etag });
          response.end();
          call.end = this.#options.now();
          return;
        }
        headers.etag = etag;
      }
      call.status = status;
      response.writeHead(status, { "content-type": typeof body === "string" ? "text/plain; charset=utf-8" : "application/json; charset=utf-8", ...headers });
      response.end(text);
      call.end = this.#options.now();
    } finally {
      this.#inFlight.set(installation ?? 0, (this.#inFlight.get(installation ?? 0) ?? 1) - 1);
    }
  }

  #answerFault(response: ServerResponse, call: RecordedCall, fault: Fault): void {
    const status = fault.status ?? 500;
    if (status === 403) this.secondaryLimitResponses++;
    call.status = status;
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (fault.retryAfter !== undefined) headers["retry-after"] = String(fault.retryAfter);
    response.writeHead(status, headers);
    response.end(JSON.stringify({ message: status === 403 ? "You have exceeded a secondary rate limit." : "fault" }));
    call.end = this.#options.now();
  }

  #installationOf(request: IncomingMessage): number | undefined {
    const token = /^(?:token|bearer) inst-(\d+)$/iu.exec(request.headers.authorization ?? "");
    return token ? Number(token[1]) : undefined;
  }

  #checkSecondaryLimits(installation: number | undefined, write: boolean, inFlight: number) {
    if (installation === undefined) return undefined;
    const { concurrent, writesPerMinute, writesPerHour } = this.#options.limits;
    if (inFlight > concurrent) {
      this.limitHits.concurrent++;
      return { status: 403, retryAfter: 1 };
    }
    if (!write) return undefined;
    const now = this.#options.now();
    const writes = (this.#writes.get(installation) ?? []).filter((at) => at > now - 3_600_000);
    const lastMinute = writes.filter((at) => at > now - 60_000).length;
    if (lastMinute >= writesPerMinute || writes.length >= writesPerHour) {
      this.limitHits[lastMinute >= writesPerMinute ? "minute" : "hour"]++;
      return { status: 403, retryAfter: 60 };
    }
    writes.push(now);
    this.#writes.set(installation, writes);
    return undefined;
  }

  #route(method: string, path: string, query: URLSearchParams, body: any, installation?: number): [number, unknown, Record<string, string>?] {
    const token = /^\/app\/installations\/(\d+)\/access_tokens$/u.exec(path);
    if (token && method === "POST") {
      return [201, { token: `inst-${token[1]}`, expires_at: new Date(Date.now() + 3_600_000).toISOString(), permissions: {} }];
    }
    if (method === "GET" && path === "/app") {
      // The app itself: its bot user is `${slug}[bot]`, the author of every comment the app writes.
      return [200, { id: 1, slug: "frontdesk", name: "frontdesk" }];
    }
    if (method === "GET" && path === "/app/installations") {
      return [200, [...this.installations.keys()].map((id) => ({ id, account: { login: `owner-${id}` } }))];
    }
    if (method === "GET" && path === "/installation/repositories") {
      const covered = [...(this.installations.get(installation ?? -1) ?? [])].map((name) => this.repos.get(name)!);
      const repositories = covered.map((repo) => {
        const [owner, name] = repo.fullName.split("/");
        return { name, full_name: repo.fullName, owner: { login: owner }, default_branch: "main" };
      });
      return [200, { total_count: repositories.length, repositories }];
    }
    const match = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/u.exec(path);
    const repo = match && this.repos.get(`${match[1]}/${match[2]}`.toLowerCase());
    if (!match || !repo) return [404, { message: "Not Found" }];
    return repo.route(method, match[3] ?? "", query, body);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export type { FakeIssue };
