import { z } from "zod";

/**
 * The parts of GitLab's webhook payloads frontdesk reads (GitLab's "Webhook
 * events" documentation), checked on arrival so that a payload of another
 * shape is ignored with a reason instead of failing half-way.
 */

const user = z.object({
  id: z.number().optional(),
  username: z.string(),
  name: z.string().optional(),
});

const project = z.object({
  id: z.number(),
  path_with_namespace: z.string().min(1),
  /** null in a project without commits. */
  default_branch: z.string().nullish(),
  web_url: z.string().optional(),
});

/** The description tells frontdesk's own labels (`frontdesk: ...`) under any name. */
const label = z.object({ title: z.string(), description: z.string().nullish() });

/** An `Issue Hook` (also `Confidential Issue Hook`; `work_item` on newer instances). */
export const issueHookSchema = z.object({
  object_kind: z.enum(["issue", "work_item"]),
  user,
  project,
  object_attributes: z.object({
    id: z.number(),
    iid: z.number(),
    title: z.string(),
    description: z.string().nullish(),
    state: z.string(),
    /** open, reopen, update, close; missing in GitLab's "Test" deliveries. */
    action: z.string().optional(),
    author_id: z.number(),
    created_at: z.string(),
    /** Seconds; GitLab's `/estimate` quick action sets it. */
    time_estimate: z.number().nullish(),
    /** Issue, Incident, Task, ... (GitLab 17.2 and later). */
    type: z.string().nullish(),
  }),
  labels: z.array(label).nullish(),
  assignees: z.array(user).nullish(),
  /** On `update`: what changed, before and after. */
  changes: z
    .object({
      time_estimate: z.object({ previous: z.number().nullish(), current: z.number().nullish() }).optional(),
      labels: z.object({ previous: z.array(label).nullish(), current: z.array(label).nullish() }).optional(),
    })
    .optional(),
});

/** A `Note Hook`; frontdesk reads notes on issues for commands. */
export const noteHookSchema = z.object({
  object_kind: z.literal("note"),
  user,
  project,
  object_attributes: z.object({
    id: z.number(),
    note: z.string(),
    noteable_type: z.string(),
    system: z.boolean().optional(),
    /** An internal note, which only the team sees (`confidential` before GitLab 15.0). */
    internal: z.boolean().nullish(),
    confidential: z.boolean().nullish(),
    created_at: z.string(),
    /** `create` for a new note, `update` for an edited one; older GitLab versions send none (a new note). */
    action: z.string().nullish(),
  }),
  /** The issue a note is on; absent for notes on merge requests, commits and snippets. */
  issue: z
    .object({
      iid: z.number(),
      title: z.string(),
      description: z.string().nullish(),
      state: z.string(),
      author_id: z.number(),
      created_at: z.string(),
      labels: z.array(label).nullish(),
    })
    .optional(),
});

/** A `Push Hook`; GitLab lists at most 20 commits, `total_commits_count` says how many there were. */
export const pushHookSchema = z.object({
  object_kind: z.literal("push"),
  ref: z.string(),
  /** The commit the branch points at now; null when the branch was deleted. */
  checkout_sha: z.string().nullish(),
  user_id: z.number().optional(),
  user_username: z.string().optional(),
  project,
  commits: z
    .array(
      z.object({
        added: z.array(z.string()).nullish(),
        modified: z.array(z.string()).nullish(),
        removed: z.array(z.string()).nullish(),
      }),
    )
    .nullish(),
  total_commits_count: z.number().optional(),
});

/** The payload types, as the schemas above read them. */
export type GitLabHookUser = z.infer<typeof user>;
export type GitLabHookProject = z.infer<typeof project>;
export type IssueHook = z.infer<typeof issueHookSchema>;
export type NoteHook = z.infer<typeof noteHookSchema>;
export type PushHook = z.infer<typeof pushHookSchema>;
