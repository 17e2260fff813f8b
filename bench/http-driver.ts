import { Agent, request } from "node:http";
import { parentPort, workerData } from "node:worker_threads";

/**
 * Sends prepared deliveries from a thread of its own, so that the time a
 * delivery takes to be answered is not stretched by the fake platform, which
 * serves the server's API calls on the bench's main thread. Any platform:
 * each delivery is a URL, its headers and its body, signed before the clock
 * starts.
 *
 * The sender should add as little as possible to what it measures: it uses
 * node:http on kept-alive connections (one per sender, opened before the
 * first delivery, as a webhook sender keeps them open), not fetch, whose
 * streams cost more than the server's own answer on a busy 2-core machine.
 */
export interface HttpDriverInput {
  senders: number;
  /** Asked by every sender at once before the first delivery (the server's /healthz), to open the connections. */
  warmUrl: string;
  deliveries: { url: string; headers: Record<string, string>; body: string; mark?: boolean }[];
}

export interface HttpDriverOutput {
  /** Milliseconds from sending to the whole answer, per delivery. */
  answers: number[];
  statuses: number[];
  /** When the marked delivery (the emergency) was sent, ms since epoch. */
  markedSentAt: number;
  /** How the marked delivery was answered (0 when none was marked). */
  markedStatus: number;
  /** From the first delivery sent to the last answer, in ms. */
  totalMs: number;
}

const input = workerData as HttpDriverInput;
const agent = new Agent({ keepAlive: true, maxSockets: input.senders });

function send(url: string, method: string, headers: Record<string, string> = {}, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const call = request(url, { method, headers, agent }, (response) => {
      response.resume();
      response.once("end", () => resolve(response.statusCode ?? 0));
      response.once("error", reject);
    });
    call.once("error", reject);
    call.end(body);
  });
}

await Promise.all(Array.from({ length: input.senders }, () => send(input.warmUrl, "GET")));
const queue = [...input.deliveries];
const output: HttpDriverOutput = { answers: [], statuses: [], markedSentAt: 0, markedStatus: 0, totalMs: 0 };
const started = performance.now();
await Promise.all(
  Array.from({ length: input.senders }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      if (next.mark) output.markedSentAt = Date.now();
      const start = performance.now();
      const status = await send(next.url, "POST", { ...next.headers, "content-length": String(Buffer.byteLength(next.body)) }, next.body);
      output.statuses.push(status);
      if (next.mark) output.markedStatus = status;
      output.answers.push(performance.now() - start);
    }
  }),
);
output.totalMs = performance.now() - started;
agent.destroy();
parentPort?.postMessage(output);
