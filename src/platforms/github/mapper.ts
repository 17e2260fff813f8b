import { ownLabelDescriptions } from "../../core/label-roles.js";
import type { Actor, Comment, Ticket } from "../../core/types.js";

/** The parts of GitHub's issue and comment objects frontdesk reads. */
export interface GitHubUser {
  login: string;
  type?: string;
}

export interface GitHubIssue {
  number: number;
  title: string;
  body?: string | null;
  user: GitHubUser | null;
  labels?: (string | { name?: string; description?: string | null } | null)[];
  assignees?: (GitHubUser | null)[] | null;
  state?: string;
  pull_request?: unknown;
  created_at: string;
  comments?: number;
}

export interface GitHubComment {
  id: number;
  body?: string | null;
  user: GitHubUser | null;
  created_at: string;
}

/** A GitHub user as frontdesk sees them; `self` is frontdesk's own bot login, when known. */
export function toActor(user: GitHubUser | null | undefined, self?: string): Actor {
  const login = user?.login ?? "ghost";
  const isSelf = self !== undefined && login.toLowerCase() === self.toLowerCase();
  return { login, isBot: isSelf || user?.type === "Bot" || login.endsWith("[bot]"), isSelf };
}

export function toTicket(repo: string, issue: GitHubIssue): Ticket {
  // frontdesk knows its own labels by their descriptions, which GitHub sends with every issue.
  const described = ownLabelDescriptions((issue.labels ?? []).flatMap((label) => (label && typeof label !== "string" ? [{ name: label.name ?? "", description: label.description }] : [])));
  return {
    platform: "github",
    repo,
    number: issue.number,
    title: issue.title,
    body: issue.body ?? "",
    author: toActor(issue.user),
    labels: (issue.labels ?? []).map((label) => (typeof label === "string" ? label : (label?.name ?? ""))).filter(Boolean),
    ...(described ? { labelDescriptions: described } : {}),
    assignees: (issue.assignees ?? []).flatMap((user) => (user ? [user.login] : [])),
    state: issue.state === "closed" ? "closed" : "open",
    isPullRequest: issue.pull_request !== undefined && issue.pull_request !== null,
    createdAt: new Date(issue.created_at),
  };
}

/** A comment; `self` (frontdesk's bot login) tells frontdesk's own comments from look-alikes. */
export function toComment(comment: GitHubComment, self?: string): Comment {
  return {
    id: comment.id,
    author: toActor(comment.user, self),
    body: comment.body ?? "",
    createdAt: new Date(comment.created_at),
  };
}
