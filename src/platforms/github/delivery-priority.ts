import { classifyUrgency } from "../../core/classify.js";
import type { Priority } from "../shared/pacer.js";
import type { RepoCache } from "../shared/repo-cache.js";
import type { RepoConfig } from "../shared/repo-config.js";
import { toTicket, type GitHubIssue } from "./mapper.js";

/**
 * How urgent a delivery is, decided when it arrives and without any call: a
 * new issue that the repository's cached configuration already classifies as
 * its most urgent level is worked on before everything queued.
 */
export function prioritizeDelivery(cache: RepoCache, name: string, payload: unknown): Priority {
  if (name !== "issues") return "normal";
  const { action, issue, repository } = payload as { action?: string; issue?: GitHubIssue; repository?: { full_name?: string } };
  if ((action !== "opened" && action !== "reopened") || !issue || !repository?.full_name) return "normal";
  const config = cache.peek<RepoConfig>(repository.full_name, "config");
  if (config?.kind !== "valid") return "normal";
  const levels = Object.keys(config.config.urgency.levels);
  const level = classifyUrgency(config.config, toTicket(repository.full_name, issue)).value;
  return level === levels[0] ? "urgent" : "normal";
}
