import { classifyUrgency } from "../../core/classify.js";
import { configSchema, type Config } from "../../config/schema.js";
import type { Priority } from "../shared/pacer.js";
import type { RepoCache } from "../shared/repo-cache.js";
import type { RepoConfig } from "../shared/repo-config.js";
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
  const cached = cache.peek<RepoConfig>(hook.project.path_with_namespace, "config");
  if (cached && cached.kind !== "valid") return "normal";
  const config = cached?.config ?? defaultConfig();
  const level = classifyUrgency(config, toTicketFromHook(hook)).value;
  return level === Object.keys(config.urgency.levels)[0] ? "urgent" : "normal";
}

let defaults: Config | undefined;

/** The configuration every key of which is its default (the roster is irrelevant to urgency). */
function defaultConfig(): Config {
  defaults ??= configSchema.parse({ team: { contacts: ["frontdesk"] } });
  return defaults;
}
