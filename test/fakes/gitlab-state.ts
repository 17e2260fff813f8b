/**
 * The in-memory state of a fake GitLab instance and its REST routes under
 * `/api/v4`: the paths frontdesk's GitLab adapter calls, answered the way
 * GitLab answers them (issues by `iid`, labels as names, `assignee_ids`
 * replacing the list, `add_labels`/`remove_labels`, notes by the token's user).
 */

export interface FakeUser {
  id: number;
  username: string;
  name: string;
  bot?: boolean;
}

export interface FakeGitLabIssue {
  id: number;
  iid: number;
  project_id: number;
  title: string;
  description: string | null;
  state: "opened" | "closed";
  created_at: string;
  updated_at: string;
  labels: string[];
  author: FakeUser;
  assignees: FakeUser[];
  user_notes_count: number;
  time_estimate: number;
  web_url: string;
  closed_at?: string | null;
}

export interface FakeNote {
  id: number;
  body: string;
  author: FakeUser;
  created_at: string;
  system: boolean;
  noteable_type: "Issue";
  noteable_iid: number;
  /** Seen only by the team. */
  internal: boolean;
}

export interface FakeProject {
  id: number;
  path_with_namespace: string;
  default_branch: string;
  /** Repository files by path (`.gitlab/frontdesk.yml`). */
  files: Map<string, string>;
  issues: Map<number, FakeGitLabIssue>;
  notes: Map<number, FakeNote[]>;
  labels: Map<string, { id: number; name: string; color: string; description: string }>;
  members: (FakeUser & { access_level: number; state: string })[];
  statuses: { sha: string; state: string; name?: string; description?: string }[];
  /** An archived project is no client's any more: discovery leaves it out. */
  archived?: boolean;
}

export type Route = [status: number, body: unknown, headers?: Record<string, string>];

/** The token's own user, as `GET /user` shows it. */
export const FAKE_BOT: FakeUser = { id: 999, username: "frontdesk-bot", name: "frontdesk", bot: true };

export class FakeGitLabState {
  readonly projects = new Map<number, FakeProject>();
  readonly users = new Map<string, FakeUser>();
  #nextId = 1_000;

  constructor(readonly baseUrl = "http://gitlab.fake") {
    this.users.set(FAKE_BOT.username, FAKE_BOT);
  }

  addUser(username: string): FakeUser {
    const known = this.users.get(username.toLowerCase());
    if (known) return known;
    const user = { id: this.#nextId++, username, name: username };
    this.users.set(username.toLowerCase(), user);
    return user;
  }

  addProject(path: string, config?: string): FakeProject {
    const project: FakeProject = {
      id: this.#nextId++,
      path_with_namespace: path,
      default_branch: "main",
      files: new Map(config === undefined ? [] : [[".gitlab/frontdesk.yml", config]]),
      issues: new Map(),
      notes: new Map(),
      labels: new Map(),
      members: [],
      statuses: [],
    };
    this.projects.set(project.id, project);
    return project;
  }

  project(idOrPath: number | string): FakeProject | undefined {
    if (typeof idOrPath === "number" || /^\d+$/u.test(idOrPath)) return this.projects.get(Number(idOrPath));
    const path = decodeURIComponent(idOrPath).toLowerCase();
    return [...this.projects.values()].find((project) => project.path_with_namespace.toLowerCase() === path);
  }

  /** An issue as a client opens it (the Issue Hook comes from {@link issueHook}). */
  openIssue(
    project: FakeProject,
    fields: {
      iid: number;
      title: string;
      description?: string;
      author?: string;
      labels?: string[];
      createdAt?: Date;
      timeEstimate?: number;
      /** For the report: issues as they stand later, assigned or closed. */
      assignees?: string[];
      closedAt?: Date;
    },
  ): FakeGitLabIssue {
    const issue: FakeGitLabIssue = {
      id: 100_000 + project.id * 10_000 + fields.iid,
      iid: fields.iid,
      project_id: project.id,
      title: fields.title,
      description: fields.description ?? null,
      state: fields.closedAt ? "closed" : "opened",
      created_at: (fields.createdAt ?? new Date()).toISOString(),
      updated_at: (fields.closedAt ?? fields.createdAt ?? new Date()).toISOString(),
      labels: fields.labels ?? [],
      author: this.addUser(fields.author ?? "client-joe"),
      assignees: (fields.assignees ?? []).map((username) => this.addUser(username)),
      ...(fields.closedAt ? { closed_at: fields.closedAt.toISOString() } : {}),
      user_notes_count: 0,
      time_estimate: fields.timeEstimate ?? 0,
      web_url: `${this.baseUrl}/${project.path_with_namespace}/-/issues/${fields.iid}`,
    };
    project.issues.set(issue.iid, issue);
    return structuredClone(issue);
  }

  /** A note written at `createdAt` by a person, or by frontdesk's own user (no `author`), as the report reads them later. */
  addNote(project: FakeProject, iid: number, fields: { author?: string; body: string; createdAt: Date }): FakeNote {
    const author = fields.author === undefined ? FAKE_BOT : this.addUser(fields.author);
    const note: FakeNote = { id: this.#nextId++, body: fields.body, author, created_at: fields.createdAt.toISOString(), system: false, noteable_type: "Issue", noteable_iid: iid, internal: false };
    project.notes.set(iid, [...this.notesOf(project, iid), note]);
    const issue = project.issues.get(iid)!;
    [issue.user_notes_count, issue.updated_at] = [issue.user_notes_count + 1, latest(issue.updated_at, fields.createdAt)];
    return note;
  }

  notesOf(project: FakeProject, iid: number): FakeNote[] {
    return project.notes.get(iid) ?? [];
  }

  route(method: string, path: string, query: URLSearchParams, body: any): Route {
    if (method === "GET" && path === "/user") return [200, FAKE_BOT];
    if (method === "GET" && path === "/users") {
      const user = this.users.get((query.get("username") ?? "").toLowerCase());
      return [200, user ? [user] : []];
    }
    // The token user's projects (all of the fake's, archived ones left out when asked), for discovery.
    if (method === "GET" && path === "/projects") {
      const listed = [...this.projects.values()].filter((candidate) => query.get("archived") !== "false" || !candidate.archived);
      return this.#page(listed.map((candidate) => restProject(candidate, this.baseUrl)), query);
    }
    const match = /^\/projects\/([^/]+)(\/.*)?$/u.exec(path);
    const project = match ? this.project(match[1]!) : undefined;
    if (!project) return [404, { message: "404 Project Not Found" }];
    const rest = match?.[2] ?? "";
    if (method === "GET" && rest === "") return [200, restProject(project, this.baseUrl)];
    const file = /^\/repository\/files\/([^/]+)\/raw$/u.exec(rest);
    if (method === "GET" && file) {
      const text = project.files.get(decodeURIComponent(file[1]!));
      return text === undefined ? [404, { message: "404 File Not Found" }] : [200, text, { "content-type": "text/plain; charset=utf-8" }];
    }
    if (method === "GET" && rest === "/issues") {
      const state = query.get("state") ?? "all";
      // GitLab's created_after, created_before and updated_after are all inclusive.
      const after = query.get("created_after");
      const before = query.get("created_before");
      const updatedAfter = query.get("updated_after");
      const listed = [...project.issues.values()].filter(
        (issue) =>
          (state === "all" || issue.state === state) &&
          (after === null || Date.parse(issue.created_at) >= Date.parse(after)) &&
          (before === null || Date.parse(issue.created_at) <= Date.parse(before)) &&
          (updatedAfter === null || Date.parse(issue.updated_at) >= Date.parse(updatedAfter)),
      );
      if (query.get("order_by") === "updated_at") listed.sort((a, b) => (Date.parse(a.updated_at) - Date.parse(b.updated_at)) * (query.get("sort") === "asc" ? 1 : -1));
      return this.#page(listed.map(restIssue), query);
    }
    if (method === "GET" && rest === "/labels") return this.#page([...project.labels.values()], query);
    if (method === "POST" && rest === "/labels") {
      if (project.labels.has(String(body.name).toLowerCase())) return [409, { message: "Label already exists" }];
      const label = { id: this.#nextId++, name: body.name, color: body.color, description: body.description ?? "" };
      project.labels.set(label.name.toLowerCase(), label);
      return [201, label];
    }
    if (method === "GET" && rest === "/members/all") return this.#page(project.members, query);
    const status = /^\/statuses\/([0-9a-f]+)$/u.exec(rest);
    if (method === "POST" && status) {
      project.statuses.push({ sha: status[1]!, state: body.state, name: body.name, description: body.description });
      return [201, { sha: status[1], status: body.state, name: body.name }];
    }
    const issueRoute = /^\/issues\/(\d+)(\/.*)?$/u.exec(rest);
    const issue = issueRoute ? project.issues.get(Number(issueRoute[1])) : undefined;
    if (!issue) return [404, { message: `fake GitLab has no route ${method} ${path}` }];
    return this.#issueRoute(project, issue, method, issueRoute?.[2] ?? "", query, body);
  }

  #issueRoute(project: FakeProject, issue: FakeGitLabIssue, method: string, sub: string, query: URLSearchParams, body: any): Route {
    if (method === "GET" && sub === "") return [200, restIssue(issue)];
    if (method !== "GET") issue.updated_at = latest(issue.updated_at, new Date());
    if (method === "PUT" && sub === "") {
      for (const name of splitLabels(body.add_labels)) {
        if (!issue.labels.some((label) => label.toLowerCase() === name.toLowerCase())) issue.labels.push(name);
        if (!project.labels.has(name.toLowerCase())) project.labels.set(name.toLowerCase(), { id: this.#nextId++, name, color: "#ededed", description: "" });
      }
      const removed = new Set(splitLabels(body.remove_labels).map((name) => name.toLowerCase()));
      issue.labels = issue.labels.filter((label) => !removed.has(label.toLowerCase()));
      if (Array.isArray(body.assignee_ids)) {
        const byId = new Map([...this.users.values()].map((user) => [user.id, user]));
        issue.assignees = (body.assignee_ids as number[]).flatMap((id) => byId.get(id) ?? []);
      }
      return [200, issue];
    }
    if (method === "POST" && sub === "/move") {
      const target = this.project(String(body.to_project_id));
      if (!target) return [404, { message: "404 Project Not Found" }];
      project.issues.delete(issue.iid);
      const iid = Math.max(0, ...target.issues.keys()) + 1;
      const moved = { ...issue, iid, project_id: target.id, labels: issue.labels.filter((label) => target.labels.has(label.toLowerCase())) };
      target.issues.set(iid, moved);
      return [201, moved];
    }
    if (method === "GET" && sub === "/notes") {
      const notes = [...this.notesOf(project, issue.iid)];
      if (query.get("sort") === "desc") notes.reverse();
      return this.#page(notes, query);
    }
    if (method === "POST" && sub === "/notes") {
      const note: FakeNote = { id: this.#nextId++, body: body.body, author: FAKE_BOT, created_at: new Date().toISOString(), system: false, noteable_type: "Issue", noteable_iid: issue.iid, internal: body.internal === true };
      project.notes.set(issue.iid, [...this.notesOf(project, issue.iid), note]);
      issue.user_notes_count++;
      return [201, note];
    }
    const note = /^\/notes\/(\d+)$/u.exec(sub);
    if (method === "PUT" && note) {
      const found = this.notesOf(project, issue.iid).find((existing) => existing.id === Number(note[1]));
      if (!found) return [404, { message: "404 Note Not Found" }];
      found.body = body.body;
      return [200, found];
    }
    return [404, { message: `fake GitLab has no route ${method} /issues/${issue.iid}${sub}` }];
  }

  #page(items: unknown[], query: URLSearchParams): Route {
    const perPage = Math.min(100, Number(query.get("per_page") ?? 20));
    const page = Number(query.get("page") ?? 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const headers: Record<string, string> = { "x-page": String(page), "x-per-page": String(perPage), "x-total": String(items.length), "x-total-pages": String(last) };
    if (page < last) {
      const next = new URLSearchParams(query);
      next.set("page", String(page + 1));
      headers["x-next-page"] = String(page + 1);
      // {self} becomes the request's own address in the server.
      headers.link = `<{self}?${next.toString()}>; rel="next"`;
    }
    return [200, structuredClone(items.slice((page - 1) * perPage, page * perPage)), headers];
  }
}

/** `updated_at` moves on, never back. */
const latest = (before: string, at: Date) => new Date(Math.max(Date.parse(before), at.getTime())).toISOString();

function splitLabels(value: unknown): string[] {
  return typeof value === "string" ? value.split(",").map((name) => name.trim()).filter(Boolean) : [];
}

/** A project as `GET /projects/:id` shows it (the fields frontdesk reads, and a few beside them). */
function restProject(project: FakeProject, baseUrl: string) {
  const segments = project.path_with_namespace.split("/");
  const namespace = segments.slice(0, -1).join("/");
  return {
    id: project.id,
    name: segments.at(-1),
    path: segments.at(-1),
    path_with_namespace: project.path_with_namespace,
    default_branch: project.default_branch,
    web_url: `${baseUrl}/${project.path_with_namespace}`,
    namespace: { id: 1, name: segments.at(-2), path: segments.at(-2), kind: "group", full_path: namespace },
  };
}

/** An issue as the REST API shows it: the time estimate under `time_stats`, where hooks have it at the top. */
function restIssue(issue: FakeGitLabIssue): Omit<FakeGitLabIssue, "time_estimate"> & { time_stats: { time_estimate: number; total_time_spent: number } } {
  const { time_estimate, ...rest } = issue;
  return { ...rest, time_stats: { time_estimate, total_time_spent: 0 } };
}
