import type { Priority } from "../../runtime/pacer.js";
import { prioritizeTicket } from "../../desk/delivery-priority.js";
import type { RepoCache } from "../../runtime/repo-cache.js";
import { toTicket, type GitHubIssue } from "./mapper.js";

/** How urgent a GitHub delivery is: a new or reopened issue by its urgency, anything else normal. */
export function prioritizeDelivery(cache: RepoCache, name: string, payload: unknown): Priority {
  if (name !== "issues") return "normal";
  const { action, issue, repository } = payload as { action?: string; issue?: GitHubIssue; repository?: { full_name?: string } };
  if ((action !== "opened" && action !== "reopened") || !issue || !repository?.full_name) return "normal";
  return prioritizeTicket(cache, repository.full_name, toTicket(repository.full_name, issue));
}
