import { parentPort, workerData } from "node:worker_threads";

/**
 * Sends prepared HTTP deliveries from a thread of its own (as driver.ts does
 * for GitHub), so that the time a delivery takes to be answered is not
 * stretched by the fake platform on the bench's main thread. Any platform:
 * each delivery is a URL, its headers and its body.
 */
export interface HttpDriverInput {
  senders: number;
  deliveries: { url: string; headers: Record<string, string>; body: string; mark?: boolean }[];
}

export interface HttpDriverOutput {
  /** Milliseconds from sending to the whole answer, per delivery. */
  answers: number[];
  statuses: number[];
  /** When the marked delivery (the emergency) was sent, ms since epoch. */
  markedSentAt: number;
  /** From the first delivery sent to the last answer, in ms. */
  totalMs: number;
}

const input = workerData as HttpDriverInput;
const queue = [...input.deliveries];
const output: HttpDriverOutput = { answers: [], statuses: [], markedSentAt: 0, totalMs: 0 };
const started = performance.now();
await Promise.all(
  Array.from({ length: input.senders }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      if (next.mark) output.markedSentAt = Date.now();
      const start = performance.now();
      const response = await fetch(next.url, { method: "POST", headers: next.headers, body: next.body });
      await response.arrayBuffer();
      output.answers.push(performance.now() - start);
      output.statuses.push(response.status);
    }
  }),
);
output.totalMs = performance.now() - started;
parentPort?.postMessage(output);
