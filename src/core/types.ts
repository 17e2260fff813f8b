/**
 * frontdesk's own view of a ticket, independent of GitHub and GitLab. Each
 * platform adapter maps its payloads to these types; the core never sees a
 * platform object.
 */

export type Platform = "github" | "gitlab";

export interface Actor {
  login: string;
  /** Account type Bot, a login ending in [bot], or the app's own user. */
  isBot: boolean;
  /**
   * frontdesk's own identity (GitHub: the app's bot user; GitLab: the
   * token's user). Only its comments carry records frontdesk trusts.
   */
  isSelf?: boolean;
}

export interface Ticket {
  platform: Platform;
  /** owner/name on GitHub, the project's full path on GitLab. */
  repo: string;
  /** Issue number on GitHub, iid on GitLab. */
  number: number;
  title: string;
  body: string;
  author: Actor;
  labels: string[];
  /**
   * The descriptions of its labels that mark them as frontdesk's
   * (`frontdesk: ...`), by label name, where the platform sent them: how
   * frontdesk knows its own labels under a name the configuration no longer
   * gives them (core/label-roles.ts).
   */
  labelDescriptions?: Readonly<Record<string, string>>;
  assignees: string[];
  state: "open" | "closed";
  isPullRequest: boolean;
  createdAt: Date;
}

export interface Comment {
  id: number;
  author: Actor;
  body: string;
  createdAt: Date;
}

/** Open tickets per login in the repository (assignee -> count). */
export type OpenTickets = Readonly<Record<string, number>>;

/**
 * A person's open tickets in the other repositories and projects frontdesk
 * serves: lower-cased login -> repository -> count (support and project
 * work). Zero counts are left out.
 */
export type LoadElsewhere = Readonly<Record<string, Readonly<Record<string, number>>>>;
