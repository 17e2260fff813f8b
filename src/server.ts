import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

/**
 * One HTTP server for both platforms. No logic here: each platform brings a
 * handler that says whether it took the request.
 */
export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => Promise<boolean>;

export interface ServerOptions {
  /** Tried in order; the first that takes a request answers it. */
  handlers: RequestHandler[];
  /** What /healthz reports about each platform. */
  platforms: { github: boolean; gitlab: boolean };
  /** Deliveries accepted and still being worked on. */
  pending?: () => number;
  /** True once shutdown began: /healthz says so and every other request gets 503. */
  draining?: () => boolean;
  onError: (error: unknown) => void;
}

export function createServer(options: ServerOptions): Server {
  return createHttpServer((request, response) => {
    void route(options, request, response).catch((error: unknown) => {
      options.onError(error);
      if (!response.headersSent) response.writeHead(500, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: "internal error" }));
    });
  });
}

async function route(options: ServerOptions, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = (request.url ?? "/").split("?")[0];
  const draining = options.draining?.() ?? false;
  if (path === "/healthz" && (request.method === "GET" || request.method === "HEAD")) {
    // 503 while draining, so that a load balancer sends new deliveries elsewhere.
    response.writeHead(draining ? 503 : 200, { "content-type": "application/json" });
    response.end(JSON.stringify({ status: draining ? "draining" : "ok", ...options.platforms, pending: options.pending?.() ?? 0 }));
    return;
  }
  if (draining) {
    // Nothing is read: GitHub shows the delivery as failed (redeliver it), and the sweep finds the issue either way.
    request.resume();
    response.writeHead(503, { "content-type": "application/json", connection: "close", "retry-after": "30" });
    response.end(JSON.stringify({ error: "shutting down: deliver again later" }));
    return;
  }
  for (const handler of options.handlers) {
    if (await handler(request, response)) return;
  }
  response.writeHead(404, { "content-type": "application/json" });
  response.end(JSON.stringify({ error: `not found: ${request.method} ${path}` }));
}
