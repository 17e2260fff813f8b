import type { LabelSpec } from "../../core/labels.js";
import type { Changes } from "../../core/plan.js";
import type { Comment, Ticket } from "../../core/types.js";
import type { OpenIssue, TicketEditor } from "../port.js";
import type { RepoCache } from "../shared/repo-cache.js";
import { toComment, toTicket, type GitHubComment, type GitHubIssue } from "./mapper.js";
import type { GitHubOctokit } from "./octokit.js";

/**
 * The issue tracker port over GitHub's REST API for one repository. Every
 * method is one call (or one paginated listing); labels the repository
 * already has are cached so that a new ticket costs no label lookup.
 */
export class GitHubTracker implements TicketEditor {
  readonly repo: string;
  readonly #owner: string;
  readonly #name: string;

  constructor(
    private readonly octokit: GitHubOctokit,
    owner: string,
    name: string,
    private readonly cache: RepoCache,
  ) {
    this.#owner = owner;
    this.#name = name;
    this.repo = `${owner}/${name}`;
  }

  async listOpenIssues(): Promise<OpenIssue[]> {
    const issues = (await this.octokit.paginate(this.octokit.rest.issues.listForRepo, {
      owner: this.#owner,
      repo: this.#name,
      state: "open",
      per_page: 100,
    })) as GitHubIssue[];
    return issues.map((issue) => ({ ticket: toTicket(this.repo, issue), commentCount: issue.comments ?? 0 }));
  }

  async listComments(number: number): Promise<Comment[]> {
    const comments = (await this.octokit.paginate(this.octokit.rest.issues.listComments, {
      owner: this.#owner,
      repo: this.#name,
      issue_number: number,
      per_page: 100,
    })) as GitHubComment[];
    return comments.map(toComment);
  }

  async getTicket(number: number): Promise<Ticket> {
    const { data } = await this.octokit.rest.issues.get({ owner: this.#owner, repo: this.#name, issue_number: number });
    return toTicket(this.repo, data as GitHubIssue);
  }

  async editComment(commentId: number, body: string): Promise<void> {
    await this.octokit.rest.issues.updateComment({ owner: this.#owner, repo: this.#name, comment_id: commentId, body });
  }

  async apply(number: number, changes: Changes, describe: (label: string) => LabelSpec): Promise<void> {
    const issue = { owner: this.#owner, repo: this.#name, issue_number: number };
    if (changes.addLabels.length > 0) await this.#createMissingLabels(changes.addLabels.map(describe));
    const writes: Promise<unknown>[] = [];
    if (changes.addLabels.length > 0) {
      writes.push(this.octokit.rest.issues.addLabels({ ...issue, labels: changes.addLabels }));
    }
    for (const name of changes.removeLabels) {
      writes.push(this.octokit.rest.issues.removeLabel({ ...issue, name }).catch(ignoreStatus(404)));
    }
    if (changes.assign.length > 0) {
      writes.push(this.octokit.rest.issues.addAssignees({ ...issue, assignees: changes.assign }));
    }
    if (changes.unassign.length > 0) {
      writes.push(this.octokit.rest.issues.removeAssignees({ ...issue, assignees: changes.unassign }));
    }
    await Promise.all(writes);
    // The comment goes last: it carries the marker that says "triaged", so it
    // must not exist unless everything before it happened.
    for (const body of changes.comments) await this.#createComment(issue, body);
  }

  async #createMissingLabels(specs: LabelSpec[]): Promise<void> {
    const existing = await this.cache.get(this.repo, "labels", async () => {
      const labels = await this.octokit.paginate(this.octokit.rest.issues.listLabelsForRepo, {
        owner: this.#owner,
        repo: this.#name,
        per_page: 100,
      });
      return new Set(labels.map((label) => label.name.toLowerCase()));
    });
    const missing = specs.filter((spec) => !existing.has(spec.name.toLowerCase()));
    // One creation per label and repository, however many tickets arrive together.
    await Promise.all(
      missing.map((spec) =>
        this.cache.get(this.repo, `label:${spec.name.toLowerCase()}`, () =>
          this.octokit.rest.issues
            .createLabel({ owner: this.#owner, repo: this.#name, ...spec })
            // 422: someone created it in the meantime; that is what we wanted.
            .catch(ignoreStatus(422))
            .then(() => true),
        ),
      ),
    );
    if (missing.length > 0) {
      this.cache.update<Set<string>>(this.repo, "labels", (labels) => {
        for (const spec of missing) labels.add(spec.name.toLowerCase());
        return labels;
      });
    }
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
      if (comments.some((comment) => comment.author.isBot && comment.body === body)) return;
      await this.octokit.rest.issues.createComment({ ...issue, body });
    }
  }
}

function ignoreStatus(status: number) {
  return (error: unknown) => {
    if ((error as { status?: number }).status !== status) throw error;
  };
}
