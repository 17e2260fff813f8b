import { parentPort, workerData } from "node:worker_threads";
import { deliverGitHub } from "../test/helpers/spawn-server.js";

/**
 * Sends deliveries from a thread of its own, so that the time a delivery
 * takes to be answered is not stretched by the fake platform, which serves
 * the server's API calls on the bench's main thread.
 */
export interface DriverInput {
  url: string;
  secret: string;
  senders: number;
  deliveries: { name: string; id: string; payload: object; mark?: boolean }[];
}

export interface DriverOutput {
  answers: number[];
  statuses: number[];
  /** When the marked delivery (the emergency) was sent, ms since epoch. */
  markedSentAt: number;
}

const input = workerData as DriverInput;
const queue = [...input.deliveries];
const output: DriverOutput = { answers: [], statuses: [], markedSentAt: 0 };
await Promise.all(
  Array.from({ length: input.senders }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      if (next.mark) output.markedSentAt = Date.now();
      const start = performance.now();
      const response = await deliverGitHub(input.url, input.secret, next.name, next.id, next.payload);
      await response.arrayBuffer();
      output.answers.push(performance.now() - start);
      output.statuses.push(response.status);
    }
  }),
);
parentPort?.postMessage(output);
