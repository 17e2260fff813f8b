import { issueNodeId, labelNodeId } from "./github-graphql.js";

/** The in-memory state of one fake GitHub repository and its REST routes. */

export interface FakeIssue {
  number: number;
  node_id: string;
  title: string;
  body: string | null;
  user: { login: string; type: string };
  labels: { name: string }[];
  assignees: { login: string; type: string }[];
  state: "open" | "closed";
  comments: number;
  created_at: string;
  /** Every change moves it on (a comment, labels, assignees), as on GitHub; `since` compares it. */
  updated_at: string;
  closed_at?: string | null;
  html_url?: string;
  pull_request?: object;
}

export interface FakeComment {
  id: number;
  body: string;
  user: { login: string; type: string };
  created_at: string;
}

type Response = [number, unknown, Record<string, string>?];

let nextCommentId = 1000;

export class FakeRepo {
  readonly issues = new Map<number, FakeIssue>();
  readonly comments = new Map<number, FakeComment[]>();
  readonly labels = new Map<string, { name: string; color: string; description: string; node_id: string }>();
  config: string | undefined;
  readonly botLogin = "frontdesk[bot]";
  /** People GitHub calls COLLABORATOR here (clients usually are): what `author_association` says of them. */
  readonly collaborators = new Set<string>();

  constructor(
    readonly fullName: string,
    config?: string,
  ) {
    this.config = config;
  }

  /** An issue as a client opens it; returns the REST issue (also the webhook's `issue`). */
  openIssue(fields: {
    number: number;
    title: string;
    body?: string;
    author?: string;
    labels?: string[];
    createdAt?: string;
    /** For the report: issues as they stand later, assigned, closed, or pull requests. */
    assignees?: string[];
    closedAt?: string;
    pullRequest?: boolean;
  }): FakeIssue {
    const issue: FakeIssue = {
      number: fields.number,
      node_id: issueNodeId(this.fullName, fields.number),
      title: fields.title,
      body: fields.body ?? null,
      user: { login: fields.author ?? "client-joe", type: "User" },
      labels: (fields.labels ?? []).map((name) => ({ name })),
      assignees: (fields.assignees ?? []).map((login) => ({ login, type: "User" })),
      state: fields.closedAt ? "closed" : "open",
      comments: 0,
      created_at: fields.createdAt ?? new Date().toISOString(),
      updated_at: fields.closedAt ?? fields.createdAt ?? new Date().toISOString(),
      ...(fields.closedAt ? { closed_at: fields.closedAt } : {}),
      ...(fields.pullRequest ? { pull_request: {} } : {}),
    };
    this.issues.set(issue.number, issue);
    return structuredClone(issue);
  }

  #association(login: string): string {
    return this.collaborators.has(login.toLowerCase()) ? "COLLABORATOR" : "NONE";
  }

  commentsOf(number: number): FakeComment[] {
    return this.comments.get(number) ?? [];
  }

  /** A comment by a person, as if written in GitHub's web interface. */
  addUserComment(number: number, login: string, body: string): FakeComment {
    const comment = { id: nextCommentId++, body, user: { login, type: "User" }, created_at: new Date().toISOString() };
    this.comments.set(number, [...this.commentsOf(number), comment]);
    touch(this.issues.get(number)!).comments++;
    return comment;
  }

  /** A comment written at `createdAt`, by a person or (`bot`) by frontdesk itself, as the report reads them later. */
  addComment(number: number, fields: { login?: string; bot?: boolean; body: string; createdAt: string }): FakeComment {
    const user = fields.bot ? { login: this.botLogin, type: "Bot" } : { login: fields.login ?? "client-joe", type: "User" };
    const comment = { id: nextCommentId++, body: fields.body, user, created_at: fields.createdAt };
    this.comments.set(number, [...this.commentsOf(number), comment]);
    touch(this.issues.get(number)!, fields.createdAt).comments++;
    return comment;
  }

  /** A person closed the issue (or reopened it). */
  setState(number: number, state: "open" | "closed"): void {
    const issue = touch(this.issues.get(number)!);
    issue.state = state;
    issue.closed_at = state === "closed" ? issue.updated_at : null;
  }

  route(method: string, rest: string, query: URLSearchParams, body: any): Response {
    if (method === "GET" && /^\/contents\//u.test(rest)) {
      const path = decodeURIComponent(rest.slice("/contents/".length));
      return path === ".github/frontdesk.yml" && this.config !== undefined ? [200, this.config] : [404, { message: "Not Found" }];
    }
    if (method === "GET" && rest === "/issues") {
      const state = query.get("state") ?? "open";
      // `since`: updated at or after it, as on GitHub.
      const since = Date.parse(query.get("since") ?? "") || Number.NEGATIVE_INFINITY;
      const listed = [...this.issues.values()].filter((issue) => (state === "all" || issue.state === state) && Date.parse(issue.updated_at) >= since);
      const direction = query.get("direction") === "asc" ? 1 : -1;
      if (query.get("sort") === "created") listed.sort((a, b) => a.created_at.localeCompare(b.created_at) * direction);
      if (query.get("sort") === "updated") listed.sort((a, b) => (Date.parse(a.updated_at) - Date.parse(b.updated_at)) * direction);
      return this.#page(listed, query);
    }
    if (method === "GET" && rest === "/labels") return this.#page([...this.labels.values()], query);
    if (method === "POST" && rest === "/labels") {
      if (this.labels.has(body.name.toLowerCase())) return [422, { message: "Validation Failed" }];
      const label = { ...body, node_id: labelNodeId(this.fullName, body.name) };
      this.labels.set(body.name.toLowerCase(), label);
      return [201, label];
    }
    const labelRoute = /^\/labels\/(.+)$/u.exec(rest);
    if (method === "GET" && labelRoute) {
      const label = this.labels.get(decodeURIComponent(labelRoute[1] ?? "").toLowerCase());
      return label ? [200, label] : [404, { message: "Not Found" }];
    }
    if (method === "GET" && rest === "/issues/comments") {
      const since = Date.parse(query.get("since") ?? "") || Number.NEGATIVE_INFINITY;
      const all = [...this.comments.entries()].flatMap(([number, comments]) =>
        comments.map((comment) => ({ ...comment, issue_url: `http://fake/repos/${this.fullName}/issues/${number}`, author_association: this.#association(comment.user.login) })),
      );
      return this.#page(all.filter((comment) => Date.parse(comment.created_at) >= since), query);
    }
    const commentRoute = /^\/issues\/comments\/(\d+)$/u.exec(rest);
    if (method === "PATCH" && commentRoute) {
      const comment = [...this.comments.values()].flat().find((candidate) => candidate.id === Number(commentRoute[1]));
      if (!comment) return [404, { message: "Not Found" }];
      comment.body = body.body;
      return [200, comment];
    }
    const issueRoute = /^\/issues\/(\d+)(\/.*)?$/u.exec(rest);
    const issue = issueRoute ? this.issues.get(Number(issueRoute[1])) : undefined;
    if (issueRoute && !issue) return [404, { message: "Not Found" }];
    if (!issue) return [404, { message: "Not Found" }];
    const sub = issueRoute?.[2] ?? "";
    if (method === "GET" && sub === "") return [200, issue];
    if (method !== "GET") touch(issue);
    if (method === "GET" && sub === "/comments") {
      return this.#page(this.commentsOf(issue.number).map((comment) => ({ ...comment, author_association: this.#association(comment.user.login) })), query);
    }
    if (method === "POST" && sub === "/comments") {
      const comment = { id: nextCommentId++, body: body.body, user: { login: this.botLogin, type: "Bot" }, created_at: new Date().toISOString() };
      this.comments.set(issue.number, [...this.commentsOf(issue.number), comment]);
      issue.comments++;
      return [201, comment];
    }
    if (method === "POST" && sub === "/labels") {
      for (const name of body.labels as string[]) {
        if (!this.labels.has(name.toLowerCase())) this.labels.set(name.toLowerCase(), { name, color: "ededed", description: "", node_id: labelNodeId(this.fullName, name) });
        if (!issue.labels.some((label) => label.name.toLowerCase() === name.toLowerCase())) issue.labels.push({ name });
      }
      return [200, issue.labels];
    }
    const label = /^\/labels\/(.+)$/u.exec(sub);
    if (method === "DELETE" && label) {
      const name = decodeURIComponent(label[1] ?? "");
      const before = issue.labels.length;
      issue.labels = issue.labels.filter((existing) => existing.name.toLowerCase() !== name.toLowerCase());
      return before === issue.labels.length ? [404, { message: "Label does not exist" }] : [200, issue.labels];
    }
    if (method === "POST" && sub === "/assignees") {
      for (const login of body.assignees as string[]) {
        if (!issue.assignees.some((user) => user.login === login)) issue.assignees.push({ login, type: "User" });
      }
      return [201, issue];
    }
    if (method === "DELETE" && sub === "/assignees") {
      issue.assignees = issue.assignees.filter((user) => !(body.assignees as string[]).includes(user.login));
      return [200, issue];
    }
    return [404, { message: `fake GitHub has no route ${method} ${rest}` }];
  }

  /** A GraphQL mutation changed the issue. */
  touched(number: number): void {
    const issue = this.issues.get(number);
    if (issue) touch(issue);
  }

  #page(items: unknown[], query: URLSearchParams): Response {
    const perPage = Number(query.get("per_page") ?? 30);
    const page = Number(query.get("page") ?? 1);
    const slice = items.slice((page - 1) * perPage, page * perPage);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const headers: Record<string, string> = {};
    if (page < last) {
      const next = new URLSearchParams(query);
      next.set("page", String(page + 1));
      // {self} is replaced with the request's own address by the server.
      headers.link = `<{self}?${next.toString()}>; rel="next"`;
    }
    return [200, structuredClone(slice), headers];
  }
}

/** The issue changed now (or at `at`): `updated_at` moves on, never back, and never stays (so each change is one version). */
function touch(issue: FakeIssue, at = new Date().toISOString()): FakeIssue {
  const previous = Date.parse(issue.updated_at);
  const next = Math.max(Date.parse(at), previous + 1);
  issue.updated_at = next === Date.parse(at) ? at : new Date(next).toISOString();
  return issue;
}
