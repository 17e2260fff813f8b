import { Worker } from "node:worker_threads";
import type { HttpDriverInput, HttpDriverOutput } from "./http-driver.js";

export type { HttpDriverInput, HttpDriverOutput } from "./http-driver.js";
export type Delivery = HttpDriverInput["deliveries"][number];

/** Sends deliveries from a worker thread (bench/http-driver.ts) and resolves to what it measured. */
export function driveHttp(input: HttpDriverInput): Promise<HttpDriverOutput> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./http-driver-thread.mjs", import.meta.url), { workerData: input });
    worker.once("message", (output: HttpDriverOutput) => resolve(output));
    worker.once("error", reject);
  });
}
