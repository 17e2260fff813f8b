import { configSchema, type Config } from "../config/schema.js";
import { classifyUrgency } from "../core/classify.js";
import type { Ticket } from "../core/types.js";
import type { Priority } from "../runtime/pacer.js";
import type { RepoCache } from "../runtime/repo-cache.js";
import type { RepoConfig } from "./repo-config.js";

/** Every key at its default (the roster does not matter to urgency): frontdesk's own levels and keywords. */
const DEFAULTS: Config = configSchema.parse({ team: { contacts: ["frontdesk"] } });

/**
 * How urgent a new issue's delivery is, decided when it arrives and without
 * any call: by the repository's cached configuration, or, while that is not
 * known yet (the first seconds of a burst that is loading it), by frontdesk's
 * default levels, so that "Website is down!" is not queued behind that burst.
 * A wrong guess only changes the order in which deliveries are worked on,
 * never what is done.
 */
export function prioritizeTicket(cache: RepoCache, repo: string, ticket: Ticket): Priority {
  const cached = cache.peek<RepoConfig>(repo, "config");
  if (cached && cached.kind !== "valid") return "normal";
  const config = cached?.config ?? DEFAULTS;
  const level = classifyUrgency(config, ticket).value;
  return level === Object.keys(config.urgency.levels)[0] ? "urgent" : "normal";
}
