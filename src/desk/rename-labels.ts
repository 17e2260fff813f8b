import type { Config } from "../config/schema.js";
import { findRenames, type LabelRename } from "../core/label-roles.js";
import { describeLabel } from "../core/labels.js";
import { emptyChanges } from "../core/plan.js";
import { hasLabel, sameLabel } from "../core/text-match.js";
import type { Ticket } from "../core/types.js";
import type { IssueTracker, Log, OpenIssue } from "./port.js";
import { isRateLimitError } from "./sweep-errors.js";

/**
 * The sweep's first step in a repository: frontdesk's labels on the open
 * tickets that the configuration now names otherwise (a rename in
 * `labels:`, a new `language`) get their new names. One call renames a
 * label on every issue at once where the platform can (`renameLabel`);
 * where it cannot, or refuses because of the names (the new name exists
 * already), the open tickets that carry the old label are relabelled one
 * by one, each in its lock. A failure is logged and leaves the old name,
 * which frontdesk still recognises, to the next sweep.
 */

export interface RenameRequest {
  tracker: IssueTracker;
  config: Config;
  /** The sweep's listing of the open issues; the tickets of the renamed labels are updated in place. */
  open: OpenIssue[];
  lock<T>(number: number, task: () => Promise<T>): Promise<T>;
  log: Log;
}

/** A label the sweep renamed on the open tickets. */
export interface RenamedLabel extends LabelRename {
  /** The description the label has now, where the sweep gave it one (renamed in place). */
  description?: string;
}

const IN_PLACE = "in place";

/** Renames what needs renaming; returns the renames done. */
export async function renameOldLabels(request: RenameRequest): Promise<RenamedLabel[]> {
  const { tracker, config, open, log } = request;
  const done: RenamedLabel[] = [];
  for (const rename of findRenames(config, open.map((issue) => issue.ticket))) {
    try {
      const how = await renameOne(request, rename);
      if (how === undefined) continue;
      const renamed: RenamedLabel = how === IN_PLACE ? { ...rename, description: describeLabel(config, rename.to).description } : rename;
      done.push(renamed);
      for (const issue of open) issue.ticket = withRenamedLabel(issue.ticket, renamed);
      log.info({ repo: tracker.repo, from: rename.from, to: rename.to, how }, "label renamed");
    } catch (error) {
      if (isRateLimitError(error)) throw error;
      log.error({ err: error, repo: tracker.repo, from: rename.from, to: rename.to }, "sweep: renaming a label failed; its old name is still recognised");
    }
  }
  return done;
}

/**
 * The ticket as it is after the rename: the new name where it carried the old
 * one (once, where it carried both), with the label's new description where
 * the sweep gave it one.
 */
export function withRenamedLabel<T extends Pick<Ticket, "labels" | "labelDescriptions">>(ticket: T, rename: RenamedLabel): T {
  if (!hasLabel(ticket.labels, rename.from)) return ticket;
  const labels: string[] = [];
  for (const label of ticket.labels.map((name) => (sameLabel(name, rename.from) ? rename.to : name))) {
    if (!hasLabel(labels, label)) labels.push(label);
  }
  const { description } = rename;
  const kept = Object.entries(ticket.labelDescriptions ?? {}).filter(([name]) => !sameLabel(name, rename.from) && (description === undefined || !sameLabel(name, rename.to)));
  return { ...ticket, labels, labelDescriptions: Object.fromEntries(description === undefined ? kept : [...kept, [rename.to, description]]) };
}

/** How the label was renamed, or undefined when it was left as it is. */
async function renameOne(request: RenameRequest, rename: LabelRename): Promise<string | undefined> {
  const { tracker, config, open } = request;
  const spec = describeLabel(config, rename.to);
  if (tracker.renameLabel && (await tracker.renameLabel(rename.from, spec))) return IN_PLACE;
  // Only the case differs: to every platform that is the same label already, and relabelling would remove it.
  if (sameLabel(rename.from, rename.to)) return undefined;
  const carrying = open.filter((issue) => hasLabel(issue.ticket.labels, rename.from));
  for (const issue of carrying) {
    const changes = { ...emptyChanges(), addLabels: [rename.to], removeLabels: [rename.from] };
    await request.lock(issue.ticket.number, () => tracker.apply(issue.ticket.number, changes, (label) => describeLabel(config, label)));
  }
  return `on ${carrying.length} open ticket(s)`;
}
