import { prioritizeTicket } from "../../desk/delivery-priority.js";
import type { Priority } from "../../runtime/pacer.js";
import type { RepoCache } from "../../runtime/repo-cache.js";
import { toTicketFromHook } from "./mapper.js";
import { issueHookSchema } from "./payloads.js";

/**
 * How urgent a GitLab delivery is, decided when it arrives and without any
 * call (the GitLab side of github/delivery-priority.ts): a new or reopened
 * issue classified as the most urgent level is worked on before every
 * delivery queued behind a burst. The project's cached configuration
 * decides; while it is not known yet (the first seconds of a burst on a
 * project), frontdesk's default levels do, so that "Website is down!" is not
 * queued behind the burst that is loading it. A wrong guess only changes the
 * order in which deliveries are worked on, never what is done.
 */
export function prioritizeGitLabDelivery(cache: RepoCache, event: string, payload: unknown): Priority {
  if (event !== "Issue Hook" && event !== "Confidential Issue Hook") return "normal";
  const parsed = issueHookSchema.safeParse(payload);
  if (!parsed.success) return "normal";
  const hook = parsed.data;
  if (hook.object_attributes.action !== "open" && hook.object_attributes.action !== "reopen") return "normal";
  return prioritizeTicket(cache, hook.project.path_with_namespace, toTicketFromHook(hook));
}
