import type { RepositoryPort } from "../../src/desk/events.js";
import type { RepoConfig } from "../../src/desk/repo-config.js";
import { createMemoryLog } from "./memory-log.js";
import type { MemoryTracker } from "./memory-tracker.js";

/**
 * A repository for the desk's event handlers over a MemoryTracker: a fixed
 * configuration, no agency teams, no lock contention, and a count of how
 * often the desk opened it (an ignored event must not open it at all).
 */
export function memoryRepository(tracker: MemoryTracker, config: RepoConfig) {
  const log = createMemoryLog();
  const opened = { count: 0 };
  const port: RepositoryPort = {
    repo: tracker.repo,
    loadConfig: async () => config,
    teamMembers: async () => new Set(),
    tracker: async () => tracker,
    lock: (_number, task) => task(),
    now: () => tracker.now,
    log,
  };
  const open = async (): Promise<RepositoryPort> => {
    opened.count++;
    return port;
  };
  return { open, opened, log };
}
