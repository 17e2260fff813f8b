import { ownLabelDescriptions } from "../../core/label-roles.js";
import type { Actor, Comment, Ticket } from "../../core/types.js";
import type { IssueHook, NoteHook } from "./payloads.js";

/**
 * GitLab's objects as frontdesk's own types: `iid` is the ticket number,
 * `opened` is open, labels come as objects in hooks and as names from the
 * REST API, and times come as ISO or as `2026-11-26 09:00:00 UTC`.
 */

/** A user as hooks and the REST API describe it. */
export interface GitLabUser {
  id?: number;
  username: string;
  /** Set by the REST API for project, group and service-account bots. */
  bot?: boolean;
}

/** The token's own user: its notes are frontdesk's, its events are echoes. */
export interface SelfUser {
  id: number;
  username: string;
}

/** An issue as `GET /projects/:id/issues` lists it. */
export interface GitLabRestIssue {
  iid: number;
  title: string;
  description?: string | null;
  author?: GitLabUser | null;
  labels?: (string | { name?: string; title?: string; description?: string | null })[];
  assignees?: GitLabUser[] | null;
  state: string;
  created_at: string;
  updated_at?: string;
  user_notes_count?: number;
  /** GitLab's time tracking: `time_estimate` in seconds, which GitLab's own `/estimate` sets. */
  time_stats?: { time_estimate?: number | null } | null;
}

/** A note as `GET /projects/:id/issues/:iid/notes` lists it. */
export interface GitLabRestNote {
  id: number;
  body?: string | null;
  author?: GitLabUser | null;
  created_at: string;
  system?: boolean;
}

// Project and group access tokens act as users named project_<id>_bot_<hash>.
const TOKEN_BOT = /^(project|group)_\d+_bot(_[0-9a-f]+)?$/u;
// GitLab's internal users. support-bot is absent on purpose: it authors
// Service Desk issues and replies, which are a client's own words.
const INTERNAL_BOTS = new Set(["alert-bot", "ghost", "visual-review-bot", "automation-bot", "security-bot", "admin-bot", "gitlab-llm-bot", "duo-code-review-bot", "security-policy-bot"]);

/** A bot: the token's own user, a bot account, or one of GitLab's internal users. */
export function isBotUser(user: GitLabUser, self?: SelfUser): boolean {
  if (self && (user.id === self.id || user.username.toLowerCase() === self.username.toLowerCase())) return true;
  const login = user.username.toLowerCase();
  return user.bot === true || TOKEN_BOT.test(login) || INTERNAL_BOTS.has(login) || login.endsWith("[bot]");
}

/** A GitLab user as frontdesk's actor; a deleted user (none) counts as a bot. */
export function toActor(user: GitLabUser | null | undefined, self?: SelfUser): Actor {
  if (!user) return { login: "ghost", isBot: true };
  return { login: user.username, isBot: isBotUser(user, self), isSelf: self !== undefined && isSelfUser(user, self) };
}

/** frontdesk's own user (the token's): only its notes carry records frontdesk trusts. */
export function isSelfUser(user: GitLabUser, self: SelfUser): boolean {
  return user.id === self.id || user.username.toLowerCase() === self.username.toLowerCase();
}

/** GitLab's times: ISO 8601, or `YYYY-MM-DD HH:MM:SS UTC` / `+0100` in hooks. */
export function parseGitLabTime(value: string): Date {
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?) ?(UTC|[+-]\d{2}:?\d{2})$/u.exec(value.trim());
  if (!match) return new Date(value);
  const zone = match[3] === "UTC" ? "Z" : (match[3] ?? "Z").replace(/^([+-]\d{2})(\d{2})$/u, "$1:$2");
  return new Date(`${match[1]}T${match[2]}${zone}`);
}

function toState(state: string): Ticket["state"] {
  return state === "opened" || state === "reopened" ? "open" : "closed";
}

/**
 * The ticket an Issue Hook describes. The hook names the author only by id:
 * when someone else triggered the event (a reopen), the author stays unknown
 * until the listing in reconcileIntake supplies it.
 */
export function toTicketFromHook(payload: IssueHook, self?: SelfUser): Ticket {
  const issue = payload.object_attributes;
  const author =
    payload.user.id === issue.author_id
      ? toActor(payload.user, self)
      : // "#" cannot occur in a username, so this never matches ignore_authors.
        { login: `user#${issue.author_id}`, isBot: false };
  return {
    platform: "gitlab",
    repo: payload.project.path_with_namespace,
    number: issue.iid,
    title: issue.title,
    body: issue.description ?? "",
    author,
    labels: (payload.labels ?? []).map((label) => label.title).filter(Boolean),
    ...described(payload.labels ?? []),
    assignees: (payload.assignees ?? []).map((user) => user.username),
    state: toState(issue.state),
    isPullRequest: false,
    createdAt: parseGitLabTime(issue.created_at),
  };
}

/**
 * The issue a Note Hook is on, as far as the hook tells: it names assignees
 * and the author only by id, so commands read the issue afresh before acting.
 */
export function toTicketFromNoteHook(payload: NoteHook & { issue: NonNullable<NoteHook["issue"]> }): Ticket {
  const { issue } = payload;
  return {
    platform: "gitlab",
    repo: payload.project.path_with_namespace,
    number: issue.iid,
    title: issue.title,
    body: issue.description ?? "",
    author: { login: `user#${issue.author_id}`, isBot: false },
    labels: (issue.labels ?? []).map((label) => label.title).filter(Boolean),
    ...described(issue.labels ?? []),
    assignees: [],
    state: toState(issue.state),
    isPullRequest: false,
    createdAt: parseGitLabTime(issue.created_at),
  };
}

/** An issue from the REST API (listing or `GET .../issues/:iid`) as a ticket. */
export function toTicketFromRest(repo: string, issue: GitLabRestIssue, self?: SelfUser): Ticket {
  return {
    platform: "gitlab",
    repo,
    number: issue.iid,
    title: issue.title,
    body: issue.description ?? "",
    author: toActor(issue.author, self),
    labels: (issue.labels ?? [])
      .map((label) => (typeof label === "string" ? label : (label.name ?? label.title ?? "")))
      .filter(Boolean),
    ...described((issue.labels ?? []).flatMap((label) => (typeof label === "string" ? [] : [{ title: label.name ?? label.title ?? "", description: label.description }]))),
    assignees: (issue.assignees ?? []).map((user) => user.username),
    state: toState(issue.state),
    isPullRequest: false,
    createdAt: parseGitLabTime(issue.created_at),
  };
}

/**
 * frontdesk knows its own labels by their descriptions: hooks send them, and
 * the REST listing with `with_labels_details`.
 */
function described(labels: readonly { title: string; description?: string | null | undefined }[]): Pick<Ticket, "labelDescriptions"> {
  const own = ownLabelDescriptions(labels.map((label) => ({ name: label.title, description: label.description })));
  return own ? { labelDescriptions: own } : {};
}

/** A note as a comment; the token user's notes count as the bot's, so the marker is found. */
export function toComment(note: GitLabRestNote, self?: SelfUser): Comment {
  return {
    id: note.id,
    author: toActor(note.author, self),
    body: note.body ?? "",
    createdAt: parseGitLabTime(note.created_at),
  };
}
