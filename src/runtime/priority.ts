import { AsyncLocalStorage } from "node:async_hooks";
import type { Priority } from "./pacer.js";

/**
 * The priority of the work in progress, carried through async calls so that
 * every API call an emergency's intake makes is paced as urgent without
 * passing a flag through every function.
 */
const storage = new AsyncLocalStorage<Priority>();

export function withPriority<T>(priority: Priority, task: () => Promise<T>): Promise<T> {
  return storage.run(priority, task);
}

export function currentPriority(): Priority {
  return storage.getStore() ?? "normal";
}
