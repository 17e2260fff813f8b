import type { LabelSpec } from "../../core/labels.js";
import type { Changes } from "../../core/plan.js";
import type { Comment, Ticket } from "../../core/types.js";
import type { Log, OpenIssue, TicketEditor } from "../../desk/port.js";
import { withPriority } from "../../runtime/priority.js";
import type { RepoCache } from "../../runtime/repo-cache.js";
import { statusOf, type GitLabClient } from "./client.js";
import { parseGitLabTime, toComment, toTicketFromRest, type GitLabRestIssue, type GitLabRestNote, type SelfUser } from "./mapper.js";
import type { UserDirectory } from "./users.js";

/** A GitLab project: the numeric id for API calls, the full path for people and caches. */
export interface ProjectRef {
  id: number;
  /** `group/subgroup/project`. */
  path: string;
}

/** What a tracker needs besides its project; `self` is the token's user. */
export interface GitLabTrackerDeps {
  client: GitLabClient;
  cache: RepoCache;
  users: UserDirectory;
  self: SelfUser;
  log: Log;
}

/** frontdesk was asked to edit a note it has not read on this delivery. */
export class UnknownNoteError extends Error {
  override readonly name = "UnknownNoteError";
  constructor(repo: string, noteId: number) {
    super(`note ${noteId} in ${repo} was not listed before it was edited`);
  }
}

/**
 * The issue tracker port over GitLab's REST API for one project and one
 * delivery. A plan is one `PUT` on the issue (labels through `add_labels` /
 * `remove_labels`, assignees merged into `assignee_ids`, which replaces the
 * list) followed by the notes.
 */
export class GitLabTracker implements TicketEditor {
  readonly repo: string;
  readonly #project: ProjectRef;
  readonly #deps: GitLabTrackerDeps;
  /** Assignee ids per iid from the latest listing: the base the merge starts from. */
  readonly #assigneeIds = new Map<number, number[]>();
  /** The issue of each note listed: GitLab edits a note through its issue. */
  readonly #noteIssues = new Map<number, number>();
  /** `time_estimate` (seconds) per iid from the latest listing or read. */
  readonly #estimates = new Map<number, number>();

  constructor(project: ProjectRef, deps: GitLabTrackerDeps) {
    this.#project = project;
    this.#deps = deps;
    this.repo = project.path;
  }

  async listOpenIssues(): Promise<OpenIssue[]> {
    return this.#listIssues({ state: "opened" });
  }

  /**
   * Issues of any state changed on or after `since` (GitLab's `updated_after`,
   * oldest change first): what a sweep asks for when it keeps the rest.
   */
  async listChangedSince(since: string): Promise<OpenIssue[]> {
    return this.#listIssues({ updatedAfter: since, orderBy: "updated_at", sort: "asc" });
  }

  /** The project's issues that `filter` selects, every page, each remembered as it is listed. */
  async #listIssues(filter: { state?: "opened"; updatedAfter?: string; orderBy?: "updated_at"; sort?: "asc" }): Promise<OpenIssue[]> {
    const issues = (await this.#deps.client.issues.all({
      projectId: this.#project.id,
      scope: "all",
      perPage: 100,
      // Labels as objects, with the descriptions that tell frontdesk's own under an old name.
      withLabelsDetails: true,
      ...filter,
    })) as unknown as GitLabRestIssue[];
    return issues.map((issue) => this.#toOpenIssue(issue));
  }

  #toOpenIssue(issue: GitLabRestIssue): OpenIssue {
    this.#rememberAssignees(issue);
    this.#estimates.set(issue.iid, issue.time_stats?.time_estimate ?? 0);
    return {
      ticket: toTicketFromRest(this.repo, issue, this.#deps.self),
      commentCount: issue.user_notes_count ?? 0,
      ...(issue.updated_at ? { updatedAt: parseGitLabTime(issue.updated_at) } : {}),
    };
  }

  async listComments(iid: number): Promise<Comment[]> {
    const notes = (await this.#deps.client.issueNotes.all(this.#project.id, iid, {
      sort: "asc",
      orderBy: "created_at",
      perPage: 100,
    })) as unknown as GitLabRestNote[];
    for (const note of notes) this.#noteIssues.set(note.id, iid);
    // System notes ("added ~support label") are GitLab's record, not anyone's comment.
    return notes.filter((note) => !note.system).map((note) => toComment(note, this.#deps.self));
  }

  /** The issue as it is now, with its note count (`GET /projects/:id/issues/:iid`). */
  async readIssue(iid: number): Promise<OpenIssue> {
    return this.#toOpenIssue((await this.#deps.client.issues.show(iid, { projectId: this.#project.id })) as unknown as GitLabRestIssue);
  }

  /** The issue as it is now (`GET /projects/:id/issues/:iid`). */
  async getTicket(iid: number): Promise<Ticket> {
    return (await this.readIssue(iid)).ticket;
  }

  /** GitLab's time estimate of the issue in seconds (0: none), as the latest listing or read of it showed. */
  timeEstimateOf(iid: number): number | undefined {
    return this.#estimates.get(iid);
  }

  /** Rewrites one of frontdesk's notes; the note must have been listed by {@link listComments}. */
  async editComment(noteId: number, body: string): Promise<void> {
    const iid = this.#noteIssues.get(noteId);
    if (iid === undefined) throw new UnknownNoteError(this.repo, noteId);
    await this.#deps.client.issueNotes.edit(this.#project.id, iid, noteId, { body });
  }

  /**
   * Moves the issue into another project (`project_work.move_to`). GitLab
   * keeps only labels the target has, so frontdesk's labels are created there
   * first. Returns the target's path.
   */
  async moveIssue(iid: number, target: string, labels: LabelSpec[]): Promise<string> {
    const { client, cache } = this.#deps;
    const targetId = await cache.get(target, "project-id", async () => (await client.projects.show(target)).id);
    await this.#createMissingLabels({ id: targetId, path: target }, labels);
    await client.issues.move(this.#project.id, iid, targetId);
    return target;
  }

  async apply(iid: number, changes: Changes, describe: (label: string) => LabelSpec): Promise<void> {
    const { client, log } = this.#deps;
    if (changes.addLabels.length > 0) await this.#createMissingLabels(this.#project, changes.addLabels.map(describe));
    const edit: { addLabels?: string; removeLabels?: string; assigneeIds?: number[]; stateEvent?: "close" | "reopen" } = {};
    if (changes.state) edit.stateEvent = changes.state === "closed" ? "close" : "reopen";
    if (changes.addLabels.length > 0) edit.addLabels = changes.addLabels.join(",");
    if (changes.removeLabels.length > 0) edit.removeLabels = changes.removeLabels.join(",");
    if (changes.assign.length > 0 || changes.unassign.length > 0) {
      const [current, add, remove] = await Promise.all([
        this.#currentAssigneeIds(iid),
        this.#deps.users.resolveIds(changes.assign, log),
        this.#deps.users.resolveIds(changes.unassign, log),
      ]);
      const merged = [...new Set([...current, ...add])].filter((id) => !remove.includes(id));
      if (merged.length !== current.length || merged.some((id) => !current.includes(id))) edit.assigneeIds = merged;
    }
    if (Object.keys(edit).length > 0) await client.issues.edit(this.#project.id, iid, edit);
    // Notes go last: the acknowledgement carries the marker that says
    // "triaged", so it must not exist unless everything before it happened.
    for (const body of changes.comments) await client.issueNotes.create(this.#project.id, iid, body);
    // Internal notes: only the project's members with Reporter access or more see them, never the client's public view.
    for (const body of changes.internalComments ?? []) await client.issueNotes.create(this.#project.id, iid, body, { internal: true });
  }

  /**
   * Renames a project label in place (`PUT /projects/:id/labels/:name` with
   * `new_name`), on every issue at once, with `to`'s description. False
   * when GitLab refuses because of the names: 400 or 409, `to` is taken;
   * 404, `from` is no label of the project's own (a group's, say).
   */
  async renameLabel(from: string, to: LabelSpec): Promise<boolean> {
    const { client, cache } = this.#deps;
    try {
      await client.labels.edit(this.#project.id, from, { newName: to.name, description: to.description });
    } catch (error) {
      const status = statusOf(error);
      if (status === 400 || status === 404 || status === 409) return false;
      throw error;
    }
    cache.update<Set<string>>(this.#project.path, "labels", (labels) => {
      labels.delete(from.toLowerCase());
      return labels.add(to.name.toLowerCase());
    });
    return true;
  }

  #rememberAssignees(issue: GitLabRestIssue): void {
    const assignees = issue.assignees ?? [];
    this.#deps.users.remember(issue.author ? [issue.author, ...assignees] : assignees);
    this.#assigneeIds.set(
      issue.iid,
      assignees.flatMap((user) => (user.id === undefined ? [] : [user.id])),
    );
  }

  async #currentAssigneeIds(iid: number): Promise<number[]> {
    const listed = this.#assigneeIds.get(iid);
    if (listed) return listed;
    const issue = (await this.#deps.client.issues.show(iid, { projectId: this.#project.id })) as unknown as GitLabRestIssue;
    this.#rememberAssignees(issue);
    this.#estimates.set(issue.iid, issue.time_stats?.time_estimate ?? 0);
    return this.#assigneeIds.get(iid) ?? [];
  }

  /**
   * Labels of a project and its groups are read once per project; missing
   * ones get colour and description, each created once however many tickets
   * ask for it at the same time. Both are shared, so they go as urgent: an
   * emergency may be among those waiting.
   */
  async #createMissingLabels(project: ProjectRef, specs: LabelSpec[]): Promise<void> {
    const { client, cache } = this.#deps;
    const existing = await cache.get(project.path, "labels", () =>
      withPriority("urgent", async () => {
        const labels = await client.labels.all(project.id, { includeAncestorGroups: true, perPage: 100 });
        return new Set(labels.map((label) => label.name.toLowerCase()));
      }),
    );
    const missing = specs.filter((spec) => !existing.has(spec.name.toLowerCase()));
    await Promise.all(
      missing.map((spec) =>
        cache.get(project.path, `label:${spec.name.toLowerCase()}`, () =>
          withPriority("urgent", () => client.labels.create(project.id, spec.name, `#${spec.color}`, { description: spec.description }))
            // 409: someone created it in the meantime; that is what we wanted.
            .catch((error: unknown) => {
              if (statusOf(error) !== 409) throw error;
            })
            .then(() => {
              cache.update<Set<string>>(project.path, "labels", (labels) => labels.add(spec.name.toLowerCase()));
            }),
        ),
      ),
    );
  }
}
