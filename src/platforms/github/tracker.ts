import type { LabelSpec } from "../../core/labels.js";
import type { Changes } from "../../core/plan.js";
import type { Comment, Ticket } from "../../core/types.js";
import type { BoardCapability, OpenIssue, TicketEditor } from "../../desk/port.js";
import type { ProjectBoards } from "./projects.js";
import type { RepoCache } from "../../runtime/repo-cache.js";
import { toComment, toTicket, type GitHubComment, type GitHubIssue } from "./mapper.js";
import { buildIssueMutation, buildUsersQuery } from "./issue-mutations.js";
import type { GitHubOctokit } from "./octokit.js";

/** The cache entry that holds people's node ids (not a repository: logins are global). */
const USERS = "#github-users";

/**
 * The issue tracker port over GitHub's API for one repository. Every method
 * is one call (or one paginated listing); a plan's labels and assignees go in
 * one GraphQL request; the repository's labels and people's node ids are
 * cached so that a new ticket costs no lookup.
 */
export class GitHubTracker implements TicketEditor {
  readonly repo: string;
  readonly #owner: string;
  readonly #name: string;
  /** Issue number -> GraphQL node id, from the listings this tracker made. */
  readonly #issueIds = new Map<number, string>();

  constructor(
    private readonly octokit: GitHubOctokit,
    owner: string,
    name: string,
    private readonly cache: RepoCache,
    /** The node id of the issue the event is about, which saves a lookup. */
    known: { number: number; node_id?: string } | undefined,
    /** frontdesk's own bot login: only its comments carry records frontdesk trusts. */
    private readonly self: string,
    /** Projects v2 boards, the port's optional board capability; without it board actions are not served. */
    projects?: ProjectBoards,
  ) {
    this.#owner = owner;
    this.#name = name;
    this.repo = `${owner}/${name}`;
    if (known?.node_id) this.#issueIds.set(known.number, known.node_id);
    if (projects) this.boards = { apply: async (number, actions) => projects.apply(await this.issueNodeId(number), actions) };
  }

  readonly boards?: BoardCapability;

  /** An issue listed elsewhere (the sweep's kept listing): its node id saves a lookup before a GraphQL write. */
  remember(issue: { number: number; node_id?: string }): void {
    if (issue.node_id) this.#issueIds.set(issue.number, issue.node_id);
  }

  async listOpenIssues(): Promise<OpenIssue[]> {
    const issues = (await this.octokit.paginate(this.octokit.rest.issues.listForRepo, {
      owner: this.#owner,
      repo: this.#name,
      state: "open",
      per_page: 100,
    })) as (GitHubIssue & { node_id?: string })[];
    for (const issue of issues) if (issue.node_id) this.#issueIds.set(issue.number, issue.node_id);
    return issues.map((issue) => ({ ticket: toTicket(this.repo, issue), commentCount: issue.comments ?? 0 }));
  }

  async listComments(number: number): Promise<Comment[]> {
    const comments = (await this.octokit.paginate(this.octokit.rest.issues.listComments, {
      owner: this.#owner,
      repo: this.#name,
      issue_number: number,
      per_page: 100,
    })) as GitHubComment[];
    return comments.map((comment) => toComment(comment, this.self));
  }

  async readIssue(number: number): Promise<OpenIssue> {
    const { data } = await this.octokit.rest.issues.get({ owner: this.#owner, repo: this.#name, issue_number: number });
    this.#issueIds.set(number, data.node_id);
    return { ticket: toTicket(this.repo, data as GitHubIssue), commentCount: data.comments ?? 0, ...(data.updated_at ? { updatedAt: new Date(data.updated_at) } : {}) };
  }

  async getTicket(number: number): Promise<Ticket> {
    return (await this.readIssue(number)).ticket;
  }

  async editComment(commentId: number, body: string): Promise<void> {
    await this.octokit.rest.issues.updateComment({ owner: this.#owner, repo: this.#name, comment_id: commentId, body });
  }

  async apply(number: number, changes: Changes, describe: (label: string) => LabelSpec): Promise<void> {
    // GitHub has no comments only the team sees: refuse them rather than show them to the client.
    if ((changes.internalComments ?? []).length > 0) throw new Error("GitHub has no internal comments");
    const issue = { owner: this.#owner, repo: this.#name, issue_number: number };
    const [labels, issueId, people] = await Promise.all([
      changes.addLabels.length + changes.removeLabels.length > 0 ? this.#labelIds(changes.addLabels.map(describe)) : new Map<string, string>(),
      changes.addLabels.length + changes.removeLabels.length + changes.assign.length + changes.unassign.length > 0
        ? this.issueNodeId(number)
        : "",
      this.#userIds([...changes.assign, ...changes.unassign]),
    ]);
    const ids = (names: string[], known: Map<string, string>) => names.flatMap((name) => known.get(name.toLowerCase()) ?? []);
    const mutation = buildIssueMutation({
      issueId,
      addLabelIds: ids(changes.addLabels, labels),
      removeLabelIds: ids(changes.removeLabels, labels),
      addAssigneeIds: ids(changes.assign, people),
      removeAssigneeIds: ids(changes.unassign, people),
    });
    if (mutation) {
      try {
        await this.octokit.graphql(mutation.query, mutation.variables);
      } catch (error) {
        if (!Array.isArray((error as { errors?: unknown }).errors)) throw error;
        // GitHub refused part of it (say, someone who cannot be assigned here): the
        // REST calls skip what cannot be done and do the rest, so the ticket moves on.
        this.octokit.log.warn(`${this.repo}#${number}: GraphQL update refused (${(error as Error).message}); using REST`);
        await this.#applyByRest(issue, changes);
      }
    }
    if (changes.state) await this.octokit.rest.issues.update({ ...issue, state: changes.state });
    // The comment goes last: it carries the marker that says "triaged", so it
    // must not exist unless everything before it happened.
    for (const body of changes.comments) await this.#createComment(issue, body);
  }

  async #applyByRest(issue: { owner: string; repo: string; issue_number: number }, changes: Changes): Promise<void> {
    const ignore404 = (error: unknown) => {
      if ((error as { status?: number }).status !== 404) throw error;
    };
    const { issues } = this.octokit.rest;
    await Promise.all([
      changes.addLabels.length > 0 ? issues.addLabels({ ...issue, labels: changes.addLabels }) : undefined,
      ...changes.removeLabels.map((name) => issues.removeLabel({ ...issue, name }).catch(ignore404)),
      changes.assign.length > 0 ? issues.addAssignees({ ...issue, assignees: changes.assign }) : undefined,
      changes.unassign.length > 0 ? issues.removeAssignees({ ...issue, assignees: changes.unassign }) : undefined,
    ]);
  }

  /**
   * Renames a label in place (`PATCH /repos/{owner}/{repo}/labels/{name}`),
   * on every issue at once, with `to`'s description. False when GitHub
   * refuses because of the names: 422, `to` exists; 404, `from` is gone.
   */
  async renameLabel(from: string, to: LabelSpec): Promise<boolean> {
    try {
      await this.octokit.rest.issues.updateLabel({ owner: this.#owner, repo: this.#name, name: from, new_name: to.name, description: to.description });
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status === 422 || status === 404) return false;
      throw error;
    }
    // The label keeps its node id under its new name.
    this.cache.update<Map<string, string>>(this.repo, "labels", (labels) => {
      const id = labels.get(from.toLowerCase());
      if (id === undefined) return labels;
      const renamed = new Map(labels);
      renamed.delete(from.toLowerCase());
      renamed.set(to.name.toLowerCase(), id);
      return renamed;
    });
    return true;
  }

  /** The issue's node id (Projects v2, GraphQL): known from the listing or the event, else read. */
  async issueNodeId(number: number): Promise<string> {
    const known = this.#issueIds.get(number);
    if (known) return known;
    await this.getTicket(number);
    return this.#issueIds.get(number)!;
  }

  /** Node ids of the repository's labels by lower-cased name, creating the missing ones (once per repository). */
  async #labelIds(specs: LabelSpec[]): Promise<Map<string, string>> {
    const existing = await this.cache.get(this.repo, "labels", async () => {
      const labels = await this.octokit.paginate(this.octokit.rest.issues.listLabelsForRepo, {
        owner: this.#owner,
        repo: this.#name,
        per_page: 100,
      });
      return new Map(labels.map((label) => [label.name.toLowerCase(), label.node_id]));
    });
    const missing = specs.filter((spec) => !existing.has(spec.name.toLowerCase()));
    const created = await Promise.all(
      missing.map((spec) =>
        this.cache.get(this.repo, `label:${spec.name.toLowerCase()}`, () => this.#createLabel(spec)).then((id) => [spec.name.toLowerCase(), id] as const),
      ),
    );
    if (created.length === 0) return existing;
    this.cache.update<Map<string, string>>(this.repo, "labels", (labels) => new Map([...labels, ...created]));
    return new Map([...existing, ...created]);
  }

  async #createLabel(spec: LabelSpec): Promise<string> {
    try {
      const { data } = await this.octokit.rest.issues.createLabel({ owner: this.#owner, repo: this.#name, ...spec });
      return data.node_id;
    } catch (error) {
      // 422: someone created it in the meantime; that is what we wanted.
      if ((error as { status?: number }).status !== 422) throw error;
      const { data } = await this.octokit.rest.issues.getLabel({ owner: this.#owner, repo: this.#name, name: spec.name });
      return data.node_id;
    }
  }

  /** Node ids of people by lower-cased login; one query for those not cached yet. */
  async #userIds(logins: readonly string[]): Promise<Map<string, string>> {
    const unique = [...new Set(logins.map((login) => login.toLowerCase()))];
    let batch: Promise<Record<string, { id: string } | null>> | undefined;
    const query = () => {
      const { query: document, variables } = buildUsersQuery(unique);
      return (batch ??= this.octokit.graphql<Record<string, { id: string } | null>>(document, variables));
    };
    const ids = await Promise.all(
      unique.map(async (login, index) => {
        const id = await this.cache.get(USERS, login, async () => (await query())[`u${index}`]?.id ?? "");
        return [login, id] as const;
      }),
    );
    return new Map(ids.filter(([, id]) => id !== ""));
  }

  /**
   * A comment whose creation failed on the server's side may exist all the
   * same: look before writing it again, so that a client never reads it twice.
   */
  async #createComment(issue: { owner: string; repo: string; issue_number: number }, body: string): Promise<void> {
    try {
      await this.octokit.rest.issues.createComment({ ...issue, body });
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status !== undefined && status < 500) throw error;
      const comments = await this.listComments(issue.issue_number);
      if (comments.some((comment) => comment.author.isSelf === true && comment.body === body)) return;
      await this.octokit.rest.issues.createComment({ ...issue, body });
    }
  }
}
