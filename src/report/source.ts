import type { Config } from "../config/schema.js";
import type { AgencyTeamMembers } from "../core/team.js";
import type { Comment, Platform, Ticket } from "../core/types.js";
import type { Log } from "../desk/port.js";
import type { FailedListing } from "../desk/sweep-platform.js";

/**
 * Where the monthly report reads from: each platform lists the repositories
 * (GitHub) or projects (GitLab) it serves, reads each one's configuration,
 * and lists the issues created in a window with their comments. Nothing here
 * decides anything about a ticket; compute.ts does, from what this returns.
 */

/** A span of real time: `from` inclusive, `to` exclusive. */
export interface TimeWindow {
  from: Date;
  to: Date;
}

/** An issue created in the window, whatever its state now, with every comment it has. */
export interface ReportTicket {
  ticket: Ticket;
  /** When it was closed; undefined while it is open. */
  closedAt?: Date;
  /** Every comment (GitLab: user notes, not system notes), oldest first; frontdesk's own have `author.isSelf`. */
  comments: Comment[];
  /** The page, for the CSV. */
  url?: string;
}

/** A repository or project with a valid configuration, ready to be read. */
export interface ReportRepository {
  readonly platform: Platform;
  /** owner/name or group/project. */
  readonly repo: string;
  readonly config: Config;
  /** Members of the agency teams in `team.agency` (GitHub): their comments are the team's. */
  readonly teamMembers?: AgencyTeamMembers;
  /** Issues created within `window` (pull requests left out), in as few calls as the platform allows. */
  readTickets(window: TimeWindow): Promise<ReportTicket[]>;
}

/** A repository the report cannot include, and why (an invalid configuration). */
export interface SkippedRepository {
  readonly repo: string;
  readonly skipped: string;
}

/** A repository or project the platform found, not yet read. */
export interface ReportTarget {
  /** owner/name or group/project. */
  readonly name: string;
  /** Reads its configuration: undefined where frontdesk is not configured. */
  open(log: Log): Promise<ReportRepository | SkippedRepository | undefined>;
}

/** One platform's repositories or projects. */
export interface ReportSource {
  readonly platform: Platform;
  /** Every repository or project the platform serves; a listing that fails part-way is yielded as such. */
  targets(log: Log): AsyncIterable<ReportTarget | FailedListing>;
}
